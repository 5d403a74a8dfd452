// The checkout store: orders, idempotency, price changes, expired sessions, redirects and resuming.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Order, OrderRequest } from '../../src/api/schemas.ts';
import { COMPLETED_KEY } from '../../src/state/persistence.ts';
import { FakeClient, FakePage, until } from './fake-client.ts';
import { quoted, startStore, toSummary, validHolder } from './helpers.ts';

const orderCalls = (client: FakeClient) =>
  client
    .callsOf('createOrder')
    .map((c) => ({ body: c.args[0] as OrderRequest, key: c.args[1] as string }));

const networkFailure = {
  ok: false,
  error: { code: 'network', fieldErrors: [], retryable: true },
} as const;

describe('checkout store: placing an order', () => {
  it('a saved card pays at once: result step, one complete event, the expected total is the shown quote', async () => {
    const h = await startStore();
    await toSummary(h);
    assert.equal(h.store.state.step, 'summary');
    await h.store.confirm();
    assert.equal(h.store.state.step, 'result');
    assert.equal(h.store.state.order?.status, 'paid');
    assert.equal(h.completed.length, 1);
    const { body } = orderCalls(h.client)[0]!;
    assert.equal(body.expectedTotalCents, h.store.state.quote?.totalCents);
    assert.deepEqual(body.paymentMethod, { type: 'card', savedId: 'pm-card' });
    assert.deepEqual(body.holder, validHolder);
    assert.equal(body.acceptTerms, true);
    assert.equal(body.returnUrl, 'https://partner.example/buy?ref=news');
  });

  it('does not order without the terms accepted (a field error on acceptTerms)', async () => {
    const h = await startStore();
    await toSummary(h);
    h.store.setTermsAccepted(false);
    await h.store.confirm();
    assert.equal(orderCalls(h.client).length, 0);
    assert.deepEqual(
      h.store.state.fieldErrors.map((e) => e.code),
      ['terms.required'],
    );
  });

  it('the free plan orders with payment method none and completes as active', async () => {
    const h = await startStore({ planId: 'free' });
    h.store.next();
    await h.store.login('1234567@aruba.it', 'cassa-demo');
    h.store.submitHolder(validHolder);
    await quoted(h.store);
    assert.equal(h.store.needsPayment, false);
    h.store.setTermsAccepted(true);
    await h.store.confirm();
    assert.deepEqual(orderCalls(h.client)[0]?.body.paymentMethod, { type: 'none' });
    assert.equal(h.store.state.order?.status, 'active');
  });

  it('a double click sends one request', async () => {
    const h = await startStore();
    await toSummary(h);
    await Promise.all([h.store.confirm(), h.store.confirm()]);
    assert.equal(orderCalls(h.client).length, 1);
  });

  it('Indietro while the order is in flight is ignored: the answer decides the step', async () => {
    const h = await startStore();
    await toSummary(h);
    const confirming = h.store.confirm();
    assert.equal(h.store.state.ordering, true);
    h.store.back();
    assert.equal(h.store.state.step, 'summary');
    await confirming;
    assert.equal(h.store.state.step, 'result');
  });
});

describe('checkout store: idempotency keys', () => {
  it('a retry after a network error re-sends the same key and body', async () => {
    const h = await startStore();
    await toSummary(h);
    let failures = 1;
    h.client.override.createOrder = () => (failures-- > 0 ? networkFailure : undefined);
    await h.store.confirm();
    assert.deepEqual(h.store.state.error, { code: 'network', retryable: true });
    h.store.retry();
    await until(() => h.store.state.step === 'result');
    const [first, second] = orderCalls(h.client);
    assert.ok(first && second);
    assert.equal(second.key, first.key);
    assert.deepEqual(second.body, first.body);
    assert.equal(h.completed.length, 1);
  });

  it('a change to the order after a failure gets a new key', async () => {
    const h = await startStore();
    await toSummary(h);
    h.client.override.createOrder = () => networkFailure;
    await h.store.confirm();
    await h.store.confirm();
    h.store.setPayment({ type: 'bank_transfer' });
    await h.store.confirm();
    const keys = orderCalls(h.client).map((c) => c.key);
    assert.equal(keys.length, 3);
    assert.equal(keys[0], keys[1], 'same order, same key');
    assert.notEqual(keys[2], keys[1], 'another payment method is another order');
    assert.match(keys[2]!, /^[0-9a-f-]{32,36}$/);
  });
});

describe('checkout store: price changed (409)', () => {
  it('replaces the quote, shows the new total, and orders only when the buyer confirms again', async () => {
    const h = await startStore();
    await toSummary(h);
    const shown = h.store.state.quote!.totalCents;
    h.client.surchargeCents = 100;
    await h.store.confirm();
    assert.equal(h.store.state.step, 'summary');
    assert.equal(h.store.state.quote?.totalCents, shown + 100);
    assert.equal(h.store.state.priceChanged, true);
    assert.deepEqual(h.store.state.error, { code: 'price_changed', retryable: false });
    assert.equal(h.client.orders.size, 0, 'no order yet');
    await h.store.confirm();
    assert.equal(h.client.orders.size, 1);
    const [first, second] = orderCalls(h.client);
    assert.equal(second?.body.expectedTotalCents, shown + 100);
    assert.notEqual(second?.key, first?.key);
    assert.equal(h.store.state.step, 'result');
  });
});

describe('checkout store: session expired (401) mid-flow', () => {
  it('sends the buyer to log in, keeps selection and typed data, and returns to the summary', async () => {
    const h = await startStore();
    await toSummary(h);
    h.store.setHolderDraft({ name: 'typed' } as never);
    h.client.sessions.clear(); // the server forgot every session
    await h.store.confirm();
    assert.equal(h.store.state.step, 'account');
    assert.deepEqual(h.store.state.error, { code: 'unauthorized', retryable: false });
    assert.equal(h.store.state.session, null);
    assert.equal(h.client.token, null);
    assert.deepEqual(h.store.state.quantities, { 'extra-users': 2 });
    assert.deepEqual(h.store.state.holderDraft, { name: 'typed' });
    await h.store.login('1234567@aruba.it', 'cassa-demo');
    assert.equal(h.store.state.step, 'summary');
    assert.deepEqual(h.store.state.holder, validHolder);
    await h.store.confirm();
    assert.equal(h.store.state.order?.status, 'paid');
    assert.equal(h.client.orders.size, 1);
  });
});

describe('checkout store: payment page redirect and return', () => {
  it('saves the typed data (never the token) and navigates to the provider page', async () => {
    const h = await startStore();
    await toSummary(h, { type: 'card' } as never);
    h.store.setHolderDraft({ name: 'typed' } as never);
    await h.store.confirm();
    assert.deepEqual(h.page.navigations, ['https://pay.example/sandbox/ord-1']);
    const saved = [...h.page.storage.items.values()].join('\n');
    assert.match(saved, /"holderDraft":\{"name":"typed"\}/);
    assert.match(saved, /"extra-users":2/);
    assert.doesNotMatch(saved, /token/i);
    assert.equal(h.completed.length, 0, 'not complete before the payment');
  });

  it('refuses to navigate to a non-http URL from the backend', async () => {
    const h = await startStore();
    await toSummary(h, { type: 'card' } as never);
    h.client.override.createOrder = () => ({
      ok: true,
      value: {
        ...fakeOrder('ord-x', 'pending_payment'),
        action: { type: 'redirect', url: 'javascript:alert(1)' },
      },
    });
    await h.store.confirm();
    assert.deepEqual(h.page.navigations, []);
    assert.equal(h.store.state.error?.code, 'invalid_response');
  });

  it('on return: paid shows the result, strips the URL, fires complete once across two stores', async () => {
    const first = await startStore();
    await toSummary(first, { type: 'card' } as never);
    await first.store.confirm();
    first.client.orders.get('ord-1')!.status = 'paid';
    // The provider sends the buyer back; the page reloads with a new store but the same sessionStorage.
    const page = new FakePage();
    page.storage = first.page.storage;
    page.url = 'https://partner.example/buy?ref=news&cassa_order=ord-1&cassa_resume=resume-ord-1';
    const client = new FakeClient();
    client.orders = first.client.orders;
    const afterReturn = await startStore({ client, page });
    assert.equal(afterReturn.store.state.step, 'result');
    assert.equal(afterReturn.store.state.order?.number, 'C-2026-000001');
    assert.deepEqual(
      afterReturn.completed.map((o) => o.id),
      ['ord-1'],
    );
    assert.equal(page.url, 'https://partner.example/buy?ref=news');
    assert.equal(client.callsOf('getOrder')[0]?.args[1], 'resume-ord-1');
    assert.deepEqual(JSON.parse(page.storage.getItem(COMPLETED_KEY)!), ['ord-1']);

    // A second widget on the same page, still seeing the parameters: shows it, does not fire again.
    const otherPage = new FakePage();
    otherPage.storage = page.storage;
    otherPage.url = 'https://partner.example/buy?cassa_order=ord-1&cassa_resume=resume-ord-1';
    const second = await startStore({ client, page: otherPage });
    assert.equal(second.store.state.order?.status, 'paid');
    assert.equal(second.completed.length, 0);
  });

  it('on return: refused keeps selection and typed data; another method is a new order with a new key', async () => {
    const first = await startStore({ sessionToken: 'host-token' });
    await toSummary(first, { type: 'card' } as never);
    first.store.setHolderDraft({ name: 'typed' } as never);
    await first.store.confirm();
    const refusedKey = orderCalls(first.client)[0]!.key;
    first.client.orders.get('ord-1')!.status = 'refused';

    const page = new FakePage();
    page.storage = first.page.storage;
    page.url = 'https://partner.example/buy?cassa_order=ord-1&cassa_resume=resume-ord-1';
    const client = new FakeClient();
    client.orders = first.client.orders;
    const h = await startStore({ client, page, sessionToken: 'host-token' });
    assert.equal(h.store.state.step, 'result');
    assert.equal(h.store.state.order?.status, 'refused');
    assert.deepEqual(h.store.state.error, { code: 'payment_refused', retryable: false });
    assert.equal(h.completed.length, 0);
    assert.deepEqual(h.store.state.quantities, { 'extra-users': 2 });
    assert.deepEqual(h.store.state.holderDraft, { name: 'typed' });

    h.store.chooseAnotherMethod();
    assert.equal(h.store.state.step, 'summary');
    await quoted(h.store);
    h.store.setPayment({ type: 'postal_slip' });
    h.store.setTermsAccepted(true);
    await h.store.confirm();
    const { key } = orderCalls(client)[0]!;
    assert.notEqual(key, refusedKey);
    assert.equal(h.store.state.order?.status, 'awaiting_payment');
    assert.deepEqual(
      h.completed.map((o) => o.status),
      ['awaiting_payment'],
    );
  });

  it('on return without a session, another method asks to log in first and then shows the summary', async () => {
    const first = await startStore();
    await toSummary(first, { type: 'card' } as never);
    await first.store.confirm();
    first.client.orders.get('ord-1')!.status = 'refused';
    const page = new FakePage();
    page.storage = first.page.storage;
    page.url = 'https://partner.example/buy?cassa_order=ord-1&cassa_resume=resume-ord-1';
    const client = new FakeClient();
    client.orders = first.client.orders;
    const h = await startStore({ client, page });
    h.store.chooseAnotherMethod();
    assert.equal(h.store.state.step, 'account');
    await h.store.login('1234567@aruba.it', 'cassa-demo');
    assert.equal(h.store.state.step, 'summary');
  });

  it('on return: a cancelled payment goes back to the summary with everything kept, nothing completed', async () => {
    const first = await startStore({ sessionToken: 'host-token' });
    await toSummary(first, { type: 'paypal' } as never);
    await first.store.confirm();
    first.client.orders.get('ord-1')!.status = 'cancelled';
    const page = new FakePage();
    page.storage = first.page.storage;
    page.url = 'https://partner.example/buy?cassa_order=ord-1&cassa_resume=resume-ord-1';
    const client = new FakeClient();
    client.orders = first.client.orders;
    const h = await startStore({ client, page, sessionToken: 'host-token' });
    assert.equal(h.store.state.step, 'summary');
    assert.deepEqual(h.store.state.quantities, { 'extra-users': 2 });
    assert.deepEqual(h.store.state.payment, { type: 'paypal' });
    assert.equal(h.completed.length, 0);
    assert.equal(page.url, 'https://partner.example/buy');
  });

  it('a return URL for an unknown order is dropped and the checkout starts normally', async () => {
    const page = new FakePage();
    page.url = 'https://partner.example/buy?cassa_order=nope&cassa_resume=x';
    const h = await startStore({ page });
    assert.equal(h.store.state.step, 'plan');
    assert.equal(page.url, 'https://partner.example/buy');
    assert.equal(h.store.state.error, null);
  });

  it('a saved card refused at once (402) shows the refusal; choosing again uses a new key', async () => {
    const h = await startStore();
    await toSummary(h);
    let refusals = 1;
    h.client.override.createOrder = () =>
      refusals-- > 0
        ? { ok: false, error: { code: 'payment_refused', fieldErrors: [], retryable: false } }
        : undefined;
    await h.store.confirm();
    assert.equal(h.store.state.step, 'result');
    assert.equal(h.store.state.error?.code, 'payment_refused');
    h.store.chooseAnotherMethod();
    h.store.setPayment({ type: 'card', savedId: 'pm-card' });
    await h.store.confirm();
    const [first, second] = orderCalls(h.client);
    assert.deepEqual(first?.body, second?.body, 'the same order body…');
    assert.notEqual(first?.key, second?.key, '…under a new key after a refusal');
    assert.equal(h.store.state.order?.status, 'paid');
  });
});

function fakeOrder(id: string, status: Order['status']): Order {
  return {
    id,
    number: 'C-2026-000009',
    status,
    totalCents: 100,
    currency: 'EUR',
    productId: 'certified-platform',
    planId: 'base',
    addons: [],
    years: 1,
    paymentMethod: 'card',
    autoRenew: true,
  };
}
