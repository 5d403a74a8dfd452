-- Login limits (issue 23): counters of rate-limiter-flexible's PostgreSQL store, one row per
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
