// Signed webhooks to the merchant's own server (Standard Webhooks: webhook-id, -timestamp,
// -signature, HMAC-SHA256 through the `standardwebhooks` package). An event is a row written
// in the same transaction as the change it tells of; a worker delivers it later, with
// exponential backoff, and gives up after a number of attempts (status `failed`, kept).
// Events are in order per subject (an order, or a subscription): each carries the subject's
// sequence number and the state as of the event, and a later event of a subject is not sent
// while an earlier one is still being retried (until it is delivered or given up).
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Logger } from '../platform/logger.ts';
import type { Queryable } from '../db/database.ts';

export const WEBHOOK_TYPES = [
  'order.completed',
  'order.payment_received',
  'subscription.renewed',
  'subscription.renewal_failed',
  'subscription.renewal_action_required',
  'subscription.updated',
  'addon.deactivated',
] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

export interface WebhookConfig {
  /** Where events are POSTed (CASSA_WEBHOOK_URL). */
  url: string;
  /** `whsec_…` (base64 after the prefix), as Standard Webhooks libraries take it. */
  secret: string;
  /** Attempts before giving up (the event stays, status `failed`). */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubled after each further one. */
  backoffMs: number;
  /** The longest wait between two attempts. */
  maxBackoffMs: number;
  /** One attempt's time limit; the attempt's lease lasts a little longer. */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_CONFIG = {
  maxAttempts: 10,
  backoffMs: 30_000,
  maxBackoffMs: 6 * 60 * 60 * 1000,
  timeoutMs: 10_000,
} as const;

/** How long a claimed attempt belongs to its instance: its time limit and a margin. */
export const leaseMs = (config: Pick<WebhookConfig, 'timeoutMs'>) => config.timeoutMs + 5_000;

/** The wait before attempt `failed + 1`, after `failed` failed attempts (1, 2, …). */
export function backoffDelayMs(
  failed: number,
  config: Pick<WebhookConfig, 'backoffMs' | 'maxBackoffMs'>,
) {
  return Math.min(config.maxBackoffMs, config.backoffMs * 2 ** Math.max(0, failed - 1));
}

/** A new random secret in the `whsec_` form. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** What an event is about: its events are delivered in the order they were written. */
export type WebhookSubject = { type: 'order'; id: string } | { type: 'subscription'; id: string };

const subjectKey = (subject: WebhookSubject) => `${subject.type}:${subject.id}`;

/**
 * The subject's next sequence number, inside the caller's transaction: the upsert locks the
 * subject's counter row until that transaction ends, so two changes of one subject take their
 * numbers in commit order (and a rollback gives its number back).
 */
async function nextSubjectSeq(tx: Queryable, subject: string): Promise<number> {
  const { rows } = await tx.query<{ last_seq: number }>(
    `INSERT INTO webhook_subjects (subject, last_seq) VALUES ($1, 1)
     ON CONFLICT (subject) DO UPDATE SET last_seq = webhook_subjects.last_seq + 1
     RETURNING last_seq`,
    [subject],
  );
  const seq = rows[0]?.last_seq;
  if (seq === undefined) throw new Error('webhook subject counter returned no row');
  return seq;
}

/**
 * Records an event inside the caller's transaction: it is delivered only if that transaction
 * commits, and then at least once, after every earlier event of its subject. `occurredAt` is
 * the business clock (the payload's `timestamp`); delivery runs on the real clock. The payload:
 * `{ type, timestamp, subject: { type, id }, sequence, data }`, `data` holding the state as of
 * this event.
 */
export async function enqueueWebhook(
  tx: Queryable,
  type: WebhookType,
  data: Record<string, unknown>,
  context: { occurredAt: Date; orderId?: string | null; subject: WebhookSubject },
): Promise<string> {
  const id = `msg_${randomUUID().replaceAll('-', '')}`;
  const key = subjectKey(context.subject);
  const sequence = await nextSubjectSeq(tx, key);
  const payload = {
    type,
    timestamp: context.occurredAt.toISOString(),
    subject: context.subject,
    sequence,
    data,
  };
  await tx.query(
    `INSERT INTO webhook_events (id, type, payload, order_id, created_at, next_attempt_at,
       subject, subject_seq)
     VALUES ($1, $2, $3::jsonb, $4, $5, $5, $6, $7)`,
    [id, type, JSON.stringify(payload), context.orderId ?? null, new Date(), key, sequence],
  );
  return id;
}

export interface WebhookEventRow {
  id: string;
  type: WebhookType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  orderId: string | null;
  createdAt: string;
  nextAttemptAt: string;
  deliveredAt: string | null;
  lastError: string | null;
}

/** Newest first (the demo's /webhooks page and /api/dev/webhooks). */
export async function listWebhookEvents(db: Queryable, limit = 200): Promise<WebhookEventRow[]> {
  const { rows } = await db.query<{
    id: string;
    type: WebhookType;
    status: WebhookEventRow['status'];
    attempts: number;
    order_id: string | null;
    created_at: Date;
    next_attempt_at: Date;
    delivered_at: Date | null;
    last_error: string | null;
  }>(
    `SELECT id, type, status, attempts, order_id, created_at, next_attempt_at, delivered_at, last_error
       FROM webhook_events ORDER BY created_at DESC, id DESC LIMIT $1`,
    [limit],
  );
  const iso = (d: Date) => new Date(d).toISOString();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    status: r.status,
    attempts: r.attempts,
    orderId: r.order_id,
    createdAt: iso(r.created_at),
    nextAttemptAt: iso(r.next_attempt_at),
    deliveredAt: r.delivered_at ? iso(r.delivered_at) : null,
    lastError: r.last_error,
  }));
}

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  failed: number;
}

interface Claimed {
  id: string;
  type: WebhookType;
  body: string;
  attempts: number;
}

/**
 * Claims due events for one attempt each: the attempt number goes up and the row is leased to
 * this instance, in one statement. SKIP LOCKED: two instances claiming at once get different
 * rows; a row leased by another instance is not due until its lease ends (a crashed instance's
 * attempt is then retried, as the next attempt). An event whose subject has an earlier event
 * still pending (being retried, or leased) is not due: events of one subject go one at a time,
 * in sequence order.
 */
async function claim(db: Queryable, config: WebhookConfig, now: Date, limit: number) {
  const { rows } = await db.query<Claimed>(
    `UPDATE webhook_events SET attempts = attempts + 1, leased_until = $2
      WHERE id IN (
        SELECT id FROM webhook_events w
         WHERE status = 'pending' AND next_attempt_at <= $1
           AND (leased_until IS NULL OR leased_until <= $1)
           AND NOT EXISTS (
             SELECT 1 FROM webhook_events earlier
              WHERE earlier.subject = w.subject AND earlier.subject_seq < w.subject_seq
                AND earlier.status = 'pending')
         ORDER BY next_attempt_at, id
         LIMIT $3
         FOR NO KEY UPDATE SKIP LOCKED)
      RETURNING id, type, payload::text AS body, attempts`,
    [now, new Date(now.getTime() + leaseMs(config)), limit],
  );
  return rows;
}

/** What a failed attempt may say in the database and the log: a status or an error kind. */
function failureOf(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
    const code = (error.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : error.name;
  }
  return 'error';
}

async function attempt(
  db: Queryable,
  config: WebhookConfig,
  event: Claimed,
  logger: Logger,
  fetchImpl: typeof fetch,
  now: () => Date,
): Promise<keyof DeliveryReport> {
  const started = new Date();
  const signer = new Webhook(config.secret);
  let httpStatus: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetchImpl(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Cassa-Webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(started.getTime() / 1000)),
        'webhook-signature': signer.sign(event.id, started, event.body),
      },
      body: event.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    httpStatus = response.status;
    await response.body?.cancel().catch(() => undefined);
    if (httpStatus < 200 || httpStatus > 299) error = `HTTP ${httpStatus}`;
  } catch (caught) {
    error = failureOf(caught);
  }
  const finished = new Date();
  await db.query(
    `INSERT INTO webhook_attempts (event_id, attempt, started_at, http_status, error, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [event.id, event.attempts, started, httpStatus, error, finished.getTime() - started.getTime()],
  );
  // Each update names the attempt: an instance whose lease ran out (and whose attempt another
  // instance has taken over) changes nothing.
  if (error === null) {
    await db.query(
      `UPDATE webhook_events SET status = 'delivered', delivered_at = $3, leased_until = NULL,
              last_error = NULL
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [event.id, event.attempts, finished],
    );
    logger.info(`webhook ${event.type} ${event.id} delivered attempt=${event.attempts}`);
    return 'delivered';
  }
  if (event.attempts >= config.maxAttempts) {
    await db.query(
      `UPDATE webhook_events SET status = 'failed', leased_until = NULL, last_error = $3
        WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
      [event.id, event.attempts, error],
    );
    logger.error(
      `webhook ${event.type} ${event.id} gave up after ${event.attempts} attempts: ${error}`,
    );
    return 'failed';
  }
  const next = new Date(now().getTime() + backoffDelayMs(event.attempts, config));
  await db.query(
    `UPDATE webhook_events SET next_attempt_at = $3, leased_until = NULL, last_error = $4
      WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
    [event.id, event.attempts, next, error],
  );
  logger.info(
    `webhook ${event.type} ${event.id} attempt=${event.attempts} failed: ${error}; next at ${next.toISOString()}`,
  );
  return 'retrying';
}

/** Delivers every event due now (in batches), each once; returns what became of them. */
export async function deliverDueWebhooks(
  db: Queryable,
  config: WebhookConfig,
  logger: Logger,
  /** `now`: the delivery clock (real time; tests move it to walk the backoff). */
  options: { batch?: number; fetch?: typeof fetch; now?: () => Date } = {},
): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const now = options.now ?? (() => new Date());
  const fetchImpl = options.fetch ?? fetch;
  for (;;) {
    const claimed = await claim(db, config, now(), options.batch ?? 8);
    if (claimed.length === 0) return report;
    const outcomes = await Promise.all(
      claimed.map((event) => attempt(db, config, event, logger, fetchImpl, now)),
    );
    for (const outcome of outcomes) report[outcome]++;
  }
}

/** Verifies a delivery as a receiver does (the demo's /webhooks receiver and the tests). */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  /** Absent only on events written before ordered delivery (issue 22). */
  subject?: WebhookSubject;
  sequence?: number;
  data: unknown;
}

export function verifyWebhook(
  secret: string,
  body: string,
  headers: Record<string, string>,
): { ok: true; payload: WebhookPayload } | { ok: false } {
  try {
    const payload = new Webhook(secret).verify(body, headers) as WebhookPayload;
    return { ok: true, payload };
  } catch {
    return { ok: false };
  }
}
