// One submission per payment attempt on a hosted payment page: the page carries a one-time
// token (its SHA-256 is kept on the order), and the one submission that takes it may complete
// the payment; a replayed, stale or forged submission finds nothing to take. Together with the
// Origin check (formOriginAllowed) a page on another site cannot pay, cancel or re-submit.
import { hashToken, newToken } from '../accounts/credentials.ts';
import type { Queryable } from '../db/database.ts';

/** A fresh token for the form about to be shown (the previous one stops working). */
export async function issuePaymentAttempt(db: Queryable, orderId: string): Promise<string> {
  const token = newToken();
  await db.query(
    `UPDATE orders SET payment_attempt_hash = $2 WHERE id = $1 AND status = 'pending_payment'`,
    [orderId, hashToken(token)],
  );
  return token;
}

/** Takes the attempt's token: true for the one submission that carries it, false after. */
export async function takePaymentAttempt(
  db: Queryable,
  orderId: string,
  token: string | undefined,
): Promise<boolean> {
  if (!token) return false;
  const { rows } = await db.query(
    `UPDATE orders SET payment_attempt_hash = NULL
      WHERE id = $1 AND payment_attempt_hash = $2 AND status = 'pending_payment' RETURNING id`,
    [orderId, hashToken(token)],
  );
  return rows.length === 1;
}

/**
 * A form post may come from this server's own page only. Browsers send Origin on every POST;
 * the page is served with `Referrer-Policy: same-origin`, so its own posts carry the real
 * origin, and `null` (a sandboxed frame, a no-referrer page elsewhere) is refused like any
 * other site. A client that sends no Origin is not a browser on another site.
 */
export function formOriginAllowed(origin: string | undefined, ownOrigin: string): boolean {
  return origin === undefined || origin === ownOrigin;
}
