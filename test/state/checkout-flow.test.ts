// The checkout store: steps, navigation, quotes, account (issue 5, part 2).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClient, delay, until } from './fake-client.ts';
import { quoted, startStore, validHolder } from './helpers.ts';

describe('checkout store: steps per product', () => {
  it('Certified Platform: plan → add-ons → account → holder → summary → result', async () => {
    const { store } = await startStore();
    assert.equal(store.state.status, 'ready');
    assert.deepEqual(store.state.steps, [
      'plan',
      'addons',
      'account',
      'holder',
      'summary',
      'result',
    ]);
    assert.equal(store.state.step, 'plan');
  });

  it('the free plan skips the add-ons step', async () => {
    const { store } = await startStore({ planId: 'free' });
    assert.deepEqual(store.state.steps, ['plan', 'account', 'holder', 'summary', 'result']);
    store.next();
    assert.equal(store.state.step, 'account');
  });

  it('PEC add-ons: account → mailbox → add-ons → summary → result', async () => {
    const { store } = await startStore({ productId: 'pec-addons' });
    assert.deepEqual(store.state.steps, ['account', 'mailbox', 'addons', 'summary', 'result']);
    assert.equal(store.state.step, 'account');
  });

  it('PEC add-ons with a host session token start on the mailbox step', async () => {
    const { store, client } = await startStore({
      productId: 'pec-addons',
      sessionToken: 'member-token',
    });
    assert.deepEqual(store.state.steps, ['mailbox', 'addons', 'summary', 'result']);
    assert.equal(store.state.step, 'mailbox');
    assert.equal(store.state.session?.customer.username, 'mario.rossi@architettitorinopec.it');
    assert.equal(store.state.session?.subscriptions?.items.length, 2);
    assert.equal(client.callsOf('me')[0]?.token, 'member-token');
  });

  it('reports every step change with the previous step', async () => {
    const h = await startStore({ planId: 'base' });
    h.store.next();
    h.store.back();
    assert.deepEqual(h.steps, [
      { step: 'addons', previous: 'plan' },
      { step: 'plan', previous: 'addons' },
    ]);
  });

  it('a catalog that cannot be loaded is an error with a retry that loads it', async () => {
    const client = new FakeClient();
    let failures = 1;
    client.override.getProduct = () =>
      failures-- > 0
        ? { ok: false, error: { code: 'network', fieldErrors: [], retryable: true } }
        : undefined;
    const h = await startStore({ client });
    assert.equal(h.store.state.status, 'failed');
    assert.deepEqual(h.store.state.error, { code: 'network', retryable: true });
    h.store.retry();
    await until(() => h.store.state.status === 'ready');
    assert.equal(h.store.state.step, 'plan');
    assert.equal(h.store.state.error, null);
  });
});

describe('checkout store: back and forward keep everything', () => {
  it('keeps the plan, add-ons, typed holder draft and term when going back and forth', async () => {
    const { store } = await startStore();
    store.selectPlan('base');
    store.next();
    store.setQuantities({ 'extra-users': 3, storage: 10 });
    store.next();
    await store.login('1234567@aruba.it', 'cassa-demo');
    assert.equal(store.state.step, 'holder');
    const draft = { name: 'Rossi Costruzioni S.r.l. (typed)' };
    store.setHolderDraft(draft as never);
    store.back();
    store.back();
    assert.equal(store.state.step, 'addons');
    assert.deepEqual(store.state.quantities, { 'extra-users': 3, storage: 10 });
    store.back();
    assert.equal(store.state.planId, 'base');
    store.next();
    store.next();
    store.next();
    assert.equal(store.state.step, 'holder');
    assert.equal(store.state.holderDraft, draft);
  });

  it('cannot leave the account step without a session, nor the mailbox step without a mailbox', async () => {
    const { store } = await startStore({ productId: 'pec-addons' });
    store.next();
    assert.equal(store.state.step, 'account');
    await store.login('mario.rossi@architettitorinopec.it', 'cassa-demo');
    assert.equal(store.state.step, 'mailbox');
    store.next();
    assert.equal(store.state.step, 'mailbox');
    assert.deepEqual(
      store.state.fieldErrors.map((e) => [e.path, e.code]),
      [['subscriptionId', 'selection.subscription.required']],
    );
    store.selectSubscription('mb-8');
    store.next();
    assert.equal(store.state.step, 'addons');
  });
});

describe('checkout store: quotes', () => {
  it('debounces: rapid changes send one quote, for the last selection', async () => {
    const { store, client } = await startStore({ planId: 'base', quoteDelayMs: 40 });
    await quoted(store);
    const before = client.callsOf('quote').length;
    store.setQuantities({ 'extra-users': 1 });
    store.setQuantities({ 'extra-users': 2 });
    store.setQuantities({ 'extra-users': 3 });
    assert.equal(store.state.quoteLoading, true);
    await quoted(store);
    const sent = client.callsOf('quote').slice(before);
    assert.equal(sent.length, 1);
    assert.deepEqual((sent[0]!.args[0] as { addons: unknown }).addons, [
      { id: 'extra-users', quantity: 3 },
    ]);
    // base 120 + 3 × 12 = 156 € + 22% VAT
    assert.equal(store.state.quote?.totalCents, 19032);
  });

  it('ignores a stale answer that arrives after a newer one', async () => {
    const client = new FakeClient();
    // The first quote with 1 extra user is slow; the next one is fast.
    let slowAnswered!: () => void;
    const slowDone = new Promise<void>((resolve) => (slowAnswered = resolve));
    client.override.quote = async (
      request: { addons: { quantity: number }[] },
      o?: { signal?: AbortSignal },
    ) => {
      if (request.addons[0]?.quantity === 1) {
        await delay(60).catch(() => undefined);
        void o;
        setTimeout(slowAnswered); // after this answer has reached the store
        return client.priceFor(request as never);
      }
      return undefined;
    };
    const { store } = await startStore({ client, planId: 'base', quoteDelayMs: 1 });
    await quoted(store);
    store.setQuantities({ 'extra-users': 1 });
    // The slow request is in flight (waited for, not assumed after a few milliseconds).
    await until(() =>
      client
        .callsOf('quote')
        .some((c) => (c.args[0] as { addons: { quantity: number }[] }).addons[0]?.quantity === 1),
    );
    store.setQuantities({ 'extra-users': 2 });
    await quoted(store);
    const fresh = store.state.quote?.totalCents;
    await slowDone; // the slow one has answered by now
    assert.equal(store.state.quote?.totalCents, fresh);
    assert.equal(fresh, Math.round((12000 + 2400) * 1.22));
    const signals = client
      .callsOf('quote')
      .map((c) => (c.args[1] as { signal: AbortSignal }).signal);
    assert.equal(signals.at(-2)?.aborted, true, 'the superseded request was aborted');
  });

  it('quotes only add-ons the plan allows (switching to free keeps the quantities for later)', async () => {
    const { store, client } = await startStore({ planId: 'base' });
    store.setQuantities({ storage: 5 });
    await quoted(store);
    store.selectPlan('free');
    await quoted(store);
    const last = client.callsOf('quote').at(-1)!.args[0] as { addons: unknown[]; planId: string };
    assert.deepEqual([last.planId, last.addons], ['free', []]);
    assert.equal(store.state.quote?.totalCents, 0);
    assert.deepEqual(store.state.quantities, { storage: 5 });
  });

  it('a failed quote shows a retryable error; retrying quotes again and clears it', async () => {
    const client = new FakeClient();
    let failures = 1;
    client.override.quote = () =>
      failures-- > 0
        ? { ok: false, error: { code: 'timeout', fieldErrors: [], retryable: true } }
        : undefined;
    const h = await startStore({ client, planId: 'base' });
    await until(() => h.store.state.error !== null);
    assert.deepEqual(h.store.state.error, { code: 'timeout', retryable: true });
    assert.deepEqual(h.errors.at(-1), { code: 'timeout', retryable: true });
    h.store.retry();
    await quoted(h.store);
    assert.equal(h.store.state.error, null);
    assert.equal(h.store.state.quote?.totalCents, 14640);
  });

  it('PEC: quotes the co-termed price of the chosen mailbox (8 months: 10,58 €; 2 months: free)', async () => {
    const { store } = await startStore({ productId: 'pec-addons', sessionToken: 'member-token' });
    store.selectSubscription('mb-8');
    store.next();
    store.setQuantities({ 'extra-space': 3, conservation: 1 });
    await quoted(store);
    assert.equal(store.state.quote?.totalCents, 1058);
    assert.equal(store.state.quote?.minimumTopUpCents, 1586);
    assert.equal(store.state.topUpCents, 1586, 'the top-up starts at the minimum');
    store.selectSubscription('mb-2');
    await until(() => store.state.quote?.totalCents === 0);
    assert.equal(store.state.quote?.freeUntil, '2027-01-23');
  });
});

describe('checkout store: account', () => {
  it('a wrong password is an inline login error, not a banner', async () => {
    const h = await startStore({ planId: 'free' });
    h.store.next();
    await h.store.login('1234567@aruba.it', 'wrong');
    assert.equal(h.store.state.authError, 'unauthorized');
    assert.equal(h.store.state.error, null);
    assert.equal(h.store.state.step, 'account');
    assert.deepEqual(h.errors.at(-1), { code: 'unauthorized', retryable: false, context: 'login' });
  });

  it('a private individual is stopped on the account step before any payment data', async () => {
    const h = await startStore({ planId: 'free' });
    h.store.next();
    await h.store.login('5555555@aruba.it', 'cassa-demo');
    assert.equal(h.store.state.step, 'account');
    assert.equal(h.store.state.ineligible, true);
    assert.deepEqual(h.store.state.error, { code: 'ineligible_customer', retryable: false });
    h.store.next();
    assert.equal(h.store.state.step, 'account', 'Continue does not pass');
    assert.equal(h.client.callsOf('createOrder').length, 0);
    h.store.switchAccount();
    assert.equal(h.store.state.session, null);
    assert.equal(h.store.state.ineligible, false);
    await h.store.login('1234567@aruba.it', 'cassa-demo');
    assert.equal(h.store.state.step, 'holder');
  });

  it('an ineligible host session shows the account step first', async () => {
    const client = new FakeClient();
    client.sessions.set('private-token', 'private');
    const { store } = await startStore({ client, sessionToken: 'private-token' });
    assert.equal(store.state.step, 'account');
    assert.equal(store.state.error?.code, 'ineligible_customer');
  });

  it('registration logs in and lets the holder step prefill from the registered holder', async () => {
    const { store, client } = await startStore({ planId: 'free' });
    store.next();
    await store.register(validHolder, 'a-long-password');
    assert.equal(store.state.step, 'holder');
    assert.equal(store.state.holderDraft, null);
    assert.deepEqual(store.state.session?.customer.holder, validHolder);
    assert.deepEqual(client.callsOf('register')[0]!.args[0], {
      password: 'a-long-password',
      holder: validHolder,
    });
  });
});
