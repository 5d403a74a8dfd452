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
    const back = new URL(done.location!);
    assert.equal(`${back.origin}${back.pathname}`, AREA);
    assert.equal(back.searchParams.get('cassa_method'), 'saved');
    assert.equal(back.searchParams.get('cassa_setup'), id);
    assert.ok(back.searchParams.get('cassa_resume'), 'a resume token for the area');
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
    assert.equal(new URL(done.location!).searchParams.get('cassa_method'), 'refused');
    assert.deepEqual(await labels(token), before);
  });

  it('sends the buyer to the page on the server’s public address, whatever Host the call names; a return to that Host is refused', async () => {
    // Reached under another name (a proxy, 127.0.0.1 for localhost), as for orders: the page's
    // form only accepts posts from the public origin, and a forged Host is no return address.
    const token = await server.login(DEMO_USERS.professional);
    const call = (path: string, body: Record<string, unknown>) =>
      server.app.request(`http://forged.example${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const reply = await call('/api/v1/me/payment-methods', { type: 'card', returnUrl: AREA });
    assert.equal(reply.status, 201, await reply.clone().text());
    const { action } = ProviderRedirectSchema.parse(await reply.json());
    assert.equal(new URL(action.url).origin, 'http://localhost');
    const foreign = await call('/api/v1/me/payment-methods', {
      type: 'card',
      returnUrl: 'http://forged.example/area.html',
    });
    assert.equal(foreign.status, 422);
    const member = await server.login(DEMO_USERS.member);
    const topUp = await server.app.request('http://forged.example/api/v1/me/credit/top-ups', {
      method: 'POST',
      headers: { Authorization: `Bearer ${member}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ amountCents: 1000, returnUrl: AREA }),
    });
    assert.equal(topUp.status, 201, await topUp.clone().text());
    const redirect = ProviderRedirectSchema.parse(await topUp.json());
    assert.equal(new URL(redirect.action.url).origin, 'http://localhost');
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

describe('customer area: back from adding a method, logged in again without a password', () => {
  const resume = (body: Record<string, string>, resumeToken?: string) =>
    server.request('POST', '/api/v1/auth/resume', {
      body,
      headers: resumeToken ? { 'Cassa-Resume': resumeToken } : {},
    });

  /** A setup answered on the sandbox page with `fields`; its id and the return URL's token. */
  async function setup(username: string, fields: Record<string, string>) {
    const token = await server.login(username);
    const { id } = ProviderRedirectSchema.parse(
      (await start(token, { type: 'paypal', returnUrl: AREA })).body,
    );
    const done = await submitSandboxForm(server.app, id, fields);
    return { id, resumeToken: new URL(done.location!).searchParams.get('cassa_resume')! };
  }

  it('the return URL’s token opens one session for the setup’s customer, once', async () => {
    const { id, resumeToken } = await setup(DEMO_USERS.professional, {
      decision: 'approve',
      email: 'studio.verdi@example.com',
    });
    const first = await resume({ setupId: id }, resumeToken);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.customer.username, DEMO_USERS.professional);
    assert.ok((await labels(first.body.token)).includes('PayPal studio.verdi@example.com'));
    const second = await resume({ setupId: id }, resumeToken);
    assert.equal(second.status, 401, 'a resume token opens one session only');
  });

  it('also after a cancelled setup; never with a wrong token, another setup’s, an order id, or none', async () => {
    const cancelled = await setup(DEMO_USERS.professional, { decision: 'cancel' });
    const other = await setup(DEMO_USERS.company, {
      decision: 'approve',
      email: 'rossi@example.com',
    });
    assert.equal((await resume({ setupId: cancelled.id }, 'forged-token')).status, 401);
    assert.equal((await resume({ setupId: cancelled.id }, other.resumeToken)).status, 401);
    assert.equal((await resume({ orderId: cancelled.id }, cancelled.resumeToken)).status, 401);
    assert.equal((await resume({ setupId: cancelled.id })).status, 401);
    assert.equal(
      (await resume({ setupId: cancelled.id, orderId: 'x' }, cancelled.resumeToken)).status,
      422,
    );
    const opened = await resume({ setupId: cancelled.id }, cancelled.resumeToken);
    assert.equal(opened.status, 200, opened.text);
    assert.equal(opened.body.customer.username, DEMO_USERS.professional);
  });

  it('a replayed return carries no second token: the first one keeps working', async () => {
    const token = await server.login(DEMO_USERS.professional);
    const { id } = ProviderRedirectSchema.parse(
      (await start(token, { type: 'paypal', returnUrl: AREA })).body,
    );
    const done = await submitSandboxForm(server.app, id, {
      decision: 'approve',
      email: 'studio.verdi@example.com',
    });
    const replay = await server.app.request(`/api/payment-methods/setups/${id}/return`);
    assert.equal(replay.status, 303);
    assert.equal(new URL(replay.headers.get('location')!).searchParams.get('cassa_resume'), null);
    const resumeToken = new URL(done.location!).searchParams.get('cassa_resume')!;
    assert.equal((await resume({ setupId: id }, resumeToken)).status, 200);
  });
});
