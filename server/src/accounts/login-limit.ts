// Failed-login rate limit, kept in the database so every instance sees the same counts:
// after 10 failures for a username in 15 minutes (from any address, or from one address),
// further attempts are refused, even with the right password, until failures age out.
import type { Queryable } from '../db/database.ts';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILED_LOGINS = 10;

/** Seconds until an attempt is allowed again, or 0 when it is allowed now. */
export async function loginRetryAfter(
  db: Queryable,
  username: string,
  clientIp: string,
  now: Date,
): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const wait = async (sql: string, params: unknown[]) => {
    // The failure whose expiry brings the count back under the limit.
    const { rows } = await db.query<{ failed_at: Date }>(sql, [
      ...params,
      since,
      MAX_FAILED_LOGINS - 1,
    ]);
    const oldest = rows[0]?.failed_at;
    if (!oldest) return 0;
    return Math.max(
      1,
      Math.ceil((new Date(oldest).getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000),
    );
  };
  const byUsername = await wait(
    `SELECT failed_at FROM login_failures WHERE username = $1 AND failed_at > $2
      ORDER BY failed_at DESC OFFSET $3 LIMIT 1`,
    [username],
  );
  const byUsernameAndIp = await wait(
    `SELECT failed_at FROM login_failures WHERE username = $1 AND client_ip = $2 AND failed_at > $3
      ORDER BY failed_at DESC OFFSET $4 LIMIT 1`,
    [username, clientIp],
  );
  return Math.max(byUsername, byUsernameAndIp);
}

export async function recordLoginFailure(
  db: Queryable,
  username: string,
  clientIp: string,
  now: Date,
): Promise<void> {
  await db.query(
    'INSERT INTO login_failures (username, client_ip, failed_at) VALUES ($1, $2, $3)',
    [username, clientIp, now],
  );
  // Keep the table small: older rows no longer count.
  await db.query('DELETE FROM login_failures WHERE username = $1 AND failed_at <= $2', [
    username,
    new Date(now.getTime() - LOGIN_WINDOW_MS),
  ]);
}
