// One submission per payment attempt on a hosted payment page: the page carries a one-time
// token (its SHA-256 is kept on the order), and the one submission that takes it may complete
// the payment; a replayed, stale or forged submission finds nothing to take. Together with the
// Origin check (formOriginAllowed) a page on another site cannot pay, cancel or re-submit.
import { hashToken, newToken } from '../accounts/credentials.ts';
import type { Queryable } from '../db/database.ts';

/**
 * Where a kind of hosted form keeps its token: the row, the column and the status in which the
 * form may still be submitted. Fixed here (never from a request), so the SQL below stays literal.
 */
const FORM_TOKENS = {
  order: { table: 'orders', column: 'payment_attempt_hash', open: 'pending_payment' },
  setup: { table: 'payment_method_setups', column: 'attempt_hash', open: 'pending' },
  renewal: { table: 'renewal_payments', column: 'attempt_hash', open: 'action_required' },
} as const;
type FormKind = keyof typeof FORM_TOKENS;

/** A fresh token for the form about to be shown (the previous one stops working). */
async function issueFormToken(db: Queryable, kind: FormKind, id: string): Promise<string> {
  const { table, column, open } = FORM_TOKENS[kind];
  const token = newToken();
  await db.query(`UPDATE ${table} SET ${column} = $2 WHERE id = $1 AND status = '${open}'`, [
    id,
    hashToken(token),
  ]);
  return token;
}

/** Takes the form's token: true for the one submission that carries it, false after. */
async function takeFormToken(
  db: Queryable,
  kind: FormKind,
  id: string,
  token: string | undefined,
): Promise<boolean> {
  if (!token) return false;
  const { table, column, open } = FORM_TOKENS[kind];
  const { rows } = await db.query(
    `UPDATE ${table} SET ${column} = NULL
      WHERE id = $1 AND ${column} = $2 AND status = '${open}' RETURNING id`,
    [id, hashToken(token)],
  );
  return rows.length === 1;
}

/** An order's payment page. */
export const issuePaymentAttempt = (db: Queryable, orderId: string) =>
  issueFormToken(db, 'order', orderId);
export const takePaymentAttempt = (db: Queryable, orderId: string, token: string | undefined) =>
  takeFormToken(db, 'order', orderId, token);
/** A payment method added from the customer area (nothing charged). */
export const issueSetupAttempt = (db: Queryable, id: string) => issueFormToken(db, 'setup', id);
export const takeSetupAttempt = (db: Queryable, id: string, token: string | undefined) =>
  takeFormToken(db, 'setup', id, token);
/** The bank's challenge for a renewal payment (the email's link). */
export const issueRenewalAttempt = (db: Queryable, id: string) => issueFormToken(db, 'renewal', id);
export const takeRenewalAttempt = (db: Queryable, id: string, token: string | undefined) =>
  takeFormToken(db, 'renewal', id, token);

/**
 * A form post may come from this server's own page only. Browsers send Origin on every POST;
 * the page is served with `Referrer-Policy: same-origin`, so its own posts carry the real
 * origin, and `null` (a sandboxed frame, a no-referrer page elsewhere) is refused like any
 * other site. A client that sends no Origin is not a browser on another site.
 */
export function formOriginAllowed(origin: string | undefined, ownOrigin: string): boolean {
  return origin === undefined || origin === ownOrigin;
}
