// Password reset by email (seed 000: "recupera la password"): one-time tokens, kept only as a
// hash, valid 30 minutes and used once; setting a new password ends the account's sessions and
// every other reset link. Requests are rate-limited per identifier and per client address,
// counted whether or not an account matched, so neither the answer nor the limit tells whether
// an account exists. The pages are in http/password-reset.ts.
import type { Locale } from 'cassa/contract';
import type { Database, Queryable } from '../db/database.ts';
import { passwordResetEmail, queueEmail } from '../notifications/outbox.ts';
import { hashToken, newToken } from './credentials.ts';

export const RESET_TTL_MS = 30 * 60 * 1000;
export const RESET_WINDOW_MS = 15 * 60 * 1000;
/** Requests per identifier, and per client address, in the window. */
export const MAX_RESETS_PER_IDENTIFIER = 3;
export const MAX_RESETS_PER_ADDRESS = 20;

/** Seconds until another request is allowed for this identifier and address, or 0. */
export async function resetRetryAfter(
  db: Queryable,
  identifier: string,
  clientIp: string,
  now: Date,
) {
  const since = new Date(now.getTime() - RESET_WINDOW_MS);
  const oldestBeyond = async (column: 'identifier' | 'client_ip', value: string, max: number) => {
    const { rows } = await db.query<{ requested_at: Date }>(
      `SELECT requested_at FROM password_reset_requests WHERE ${column} = $1 AND requested_at > $2
        ORDER BY requested_at DESC OFFSET $3 LIMIT 1`,
      [value, since, max - 1],
    );
    const oldest = rows[0]?.requested_at;
    if (!oldest) return 0;
    return Math.max(
      1,
      Math.ceil((new Date(oldest).getTime() + RESET_WINDOW_MS - now.getTime()) / 1000),
    );
  };
  return Math.max(
    await oldestBeyond('identifier', identifier, MAX_RESETS_PER_IDENTIFIER),
    await oldestBeyond('client_ip', clientIp, MAX_RESETS_PER_ADDRESS),
  );
}

/** Records the request and, for each account that matches, mails a new one-time link. */
export async function requestReset(
  db: Queryable,
  input: {
    identifier: string;
    clientIp: string;
    now: Date;
    /** Where the link points: the page that takes the token (`…/password-reset/{token}`). */
    linkBase: string;
    locale: Locale;
  },
) {
  const { identifier, clientIp, now } = input;
  await db.query(
    'INSERT INTO password_reset_requests (identifier, client_ip, requested_at) VALUES ($1, $2, $3)',
    [identifier, clientIp, now],
  );
  await db.query('DELETE FROM password_reset_requests WHERE requested_at <= $1', [
    new Date(now.getTime() - RESET_WINDOW_MS),
  ]);
  const { rows } = await db.query<{ id: string; username: string; email: string }>(
    `SELECT id, username, holder->>'email' AS email FROM customers
      WHERE username = $1 OR lower(holder->>'email') = $1 ORDER BY username LIMIT 5`,
    [identifier],
  );
  for (const account of rows) {
    const token = newToken();
    await db.query(
      'INSERT INTO password_resets (token_hash, customer_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
      [hashToken(token), account.id, now, new Date(now.getTime() + RESET_TTL_MS)],
    );
    const link = `${input.linkBase}/${token}?lang=${input.locale}`;
    await queueEmail(db, passwordResetEmail(account.email, account.username, link, input.locale), {
      now,
    });
  }
}

/** The customer a reset token is for, while it is unused and unexpired. */
export async function validReset(db: Queryable, token: string, now: Date) {
  const { rows } = await db.query<{ customer_id: string }>(
    'SELECT customer_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2',
    [hashToken(token), now],
  );
  return rows[0]?.customer_id;
}

/**
 * Sets the new password with the token, once: false when the token is unknown, used or expired.
 * The account's sessions and its other reset links end with it.
 */
export async function resetPassword(
  db: Database,
  token: string,
  passwordHash: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Used once: the first request that marks it wins; a second one finds it used.
    const { rows } = await tx.query<{ customer_id: string }>(
      `UPDATE password_resets SET used_at = $2
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING customer_id`,
      [hashToken(token), now],
    );
    const customerId = rows[0]?.customer_id;
    if (!customerId) return false;
    await tx.query('UPDATE customers SET password_hash = $2 WHERE id = $1', [
      customerId,
      passwordHash,
    ]);
    await tx.query('DELETE FROM sessions WHERE customer_id = $1', [customerId]);
    await tx.query('DELETE FROM password_resets WHERE customer_id = $1 AND used_at IS NULL', [
      customerId,
    ]);
    return true;
  });
}
