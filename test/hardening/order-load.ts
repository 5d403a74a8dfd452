// Order load against server processes, and what the database must hold afterwards: every
// order whole (its line, its idempotency record, its two emails), one order per key, none lost.
import assert from 'node:assert/strict';
import type { Queryable } from '../../server/src/db/database.ts';
import { call } from './server-process.ts';
import { bankTransferOrder } from './requests.ts';

export interface Outcome {
  token: string;
  /** HTTP status, or undefined when no answer came (connection lost: the server died). */
  status?: number;
  orderId?: string;
}

/**
 * `clients` concurrent loops, each posting bank-transfer orders with a new Idempotency-Key
 * after the previous answer, until `stopped()` is true or the server stops answering.
 * Returns every key sent and what came back for it.
 */
export async function postOrders(
  origin: string,
  tokens: readonly string[],
  options: { clients: number; prefix: string; stopped: () => boolean },
): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  const client = async (index: number) => {
    const token = tokens[index % tokens.length]!;
    for (let n = 0; !options.stopped(); n++) {
      const key = `${options.prefix}-${index}-${n}`;
      const outcome: Outcome = { token };
      outcomes.set(key, outcome);
      try {
        const reply = await call(origin, 'POST', '/api/v1/orders', {
          token,
          body: bankTransferOrder(),
          headers: { 'Idempotency-Key': key },
        });
        outcome.status = reply.status;
        if (reply.status < 300) outcome.orderId = reply.body.id;
      } catch {
        return; // The server is gone: this key's fate is unknown until it is replayed.
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  return outcomes;
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export interface Replayed {
  /** The order id the key now stands for. */
  orderId: string;
  /** Whether the server answered from the key's stored response (the order existed). */
  replayed: boolean;
}

/** Sends the key's request again (same body, same customer) and reads which order it names. */
export async function replay(origin: string, key: string, token: string): Promise<Replayed> {
  const reply = await call(origin, 'POST', '/api/v1/orders', {
    token,
    body: bankTransferOrder(),
    headers: { 'Idempotency-Key': key },
  });
  assert.equal(reply.status, 201, `replay of ${key}: ${JSON.stringify(reply.body)}`);
  return { orderId: reply.body.id, replayed: reply.headers.get('idempotent-replayed') === 'true' };
}

export interface Integrity {
  orders: number;
  /** Keys expected but missing, or standing for another order. */
  lost: string[];
  /** Orders beyond one per key (an order no key names, or a key naming two). */
  duplicates: number;
  /** Orders missing their line, key record or an email; key records never completed. */
  halfWritten: string[];
}

/**
 * What the database holds for the orders placed under load: `expected` maps every key to the
 * order id the server gave (or gave on replay). Only these orders may exist.
 */
export async function checkIntegrity(
  db: Queryable,
  expected: ReadonlyMap<string, string>,
): Promise<Integrity> {
  const keys = await db.query<{ key: string; order_id: string | null; response_status: number }>(
    'SELECT key, order_id, response_status FROM idempotency_keys',
  );
  const byKey = new Map(keys.rows.map((row) => [row.key, row]));
  const lost = [...expected].filter(([key, id]) => byKey.get(key)?.order_id !== id).map(([k]) => k);
  const halfWritten = keys.rows
    .filter((row) => row.response_status !== 201 || row.order_id === null)
    .map((row) => `key ${row.key}: status ${row.response_status}, order ${row.order_id}`);

  const orders = await db.query<{
    id: string;
    lines: number;
    quoted: number;
    keys: number;
    confirmations: number;
    instructions: number;
  }>(
    `SELECT o.id,
        (SELECT count(*)::int FROM order_lines l WHERE l.order_id = o.id) AS lines,
        jsonb_array_length(o.quote -> 'lines') AS quoted,
        (SELECT count(*)::int FROM idempotency_keys k WHERE k.order_id = o.id) AS keys,
        (SELECT count(*)::int FROM outbox e WHERE e.order_id = o.id AND e.kind = 'order_confirmation') AS confirmations,
        (SELECT count(*)::int FROM outbox e WHERE e.order_id = o.id AND e.kind = 'payment_instructions') AS instructions
       FROM orders o`,
  );
  for (const order of orders.rows) {
    const whole =
      order.lines >= 1 &&
      order.lines === order.quoted &&
      order.keys === 1 &&
      order.confirmations === 1 &&
      order.instructions === 1;
    if (!whole)
      halfWritten.push(
        `order ${order.id}: ${order.lines} of ${order.quoted} lines, ${order.keys} keys, ${order.confirmations} confirmations, ${order.instructions} instructions`,
      );
  }
  const strayEmails = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM outbox WHERE kind <> 'registration' AND order_id IS NULL`,
  );
  if (strayEmails.rows[0]!.n > 0)
    halfWritten.push(`${strayEmails.rows[0]!.n} emails without order`);
  const ordersWithKey = new Set(keys.rows.map((row) => row.order_id).filter(Boolean));
  const duplicates =
    orders.rows.filter((order) => !ordersWithKey.has(order.id)).length +
    (keys.rows.filter((row) => row.order_id !== null).length - ordersWithKey.size);
  return { orders: orders.rows.length, lost, duplicates, halfWritten };
}
