// CORS for a page on `--origin`: the widget runs in the browser on the partner's page, so the
// preflight of each of its calls, and every answer it reads (errors, 401s and POSTs included),
// must be allowed there. Every call of the run is sent with `Origin` (see http.ts); the last
// check reads what came back.
import type { ConformanceContext } from '../context.ts';
import type { Reply } from '../http.ts';
import { ensure, fail, skip, type Check } from '../runner.ts';

type C = ConformanceContext;

/**
 * Every call the widget makes, with the request headers it may send (`authorization` whenever a
 * buyer is logged in). A new endpoint of the contract is one more line.
 */
export const WIDGET_CALLS: readonly { method: string; path: string; headers: string[] }[] = [
  { method: 'GET', path: 'v1/products/{id}', headers: ['authorization', 'accept-language'] },
  {
    method: 'POST',
    path: 'v1/quotes',
    headers: ['content-type', 'authorization', 'accept-language'],
  },
  { method: 'POST', path: 'v1/auth/login', headers: ['content-type', 'accept-language'] },
  { method: 'POST', path: 'v1/auth/register', headers: ['content-type', 'accept-language'] },
  { method: 'POST', path: 'v1/auth/logout', headers: ['authorization'] },
  {
    method: 'POST',
    path: 'v1/auth/resume',
    headers: ['content-type', 'cassa-resume', 'accept-language'],
  },
  { method: 'GET', path: 'v1/me', headers: ['authorization'] },
  { method: 'GET', path: 'v1/me/payment-methods', headers: ['authorization'] },
  { method: 'GET', path: 'v1/me/subscriptions', headers: ['authorization'] },
  {
    method: 'POST',
    path: 'v1/orders',
    headers: ['content-type', 'authorization', 'idempotency-key', 'accept-language'],
  },
  { method: 'GET', path: 'v1/orders/{id}', headers: ['authorization', 'cassa-resume'] },
  { method: 'GET', path: 'v1/orders/{id}/invoice', headers: ['authorization'] },
  { method: 'GET', path: 'v1/me/invoices', headers: ['authorization'] },
  { method: 'GET', path: 'v1/me/invoices/{id}/xml', headers: ['authorization'] },
  // The customer area (`<cassa-account>`).
  {
    method: 'PATCH',
    path: 'v1/subscriptions/{id}',
    headers: ['content-type', 'authorization', 'accept-language'],
  },
  { method: 'DELETE', path: 'v1/me/payment-methods/{id}', headers: ['authorization'] },
  { method: 'GET', path: 'v1/me/orders', headers: ['authorization'] },
  {
    method: 'POST',
    path: 'v1/me/payment-methods',
    headers: ['content-type', 'authorization', 'accept-language'],
  },
  {
    method: 'POST',
    path: 'v1/me/credit/top-ups',
    headers: ['content-type', 'authorization', 'accept-language'],
  },
];

function needOrigin(context: C): string {
  if (!context.options.origin)
    skip(
      'no --origin given: pass the origin of the page that embeds the widget (its own origin if the backend serves that page)',
    );
  return context.options.origin;
}

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

const allows = (allowed: string | null, origin: string) => allowed === origin || allowed === '*';

function expectAllowOrigin(reply: Reply, origin: string, what: string): void {
  const allowed = reply.headers.get('access-control-allow-origin');
  ensure(
    allows(allowed, origin),
    `${what}: expected Access-Control-Allow-Origin "${origin}", received ${allowed === null ? 'none' : `"${allowed}"`}`,
  );
}

/** What is wrong with a preflight answer for one call, or `undefined`. */
function preflightProblem(
  reply: Reply,
  origin: string,
  call: (typeof WIDGET_CALLS)[number],
): string | undefined {
  const what = `OPTIONS ${call.path} for ${call.method}`;
  if (reply.status < 200 || reply.status >= 300)
    return `${what}: expected a 2xx answer, received HTTP ${reply.status}`;
  const allowed = reply.headers.get('access-control-allow-origin');
  if (!allows(allowed, origin))
    return `${what}: Access-Control-Allow-Origin is ${allowed === null ? 'missing' : `"${allowed}"`}`;
  const methods = list(reply.headers.get('access-control-allow-methods'));
  // GET and POST are CORS-safelisted methods: a preflight need not list them, but may.
  if (
    !['GET', 'POST'].includes(call.method) &&
    !methods.includes(call.method.toLowerCase()) &&
    !methods.includes('*')
  )
    return `${what}: Access-Control-Allow-Methods (${methods.join(',') || 'none'}) lacks ${call.method}`;
  const headers = list(reply.headers.get('access-control-allow-headers'));
  // Fetch standard: the `*` wildcard never covers Authorization, which must be named.
  const missing = call.headers.filter(
    (h) => !headers.includes(h) && !(headers.includes('*') && h !== 'authorization'),
  );
  if (missing.length)
    return `${what}: Access-Control-Allow-Headers (${headers.join(',') || 'none'}) lacks ${missing.join(', ')}${missing.includes('authorization') && headers.includes('*') ? ' (the wildcard * does not cover Authorization)' : ''}`;
  return undefined;
}

export const corsChecks: Check<C>[] = [
  {
    id: 'cors-preflight',
    area: 'cors',
    title:
      'a preflight from --origin for each call the widget makes allows its method and request headers',
    async run(context) {
      const origin = needOrigin(context);
      const problems: string[] = [];
      for (const call of WIDGET_CALLS) {
        const path = call.path
          .replace('{id}', `conformance-${context.runId}`)
          .replace(/\{[^}]+\}/g, 'x');
        const reply = await context.client.request('OPTIONS', path, {
          headers: {
            Origin: origin,
            'Access-Control-Request-Method': call.method,
            'Access-Control-Request-Headers': call.headers.join(','),
          },
        });
        const problem = preflightProblem(reply, origin, call);
        if (problem) problems.push(problem);
      }
      if (problems.length)
        fail(
          `${problems.length} of ${WIDGET_CALLS.length} preflights would block the widget: ${problems.slice(0, 4).join('; ')}${problems.length > 4 ? '; …' : ''}`,
        );
    },
  },
  {
    id: 'cors-response',
    area: 'cors',
    title: 'answers to --origin expose Retry-After (the widget reads it on a 429 or 409)',
    async run(context) {
      const origin = needOrigin(context);
      const productId = context.options.productIds[0] ?? 'certified-platform';
      const reply = await context.client.request(
        'GET',
        `v1/products/${encodeURIComponent(productId)}`,
      );
      expectAllowOrigin(reply, origin, `GET /v1/products/${productId} from ${origin}`);
      const exposed = list(reply.headers.get('access-control-expose-headers'));
      ensure(
        exposed.includes('retry-after') || exposed.includes('*'),
        `Access-Control-Expose-Headers (${exposed.join(',') || 'none'}) lacks Retry-After: the widget could not read it on a 429 or 409`,
      );
    },
  },
  {
    id: 'cors-every-answer',
    area: 'cors',
    title:
      'every answer of this run to --origin (errors, 401s and POSTs included) carried Access-Control-Allow-Origin',
    async run(context) {
      const origin = needOrigin(context);
      const answers = context.client.corsAnswers;
      if (answers.length === 0) skip('no call of the widget was made in this run');
      const blocked = answers.filter((a) => !allows(a.allowOrigin, origin));
      if (blocked.length) {
        // Grouped by call and status: one line for eleven failed logins.
        const groups = new Map<string, { count: number; checks: Set<string> }>();
        for (const a of blocked) {
          const what = `${a.method} /${a.path} → HTTP ${a.status} with ${a.allowOrigin === null ? 'no Access-Control-Allow-Origin' : `Access-Control-Allow-Origin "${a.allowOrigin}"`}`;
          const group = groups.get(what) ?? { count: 0, checks: new Set<string>() };
          group.count += 1;
          group.checks.add(a.check);
          groups.set(what, group);
        }
        const shown = [...groups]
          .slice(0, 6)
          .map(
            ([what, g]) =>
              `${what}${g.count > 1 ? ` (×${g.count})` : ''} in ${[...g.checks].map((c) => `"${c}"`).join(', ')}`,
          );
        fail(
          `${blocked.length} of ${answers.length} answers lack Access-Control-Allow-Origin "${origin}" — the widget would see a network error instead of them: ${shown.join('; ')}${groups.size > 6 ? '; …' : ''}`,
        );
      }
    },
  },
];
