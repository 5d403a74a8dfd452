// Issue 24: adding a payment method from the customer area (POST /v1/me/payment-methods): the
// provider's page (the sandbox here), nothing charged, the method saved on the way back and the
// buyer sent back to the area with the outcome; a refused card saves nothing; a foreign return
// URL is refused before anything starts.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ProviderRedirectSchema } from '../../src/api/account-schemas.ts';
import { DEMO_USERS } from '../../demo/server/seed.ts';
import { startServer, submitSandboxForm, type Server } from './harness.ts';

const AREA = 'http://localhost/area-clienti.html';
let server: Server;

beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

const start = (token: string, body: Record<string, unknown>) =>
  server.request('POST', '/api/v1/me/payment-methods', { token, body });

const labels = async (token: string) =>
  (await server.request('GET', '/api/v1/me/payment-methods', { token })).body.items.map(
    (m: { label: string }) => m.label,
  ) as string[];

describe('customer area: adding a payment method', () => {
  it('saves the PayPal account entered on the provider’s page and returns to the area', async () => {
    const token = await server.login(DEMO_USERS.professional);
    const before = await labels(token);
    const reply = await start(token, { type: 'paypal', returnUrl: AREA, locale: 'en' });
    assert.equal(reply.status, 201, reply.text);
    const { id, action } = ProviderRedirectSchema.parse(reply.body);
    assert.match(action.url, /\/api\/sandbox\/pay\/pms_[\w-]+\?lang=en$/);

    const page = await server.app.request(action.url);
    const html = await page.text();
    assert.match(html, /New payment method \(no charge\)/);
    assert.match(html, /0\.00/);

    const done = await submitSandboxForm(server.app, id, {
      decision: 'approve',
      email: 'studio.verdi@example.com',
    });
    assert.equal(done.status, 303, done.html);
    assert.equal(done.location, `${AREA}?cassa_method=saved`);
    assert.deepEqual(await labels(token), [...before, 'PayPal studio.verdi@example.com']);

    // A second post of the finished page changes nothing.
    const again = await submitSandboxForm(server.app, id, {
      decision: 'approve',
      email: 'other@example.com',
    });
    assert.equal(again.status, 409);
    assert.equal((await labels(token)).length, before.length + 1);
  });

  it('a refused card saves nothing: back to the area with cassa_method=refused', async () => {
    const token = await server.login(DEMO_USERS.professional);
    const before = await labels(token);
    const { id } = ProviderRedirectSchema.parse(
      (await start(token, { type: 'card', returnUrl: AREA })).body,
    );
    const done = await submitSandboxForm(server.app, id, {
      decision: 'pay',
      holder: 'Luca Verdi',
      number: '4000 0000 0000 0002',
      expiry: '12/29',
      cvc: '123',
    });
    assert.equal(done.location, `${AREA}?cassa_method=refused`);
    assert.deepEqual(await labels(token), before);
  });

  it('refuses a return URL on another site, and answers 401 without a session', async () => {
    const token = await server.login(DEMO_USERS.professional);
    const foreign = await start(token, { type: 'card', returnUrl: 'https://evil.example/x' });
    assert.equal(foreign.status, 422, foreign.text);
    assert.deepEqual(
      foreign.body.errors.map((e: { path: string }) => e.path),
      ['returnUrl'],
    );
    const anonymous = await server.request('POST', '/api/v1/me/payment-methods', {
      body: { type: 'card', returnUrl: AREA },
    });
    assert.equal(anonymous.status, 401);
  });
});
