// CORS for a page on `--origin`: the widget runs in the browser on the partner's page, so the
// preflight of its writes, its answers and its error answers must all be readable there.
import type { ConformanceContext } from '../context.ts';
import type { Reply } from '../http.ts';
import { ensure, skip, type Check } from '../runner.ts';

type C = ConformanceContext;

/** What the widget sends cross-origin (DESIGN 3.3). */
const WIDGET_HEADERS = [
  'content-type',
  'authorization',
  'idempotency-key',
  'cassa-resume',
  'accept-language',
];

function needOrigin(context: C): string {
  if (!context.options.origin) skip('no --origin given (the page origin that embeds the widget)');
  return context.options.origin;
}

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean);

function expectAllowOrigin(reply: Reply, origin: string, what: string): void {
  const allowed = reply.headers.get('access-control-allow-origin');
  ensure(
    allowed === origin || allowed === '*',
    `${what}: expected Access-Control-Allow-Origin "${origin}", received ${allowed === null ? 'none' : `"${allowed}"`}`,
  );
}

export const corsChecks: Check<C>[] = [
  {
    id: 'cors-preflight',
    title: 'a preflight from --origin allows POST and the widget’s request headers',
    async run(context) {
      const origin = needOrigin(context);
      const reply = await context.client.request('OPTIONS', 'v1/orders', {
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': WIDGET_HEADERS.join(','),
        },
      });
      ensure(
        reply.status >= 200 && reply.status < 300,
        `OPTIONS /v1/orders: expected a 2xx preflight answer, received HTTP ${reply.status}`,
      );
      expectAllowOrigin(reply, origin, 'the preflight');
      const methods = list(reply.headers.get('access-control-allow-methods'));
      ensure(
        methods.includes('post') || methods.includes('*'),
        `the preflight's Access-Control-Allow-Methods (${methods.join(',') || 'none'}) lacks POST`,
      );
      const headers = list(reply.headers.get('access-control-allow-headers'));
      const missing = WIDGET_HEADERS.filter((h) => !headers.includes(h) && !headers.includes('*'));
      ensure(
        missing.length === 0,
        `the preflight's Access-Control-Allow-Headers lacks ${missing.join(', ')}`,
      );
    },
  },
  {
    id: 'cors-response',
    title: 'answers to --origin carry Access-Control-Allow-Origin and expose Retry-After',
    async run(context) {
      const origin = needOrigin(context);
      const reply = await context.client.request(
        'GET',
        `v1/products/${encodeURIComponent(context.options.productId)}`,
        {
          headers: { Origin: origin },
        },
      );
      expectAllowOrigin(
        reply,
        origin,
        `GET /v1/products/${context.options.productId} from ${origin}`,
      );
      const exposed = list(reply.headers.get('access-control-expose-headers'));
      ensure(
        exposed.includes('retry-after') || exposed.includes('*'),
        `Access-Control-Expose-Headers (${exposed.join(',') || 'none'}) lacks Retry-After: the widget could not read it on a 429 or 409`,
      );
    },
  },
  {
    id: 'cors-error-response',
    title: 'error answers to --origin carry Access-Control-Allow-Origin too',
    async run(context) {
      const origin = needOrigin(context);
      const reply = await context.client.request(
        'GET',
        `v1/products/conformance-no-such-product-${context.runId}`,
        {
          headers: { Origin: origin },
        },
      );
      ensure(
        reply.status === 404,
        `GET /v1/products/{unknown} from ${origin}: expected HTTP 404, received HTTP ${reply.status}`,
      );
      expectAllowOrigin(reply, origin, 'the 404 answer');
    },
  },
];
