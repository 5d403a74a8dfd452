// Server throughput with autocannon on loopback: a trivial read as the base, quotes, and orders
// (each with its own Idempotency-Key, paid by bank transfer so no redirect is involved).
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export const DEMO_USERNAME = '1234567@aruba.it';
export const DEMO_PASSWORD = 'cassa-demo';

/** Certified Platform, base plan with every kind of add-on. */
export const QUOTE_BODY = {
  productId: 'certified-platform',
  planId: 'base',
  years: 1,
  addons: [
    { id: 'extra-users', quantity: 4 },
    { id: 'external-users', quantity: 50 },
    { id: 'storage', quantity: 10 },
  ],
};

const PROBE_TIMEOUT_MS = 15_000;

export type CaseId = 'floor' | 'trivial' | 'quote' | 'order';

export interface ThroughputResult {
  readonly id: CaseId;
  readonly label: string;
  readonly connections: number;
  readonly durationS: number;
  readonly requests: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** non-2xx answers + socket errors + timeouts: anything but 0 is a failure */
  readonly failures: number;
  readonly failureDetail: string;
}

export interface ThroughputOptions {
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: Readonly<Record<CaseId, number>>;
  readonly log: (line: string) => void;
}

interface CaseSpec {
  readonly id: CaseId;
  readonly label: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly uniqueIdempotencyKey?: boolean;
}

/** Logs in, checks one quote and one order by hand, then loads each endpoint in turn. */
export async function measureThroughput(
  origin: string,
  options: ThroughputOptions,
): Promise<ThroughputResult[]> {
  const api = `${origin}/api/v1`;
  const token = await login(api);
  const total = await quoteTotal(api);
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const orderBody = JSON.stringify({
    ...QUOTE_BODY,
    expectedTotalCents: total,
    paymentMethod: { type: 'bank_transfer' },
    acceptTerms: true,
  });
  await checkOneOrder(api, auth, orderBody);

  const specs: CaseSpec[] = [
    {
      id: 'trivial',
      label: 'GET /api/v1/products/certified-platform',
      method: 'GET',
      path: '/api/v1/products/certified-platform',
    },
    {
      id: 'quote',
      label: 'POST /api/v1/quotes',
      method: 'POST',
      path: '/api/v1/quotes',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(QUOTE_BODY),
    },
    {
      id: 'order',
      label: 'POST /api/v1/orders (bank transfer)',
      method: 'POST',
      path: '/api/v1/orders',
      headers: auth,
      body: orderBody,
      uniqueIdempotencyKey: true,
    },
  ];
  const results: ThroughputResult[] = [];
  for (const spec of specs) {
    const connections = options.connections[spec.id];
    if (options.warmupS > 0) await load(origin, spec, connections, options.warmupS);
    const result = await load(origin, spec, connections, options.durationS);
    logResult(options, result);
    results.push(result);
  }
  return results;
}

/** The machine's ceiling: a bare Hono route (bench/hono-floor.ts) under the same load. */
export async function measureFloor(
  origin: string,
  path: string,
  options: ThroughputOptions,
): Promise<ThroughputResult> {
  const spec: CaseSpec = { id: 'floor', label: `GET ${path} (bare Hono)`, method: 'GET', path };
  const connections = options.connections.floor;
  if (options.warmupS > 0) await load(origin, spec, connections, options.warmupS);
  const result = await load(origin, spec, connections, options.durationS);
  logResult(options, result);
  return result;
}

function logResult(options: ThroughputOptions, result: ThroughputResult): void {
  options.log(
    `  ${result.label.padEnd(42)} ${String(result.connections).padStart(3)} conn ` +
      `${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms` +
      (result.failures > 0 ? `  FAIL ${result.failureDetail}` : ''),
  );
}

async function load(
  origin: string,
  spec: CaseSpec,
  connections: number,
  durationS: number,
): Promise<ThroughputResult> {
  const result = await autocannon({
    url: origin,
    connections,
    duration: durationS,
    timeout: 10,
    requests: [
      {
        method: spec.method,
        path: spec.path,
        headers: spec.headers,
        body: spec.body,
        ...(spec.uniqueIdempotencyKey && {
          setupRequest: (request: autocannon.Request) => ({
            ...request,
            headers: { ...request.headers, 'idempotency-key': randomUUID() },
          }),
        }),
      },
    ],
  });
  // Requests still running when the window closes are not counted by autocannon: a server that
  // stalls would pass unseen. So nothing completed, or a follow-up request that does not
  // succeed in time, is a failure too.
  const stalled = result['2xx'] === 0 ? 1 : 0;
  const after = await probe(origin, spec);
  const failures = result.non2xx + result.errors + result.timeouts + stalled + (after ? 1 : 0);
  return {
    id: spec.id,
    label: spec.label,
    connections,
    durationS,
    requests: result.requests.total,
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures,
    failureDetail:
      `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts` +
      (stalled ? ', no request completed' : '') +
      (after ? `, then ${after}` : ''),
  };
}

/** One more request like the load's, right after it: undefined when it succeeds in time. */
async function probe(origin: string, spec: CaseSpec): Promise<string | undefined> {
  try {
    const response = await fetch(`${origin}${spec.path}`, {
      method: spec.method,
      headers: {
        ...spec.headers,
        ...(spec.uniqueIdempotencyKey && { 'idempotency-key': randomUUID() }),
      },
      body: spec.body,
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.ok ? undefined : `a request after the load got HTTP ${response.status}`;
  } catch (error) {
    return `a request after the load failed: ${(error as Error).name}`;
  }
}

async function login(api: string): Promise<string> {
  const response = await fetch(`${api}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: DEMO_USERNAME, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login as ${DEMO_USERNAME}: HTTP ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return token;
}

async function quoteTotal(api: string): Promise<number> {
  const response = await fetch(`${api}/quotes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(QUOTE_BODY),
  });
  if (!response.ok) throw new Error(`quote: HTTP ${response.status} ${await response.text()}`);
  const { totalCents } = (await response.json()) as { totalCents: number };
  return totalCents;
}

/** One order by hand: it must be accepted and wait for the bank transfer. */
async function checkOneOrder(
  api: string,
  headers: Record<string, string>,
  body: string,
): Promise<void> {
  const response = await fetch(`${api}/orders`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': randomUUID() },
    body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`order: HTTP ${response.status} ${text}`);
  const { status } = JSON.parse(text) as { status: string };
  if (status !== 'awaiting_payment')
    throw new Error(`order: status ${status}, not awaiting_payment`);
}
