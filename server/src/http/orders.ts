// POST /v1/orders (idempotent per customer and key) and GET /v1/orders/:id (owner or resume token).
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { OrderRequestSchema } from 'cassa/contract';
import { authenticate, bearerToken, requireCustomer } from '../accounts/accounts.ts';
import { placeOrder } from '../orders/checkout.ts';
import { publicOrigin, type AppDeps, type AppEnv } from './context.ts';
import { LOCK_NOT_AVAILABLE, sqlState, type Queryable } from '../db/database.ts';
import { presentOrder } from '../orders/order-view.ts';
import { findCustomerOrder, findResumableOrder } from '../orders/orders.ts';
import { notFound, Problem, unauthorized } from './problems.ts';
import { canonicalJson, parseBody, readJson } from './request.ts';

/** How long a request waits for another one holding the same key before answering 409. */
export const IDEMPOTENCY_WAIT_MS = 5000;
const KEY = /^[\x21-\x7e]{1,255}$/;

type Stored = { status: number; body: unknown; replayed: boolean };

/**
 * Runs `work` at most once per (customer, key). The transaction starts by inserting the key's
 * row: a concurrent request with the same key blocks on the primary key until the first one
 * commits, then finds the row and replays its response. The whole order (key row, order,
 * lines, emails, add-ons) commits or rolls back together.
 */
async function once(
  deps: AppDeps,
  customerId: string,
  key: string,
  requestHash: string,
  work: (tx: Queryable) => Promise<{ status: number; body: unknown }>,
): Promise<Stored> {
  return deps.db.transaction(async (tx) => {
    const waitMs = Math.max(1, Math.round(deps.idempotencyWaitMs ?? IDEMPOTENCY_WAIT_MS));
    await tx.query("SELECT set_config('lock_timeout', $1, true)", [`${waitMs}ms`]);
    const claimed = await tx.query(
      `INSERT INTO idempotency_keys (customer_id, key, request_hash, response_status, response_body, created_at)
       VALUES ($1, $2, $3, 0, 'null'::jsonb, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [customerId, key, requestHash, deps.clock.now()],
    );
    if (claimed.rows.length === 0) {
      const { rows } = await tx.query<{
        request_hash: string;
        response_status: number;
        response_body: unknown;
      }>(
        'SELECT request_hash, response_status, response_body FROM idempotency_keys WHERE customer_id = $1 AND key = $2',
        [customerId, key],
      );
      const first = rows[0];
      if (!first) throw new Error('idempotency row vanished');
      if (first.request_hash !== requestHash) {
        throw new Problem(
          422,
          'invalid-request',
          'This Idempotency-Key was already used with a different request body.',
        );
      }
      return { status: first.response_status, body: first.response_body, replayed: true };
    }
    let response: { status: number; body: unknown; orderId?: string };
    await tx.query('SAVEPOINT place_order');
    try {
      response = await work(tx);
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      // A refused request is a response too: the same key and body get the same answer.
      await tx.query('ROLLBACK TO SAVEPOINT place_order');
      response = { status: error.status, body: error.body };
    }
    const orderId = (response.body as { id?: unknown } | null)?.id;
    await tx.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb, order_id = $5
        WHERE customer_id = $1 AND key = $2`,
      [
        customerId,
        key,
        response.status,
        JSON.stringify(response.body),
        response.status < 300 ? orderId : null,
      ],
    );
    return { ...response, replayed: false };
  });
}

export function orderRoutes(deps: AppDeps) {
  const routes = new Hono<AppEnv>();
  const { db, clock } = deps;

  routes.post('/v1/orders', async (c) => {
    const customer = await requireCustomer(db, c, clock.now());
    const key = c.req.header('Idempotency-Key')?.trim();
    if (!key || !KEY.test(key)) {
      throw new Problem(
        400,
        'missing-idempotency-key',
        'Send an Idempotency-Key header (1–255 printable characters).',
      );
    }
    const raw = await readJson(c);
    const requestHash = createHash('sha256').update(canonicalJson(raw)).digest('base64url');
    const origin = publicOrigin(deps);
    let result: Stored;
    try {
      result = await once(deps, customer.id, key, requestHash, (tx) =>
        placeOrder(tx, customer.id, parseBody(OrderRequestSchema, raw), {
          catalog: deps.catalog,
          today: clock.today(),
          now: clock.now(),
          locale: c.get('locale'),
          origin,
          returnOrigins: [origin, ...deps.allowedOrigins],
          seller: deps.seller,
          payments: deps.payments,
          ...(deps.accountUrl ? { accountUrl: new URL(deps.accountUrl, origin).href } : {}),
        }).then(({ status, order }) => ({ status, body: order })),
      );
    } catch (error) {
      if (sqlState(error) === LOCK_NOT_AVAILABLE) {
        throw new Problem(
          409,
          'request-in-progress',
          'A request with this Idempotency-Key is still running.',
          {
            headers: { 'Retry-After': '1' },
          },
        );
      }
      throw error;
    }
    if (result.replayed) c.header('Idempotent-Replayed', 'true');
    const status = result.status as ContentfulStatusCode;
    return c.body(JSON.stringify(result.body), status, {
      'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json',
    });
  });

  routes.get('/v1/orders/:id', async (c) => {
    const id = c.req.param('id');
    const now = clock.now();
    const customer = await authenticate(db, bearerToken(c), now);
    const resumeToken = c.req.header('Cassa-Resume')?.trim();
    if (!customer && !resumeToken) throw unauthorized();
    const owned = customer ? await findCustomerOrder(db, id, customer.id) : undefined;
    const order =
      owned || (resumeToken ? await findResumableOrder(db, id, resumeToken, now) : undefined);
    if (!order) throw notFound('Unknown order.');
    // The present: renewals, refusals and deactivations included, with the order's invoices
    // (for its owner only: a resume token reads the order's status, nothing of the holder's).
    const { invoices, ...view } = await presentOrder(db, order, deps.clock.today());
    return c.json(owned ? { ...view, invoices } : view);
  });
  return routes;
}
