-- Security (issue 23). Login limits: counters of rate-limiter-flexible's PostgreSQL store, one row per
-- key (a username's hash, a client address, or the global counter), each taken and counted in
-- one INSERT … ON CONFLICT DO UPDATE … RETURNING, so concurrent attempts on any instance never
-- read a stale count. They replace the per-failure rows, which were read, then written.
DROP TABLE login_failures;

CREATE TABLE login_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  -- Unix milliseconds when the window ends (the library's layout).
  expire bigint
);
CREATE INDEX login_limits_expire ON login_limits (expire);

-- The payment page's one-time form token (issue 23): SHA-256 of the token in the form the
-- buyer was shown; taken (set to null) by the one submission that may complete the attempt.
ALTER TABLE orders ADD COLUMN payment_attempt_hash text;
