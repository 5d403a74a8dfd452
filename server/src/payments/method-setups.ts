// Adding a saved payment method from the customer area (issue 24, POST /v1/me/payment-methods):
// the buyer enters a card or PayPal account on the provider's page (the same seam as a first
// payment, for 0.00 €: nothing is charged), and on the way back the method is saved for the
// customer. A setup is pending until its one return; a later return changes nothing. The buyer
// then goes back to the shop's page with `cassa_method=saved|refused|cancelled`, and (on that one
// return) `cassa_setup` and `cassa_resume`: a resume token that opens one session for the setup's
// customer (POST /v1/auth/resume), so the customer area continues without a second login.
import { randomUUID } from 'node:crypto';
import type { FieldError, Locale, PaymentMethodSetup, ProviderRedirect } from 'cassa/contract';
import type { Database, Queryable } from '../db/database.ts';
import { invalidRequest, notFound } from '../http/problems.ts';
import { returnUrlError } from '../orders/checkout.ts';
import { hashToken, newToken } from '../accounts/credentials.ts';
import { RESUME_TTL_MS, savePaymentMethod } from './payments.ts';
import type { OnlineMethod, PaymentProvider, PaymentResult } from './provider.ts';

export interface MethodSetup {
  id: string;
  customerId: string;
  type: OnlineMethod;
  status: 'pending' | 'saved' | 'refused' | 'cancelled';
  returnUrl: string;
  locale: Locale;
}

/** Where this server expects the buyer back from the provider's page of a setup. */
export const setupReturnPath = (id: string) =>
  `/api/payment-methods/setups/${encodeURIComponent(id)}/return`;

/** Setup ids are told apart from order ids by this prefix (a provider page serves both). */
export const SETUP_PREFIX = 'pms_';

export async function startMethodSetup(
  tx: Queryable,
  customerId: string,
  request: PaymentMethodSetup,
  context: {
    payments: PaymentProvider;
    origin: string;
    returnOrigins: readonly string[];
    locale: Locale;
    now: Date;
  },
): Promise<ProviderRedirect> {
  const errors: FieldError[] = [];
  if (!context.payments.methods.includes(request.type))
    errors.push({ path: 'type', code: 'payment.method' });
  const bad = returnUrlError(request.returnUrl, context.returnOrigins);
  if (bad) errors.push(bad);
  if (errors.length) throw invalidRequest(errors);
  const id = `${SETUP_PREFIX}${randomUUID()}`;
  const locale = request.locale ?? context.locale;
  await tx.query(
    `INSERT INTO payment_method_setups (id, customer_id, type, return_url, locale, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6)`,
    [id, customerId, request.type, request.returnUrl, locale, context.now],
  );
  const { url } = await context.payments.startPayment({
    orderId: id,
    orderNumber: id.slice(SETUP_PREFIX.length, SETUP_PREFIX.length + 8).toUpperCase(),
    method: request.type,
    amountCents: 0,
    currency: 'EUR',
    locale,
    origin: context.origin,
    returnUrl: `${context.origin}${setupReturnPath(id)}`,
  });
  return { id, action: { type: 'redirect', url } };
}

export async function findMethodSetup(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<MethodSetup | undefined> {
  if (!id.startsWith(SETUP_PREFIX)) return undefined;
  const { rows } = await db.query<{
    id: string;
    customer_id: string;
    type: OnlineMethod;
    status: MethodSetup['status'];
    return_url: string;
    locale: Locale;
  }>(
    `SELECT id, customer_id, type, status, return_url, locale FROM payment_method_setups
      WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  const row = rows[0];
  return (
    row && {
      id: row.id,
      customerId: row.customer_id,
      type: row.type,
      status: row.status,
      returnUrl: row.return_url,
      locale: row.locale,
    }
  );
}

/** The shop's page with the setup's outcome (and, on its one return, the resume token). */
export function setupBackUrl(
  setup: MethodSetup,
  outcome = setup.status,
  resumeToken?: string,
): string {
  const back = new URL(setup.returnUrl);
  back.searchParams.set('cassa_method', outcome);
  if (resumeToken) {
    back.searchParams.set('cassa_setup', setup.id);
    back.searchParams.set('cassa_resume', resumeToken);
  }
  return back.toString();
}

/**
 * The session a setup's resume token opens, once, while it is valid: the customer's id, or
 * undefined (unknown, used or expired). Marks it used in the same statement.
 */
export async function takeSetupResume(
  tx: Queryable,
  setupId: string,
  resumeToken: string,
  now: Date,
): Promise<string | undefined> {
  const { rows } = await tx.query<{ customer_id: string }>(
    `UPDATE payment_method_setups SET resume_session_at = $4
      WHERE id = $1 AND resume_token_hash = $2 AND resume_expires_at > $3
        AND resume_session_at IS NULL AND status <> 'pending'
      RETURNING customer_id`,
    [setupId, hashToken(resumeToken), now, now],
  );
  return rows[0]?.customer_id;
}

export type SetupOutcome<Page> =
  | { kind: 'redirect'; location: string; setup: MethodSetup }
  | { kind: 'page'; page: Page; setup: MethodSetup }
  | { kind: 'finished'; setup: MethodSetup };

/**
 * The buyer's return from the provider's page: in one transaction the setup is locked, `decide`
 * asks the provider (only while it is pending), an approved method is saved for the customer.
 */
export async function completeMethodSetup<Page>(
  db: Database,
  id: string,
  now: Date,
  decide: (setup: MethodSetup, tx: Queryable) => Promise<PaymentResult | { page: Page }>,
): Promise<SetupOutcome<Page>> {
  return db.transaction(async (tx) => {
    const setup = await findMethodSetup(tx, id, true);
    if (!setup) throw notFound('Unknown payment.');
    if (setup.status !== 'pending') return { kind: 'finished' as const, setup };
    const decision = await decide(setup, tx);
    if ('page' in decision) return { kind: 'page' as const, page: decision.page, setup };
    let status: MethodSetup['status'] = decision.outcome === 'refused' ? 'refused' : 'cancelled';
    let methodId: string | null = null;
    if (decision.outcome === 'approved') {
      methodId = await savePaymentMethod(
        tx,
        setup.customerId,
        decision.saved.type,
        decision.saved.label,
        now,
      );
      status = 'saved';
    }
    const resumeToken = newToken();
    await tx.query(
      `UPDATE payment_method_setups SET status = $2, payment_method_id = $3, attempt_hash = NULL,
              resume_token_hash = $5, resume_expires_at = $6, updated_at = $4 WHERE id = $1`,
      [
        setup.id,
        status,
        methodId,
        now,
        hashToken(resumeToken),
        new Date(now.getTime() + RESUME_TTL_MS),
      ],
    );
    const done = { ...setup, status };
    return {
      kind: 'redirect' as const,
      location: setupBackUrl(done, status, resumeToken),
      setup: done,
    };
  });
}

export { issueSetupAttempt, takeSetupAttempt } from './attempts.ts';
