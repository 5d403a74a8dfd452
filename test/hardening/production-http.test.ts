// The API as a production process answers it (demo: false, CASSA_PUBLIC_URL and
// CASSA_ALLOWED_ORIGINS set), probed as an attacker would over HTTP: what a request says about
// its own host opens no door.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startServer, type Reply, type Server } from '../server/harness.ts';
import { certifiedQuote } from './requests.ts';

const PUBLIC_URL = 'https://pay.shop.example';
const LISTED = 'https://shop.example';

let server: Server;
beforeEach(async () => {
  server = await startServer({ demo: false, publicUrl: PUBLIC_URL, allowedOrigins: [LISTED] });
});
afterEach(() => server.close());

/** A request as it arrives: `url` carries the Host the client claims. */
async function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Reply> {
  const response = await server.app.request(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: undefined, text };
}

describe('CORS in production: the configured origins only, whatever Host says', () => {
  it('a forged Host does not make its own origin an allowed one', async () => {
    for (const host of ['evil.example', 'localhost:4710', '127.0.0.1:8080']) {
      const origin = `http://${host}`;
      const preflight = await send('OPTIONS', `${origin}/api/v1/orders`, {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
      });
      assert.equal(preflight.status, 204, host);
      assert.equal(preflight.headers.get('access-control-allow-origin'), null, `${host} preflight`);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null, host);

      const read = await send('POST', `${origin}/api/v1/quotes`, { Origin: origin }, certifiedQuote());
      assert.equal(read.status, 403, `${host}: a foreign page's write is refused`);
      assert.equal(read.headers.get('access-control-allow-origin'), null, `${host} answer`);
    }
  });

  it('the public URL and the listed origin are answered, on any Host', async () => {
    for (const origin of [PUBLIC_URL, LISTED]) {
      const preflight = await send('OPTIONS', 'http://evil.example/api/v1/orders', {
        Origin: origin,
        'Access-Control-Request-Method': 'POST',
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
      const quote = await send(
        'POST',
        'http://internal:8080/api/v1/quotes',
        { Origin: origin },
        certifiedQuote(),
      );
      assert.equal(quote.status, 200, origin);
      assert.equal(quote.headers.get('access-control-allow-origin'), origin);
    }
  });
});
