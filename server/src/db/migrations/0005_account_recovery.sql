-- Account recovery: password reset by email with one-time tokens (only their hash is kept) and an
-- expiry, the requests made (counted for the rate limit whether or not an account matched), and the
-- single session a payment page's resume token may open.
CREATE TABLE password_resets (
  token_hash text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX password_resets_customer ON password_resets (customer_id);

CREATE TABLE password_reset_requests (
  identifier text NOT NULL,
  client_ip text NOT NULL,
  requested_at timestamptz NOT NULL
);
CREATE INDEX password_reset_requests_identifier ON password_reset_requests (identifier, requested_at);
CREATE INDEX password_reset_requests_ip ON password_reset_requests (client_ip, requested_at);

-- Back from a cancelled or refused payment page, the resume token opens one session (then this
-- is set and it opens no other).
ALTER TABLE orders ADD COLUMN resume_session_at timestamptz;
