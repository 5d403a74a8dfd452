-- Account recovery: password reset by email with one-time tokens (only their hash is kept) and an
-- expiry; the reset requests' limits (rate-limiter-flexible's PostgreSQL store, the layout of
-- 0005_security's login_limits: per identifier's hash and per client address, counted whether or
-- not an account matched); and the single session a payment page's resume token may open.
CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_resets_customer ON password_resets (customer_id);

CREATE TABLE password_reset_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  -- Unix milliseconds when the window ends (the library's layout).
  expire bigint
);
CREATE INDEX password_reset_limits_expire ON password_reset_limits (expire);

-- Back from a cancelled or refused payment page, the resume token opens one session (then this
-- is set and it opens no other).
ALTER TABLE orders ADD COLUMN resume_session_at timestamptz;
