// Password reset by email (seed 000: "recupera la password"): one-time tokens, kept only as a
// hash, valid 30 minutes and used once; setting a new password ends the account's sessions and
// every other reset link. Requests are rate-limited per identifier and per client address,
// counted whether or not an account matched, so neither the answer nor the limit tells whether
// an account exists. The pages are in http/password-reset.ts.
import type { Locale } from 'cassa/contract';
import type { Database, Queryable } from '../db/database.ts';
import { passwordResetEmail, queueEmail } from '../notifications/outbox.ts';
import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { hashToken, newToken } from './credentials.ts';
import { storeClient } from './login-limit.ts';

export const RESET_TTL_MS = 30 * 60 * 1000;
export const RESET_WINDOW_MS = 15 * 60 * 1000;
/** Requests per identifier, and per client address, in the window. */
export const MAX_RESETS_PER_IDENTIFIER = 3;
export const MAX_RESETS_PER_ADDRESS = 20;

/**
 * The reset requests' limits, kept in the database so every instance shares them
 * (rate-limiter-flexible's PostgreSQL store, as the login limits: accounts/login-limit.ts). Each
 * request is counted, per client address then per identifier (its hash, never the identifier),
 * whether or not an account matches. Windows are fixed and run on the real clock.
 */
export function resetLimiter(db: Queryable) {
  const make = (keyPrefix: string, points: number) =>
    new RateLimiterPostgres({
      storeClient: storeClient(db),
      storeType: 'client',
      tableName: 'password_reset_limits',
      tableCreated: true, // by migration 0007_account_recovery
      keyPrefix,
      points,
      duration: RESET_WINDOW_MS / 1000,
      clearExpiredByTimeout: true,
    });
  const byAddress = make('address', MAX_RESETS_PER_ADDRESS);
  const byIdentifier = make('identifier', MAX_RESETS_PER_IDENTIFIER);
  return {
    /** Counts one request: 0 when it may go on, else the seconds until another may. */
    async take(identifier: string, address: string): Promise<number> {
      const digest = createHash('sha256')
        .update(`cassa-reset:${identifier}`, 'utf8')
        .digest('hex')
        .slice(0, 24);
      for (const [limiter, key] of [
        [byAddress, address],
        [byIdentifier, digest],
      ] as const) {
        try {
          await limiter.consume(key);
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        }
      }
      return 0;
    },
  };
}

/** For each account that matches, mails a new one-time link (the request was counted before). */
export async function requestReset(
  db: Queryable,
  input: {
    identifier: string;
    now: Date;
    /** Where the link points: the page that takes the token (`…/password-reset/{token}`). */
    linkBase: string;
    locale: Locale;
  },
) {
  const { identifier, now } = input;
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
