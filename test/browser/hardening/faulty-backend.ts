// A fault-injecting `fetch` in front of the browser fake backend (test/browser/fake-backend.ts):
// each of the four calls a purchase depends on (catalog, quote, login, order) can be made to
// fail the way real networks and backends fail, until the test clears the fault.
import { FakeBackend, json, problem } from '../fake-backend.ts';

export type Stage = 'catalog' | 'quote' | 'login' | 'order';

/**
 * - `unreachable`: fetch rejects (DNS, refused connection, offline)
 * - `timeout`: no answer at all; only the client's own timeout ends the wait
 * - `http500`: problem+json 500 from the backend
 * - `http502`: a proxy's HTML error page
 * - `malformed`: 200/201 whose body is cut-off JSON
 * - `shape`: valid JSON of the wrong shape
 * - `expired`: 401, the session expired (every session is forgotten)
 * - `rate_limited`: 429 with `Retry-After: 1`
 * - `lost`: the backend does the work, then the connection drops before the answer arrives
 * - `refused`: 402 `payment-refused` (a saved card declined at once)
 */
export type Fault =
  | 'unreachable'
  | 'timeout'
  | 'http500'
  | 'http502'
  | 'malformed'
  | 'shape'
  | 'expired'
  | 'rate_limited'
  | 'lost'
  | 'refused';

/** Faults that hit after the backend did its work: an order exists although the widget got no answer. */
export const AFTER_UPSTREAM: readonly Fault[] = ['http502', 'malformed', 'shape', 'lost'];

const ROUTES: Record<Stage, { method: string; path: RegExp }> = {
  catalog: { method: 'GET', path: /\/v1\/products\/[^/]+$/ },
  quote: { method: 'POST', path: /\/v1\/quotes$/ },
  login: { method: 'POST', path: /\/v1\/auth\/login$/ },
  order: { method: 'POST', path: /\/v1\/orders$/ },
};

export interface Attempt {
  stage: Stage;
  /** The fault applied to this attempt, or null when it went through. */
  fault: Fault | null;
  idempotencyKey: string | null;
}

export class FaultyBackend {
  readonly backend: FakeBackend;
  /** Every attempt at one of the four stages, faulty or not, in order. */
  readonly attempts: Attempt[] = [];
  readonly #faults = new Map<Stage, Fault>();
  readonly #holds = new Map<Stage, Promise<void>>();

  static async create(): Promise<FaultyBackend> {
    return new FaultyBackend(await FakeBackend.create());
  }

  private constructor(backend: FakeBackend) {
    this.backend = backend;
  }

  /** From now on every request of `stage` fails with `fault` (until `clear`). */
  inject(stage: Stage, fault: Fault): void {
    this.#faults.set(stage, fault);
    if (fault === 'expired') this.backend.expireSessions();
  }

  /** Requests of `stage` wait (in flight) until the returned function is called. */
  hold(stage: Stage): () => void {
    let release!: () => void;
    this.#holds.set(stage, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.#holds.delete(stage);
      release();
    };
  }

  clear(stage: Stage): void {
    this.#faults.delete(stage);
  }

  /** How many orders the backend holds. */
  orders(): number {
    return this.backend.orders.size;
  }

  /** Attempts at `stage` (optionally only the faulty ones). */
  attemptsAt(stage: Stage, faulty?: boolean): Attempt[] {
    return this.attempts.filter(
      (a) => a.stage === stage && (faulty === undefined || (a.fault !== null) === faulty),
    );
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const stage = (Object.keys(ROUTES) as Stage[]).find(
      (s) => ROUTES[s].method === request.method && ROUTES[s].path.test(path),
    );
    const fault = stage ? (this.#faults.get(stage) ?? null) : null;
    if (stage) {
      this.attempts.push({
        stage,
        fault,
        idempotencyKey: request.headers.get('idempotency-key'),
      });
    }
    const held = stage ? this.#holds.get(stage) : undefined;
    if (held) await held;
    if (!fault) return this.backend.fetch(request);
    // Faults a proxy adds after the backend did its work (for an order: it exists afterwards).
    const upstream = () => this.backend.fetch(request.clone());
    const created = stage === 'order' ? 201 : 200;
    switch (fault) {
      case 'unreachable':
        throw new TypeError('Failed to fetch');
      case 'timeout':
        return new Promise<Response>((_, reject) => {
          const { signal } = request;
          if (signal.aborted) reject(signal.reason);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      case 'http500':
        return problem(500, 'server-error', { detail: 'Something went wrong on our side.' });
      case 'http502':
        await upstream();
        return new Response(
          '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
          { status: 502, headers: { 'content-type': 'text/html' } },
        );
      case 'malformed':
        await upstream();
        return new Response('{"id": "ord-1", "status": "pa', {
          status: created,
          headers: { 'content-type': 'application/json' },
        });
      case 'shape':
        await upstream();
        return json(created, { id: 42, plans: 'none', status: ['paid'], token: null });
      case 'expired':
        return problem(401, 'unauthorized', { detail: 'The session has expired.' });
      case 'rate_limited': {
        const response = problem(429, 'rate-limited', { detail: 'Too many requests.' });
        response.headers.set('retry-after', '1');
        return response;
      }
      case 'refused':
        return problem(402, 'payment-refused', { detail: 'The card was declined.' });
      case 'lost':
        await upstream();
        throw new TypeError('Failed to fetch');
    }
  };
}
