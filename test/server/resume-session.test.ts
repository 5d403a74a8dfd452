// Issue 25 (7): back from a cancelled or refused payment page, the return URL's resume token opens
// one session, so the buyer is not asked to log in again (nothing secret kept in the browser).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DEMO_USERS } from '../../demo/server/seed.ts';
import { startServer, submitSandboxForm, type Server } from './harness.ts';

const PROFESSIONAL = '7654321@aruba.it';
let server: Server;
beforeEach(async () => {
  server = await startServer();
});
afterEach(() => server.close());

/** A new-card order, answered on the sandbox page with `fields`; the return URL's parameters. */
async function paymentPage(fields: Record<string, string>) {
  const token = await server.login(PROFESSIONAL);
  const reply = await server.request('POST', '/api/v1/orders', {
    token,
    headers: { 'Idempotency-Key': `resume-${Math.random()}` },
    body: {
      productId: 'certified-platform',
      planId: 'base',
      years: 1,
      addons: [],
      expectedTotalCents: 14640,
      paymentMethod: { type: 'card' },
      acceptTerms: true,
      returnUrl: 'http://localhost/partner.html',
    },
  });
  assert.equal(reply.status, 201);
  const done = await submitSandboxForm(server.app, reply.body.id, fields);
  const back = new URL(done.location!);
  return { orderId: reply.body.id as string, resumeToken: back.searchParams.get('cassa_resume')! };
}

const resume = (orderId: string, resumeToken: string) =>
  server.request('POST', '/api/v1/auth/resume', {
    body: { orderId },
    headers: { 'Cassa-Resume': resumeToken },
  });

describe('POST /v1/auth/resume', () => {
  it('after a cancelled payment opens a session for the order’s customer, once', async () => {
    const { orderId, resumeToken } = await paymentPage({ decision: 'cancel' });
    const first = await resume(orderId, resumeToken);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.customer.username, PROFESSIONAL);
    const me = await server.request('GET', '/api/v1/me', { token: first.body.token });
    assert.equal(me.status, 200);
    const second = await resume(orderId, resumeToken);
    assert.equal(second.status, 401, 'a resume token opens one session only');
  });

  it('never for a paid order, a wrong token, or without one', async () => {
    const paid = await paymentPage({
      decision: 'pay',
      holder: 'Giulia Bianchi',
      number: '4242424242424242',
      expiry: '12/29',
      cvc: '123',
    });
    assert.equal((await resume(paid.orderId, paid.resumeToken)).status, 401);
    const cancelled = await paymentPage({ decision: 'cancel' });
    assert.equal((await resume(cancelled.orderId, 'forged')).status, 401);
    const none = await server.request('POST', '/api/v1/auth/resume', {
      body: { orderId: cancelled.orderId },
    });
    assert.equal(none.status, 401);
  });

  it('after a credit top-up from the customer area, paid or not: one session for the member', async () => {
    const token = await server.login(DEMO_USERS.member);
    const topUp = async (fields: Record<string, string>) => {
      const reply = await server.request('POST', '/api/v1/me/credit/top-ups', {
        token,
        body: { amountCents: 1000, returnUrl: 'http://localhost/area-clienti.html' },
      });
      assert.equal(reply.status, 201, reply.text);
      const done = await submitSandboxForm(server.app, reply.body.id, fields);
      const back = new URL(done.location!);
      assert.equal(back.pathname, '/area-clienti.html');
      return {
        orderId: reply.body.id as string,
        resumeToken: back.searchParams.get('cassa_resume')!,
      };
    };
    const paid = await topUp({
      decision: 'pay',
      holder: 'Mario Rossi',
      number: '4242424242424242',
      expiry: '12/29',
      cvc: '123',
    });
    const first = await resume(paid.orderId, paid.resumeToken);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.customer.username, DEMO_USERS.member);
    const credit = await server.request('GET', '/api/v1/me/subscriptions', {
      token: first.body.token,
    });
    assert.equal(credit.status, 200);
    assert.equal((await resume(paid.orderId, paid.resumeToken)).status, 401, 'once');
    const cancelled = await topUp({ decision: 'cancel' });
    assert.equal((await resume(cancelled.orderId, cancelled.resumeToken)).status, 200);
  });
});
