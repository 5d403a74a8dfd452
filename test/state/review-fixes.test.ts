// The checkout store: rough edges found in review (language of the payment page, terms kept across
// the payment page, one draft per widget, coming back without a session).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OrderRequest } from '../../src/api/schemas.ts';
import type { Locale } from '../../src/i18n/index.ts';
import { FakeClient, FakePage } from './fake-client.ts';
import { quoted, startStore, toSummary, validHolder } from './helpers.ts';

describe('checkout store: the order carries the widget language', () => {
  it('sends the current locale, so the payment page speaks the buyer’s language', async () => {
    let locale: Locale = 'en';
    const h = await startStore({ locale: () => locale });
    await toSummary(h, { type: 'card' } as never);
    await h.store.confirm();
    const [sent] = h.client.callsOf('createOrder');
    assert.equal((sent!.args[0] as OrderRequest).locale, 'en');

    // The buyer switched the widget to Italian before trying again.
    locale = 'it';
    const again = await startStore({ locale: () => locale });
    await toSummary(again, { type: 'paypal' } as never);
    await again.store.confirm();
    assert.equal((again.client.callsOf('createOrder')[0]!.args[0] as OrderRequest).locale, 'it');
  });
});

describe('checkout store: two widgets of one product on one page', () => {
  it('each keeps its own draft and its own return from the payment page (by element id)', async () => {
    const left = await startStore({ id: 'left' });
    await toSummary(left, { type: 'card' } as never);
    await left.store.confirm();
    // The other widget of the same page (same sessionStorage, same backend) leaves for it later.
    const right = await startStore({ id: 'right', client: left.client });
    right.page.storage = left.page.storage;
    await toSummary(right, { type: 'paypal' } as never);
    right.store.setQuantities({ 'extra-users': 5 });
    await quoted(right.store);
    await right.store.confirm();
    assert.equal(left.client.orders.size, 2);

    const returnUrl = (h: typeof left) =>
      (h.client.callsOf('createOrder')[0]!.args[0] as OrderRequest).returnUrl!;
    assert.equal(returnUrl(left), 'https://partner.example/buy?ref=news&cassa_widget=left');

    // Back from the provider with the left widget's order (cancelled there): the page loads again.
    left.client.orders.get('ord-1')!.status = 'cancelled';
    const page = new FakePage();
    page.storage = left.page.storage;
    page.url = `${returnUrl(left)}&cassa_order=ord-1&cassa_resume=resume-ord-1`;
    // The right widget leaves the left one's order alone…
    const other = await startStore({ id: 'right', page, client: left.client });
    assert.equal(other.store.state.step, 'plan');
    assert.deepEqual(other.store.state.quantities, {});
    assert.match(page.url, /cassa_order=ord-1/);
    // …and the left one finds its own choices, not the right one's.
    const back = await startStore({ id: 'left', page, client: left.client });
    assert.equal(back.store.state.step, 'account'); // no session after the trip: log in again
    assert.deepEqual(back.store.state.quantities, { 'extra-users': 2 });
    assert.deepEqual(back.store.state.payment, { type: 'card' });
    assert.equal(page.url, 'https://partner.example/buy?ref=news');
  });
});

/** Leaves for the provider with a new card; the provider answers `status`; the page loads again. */
async function backFromProvider(
  status: 'refused' | 'cancelled',
  options: { sessionToken?: string; surchargeCents?: number } = {},
) {
  const first = await startStore({ sessionToken: options.sessionToken });
  await toSummary(first, { type: 'card' } as never);
  first.store.setHolderDraft({ name: 'typed' } as never);
  await first.store.confirm();
  const leftWith = first.client.callsOf('createOrder')[0]!;
  first.client.orders.get('ord-1')!.status = status;
  const page = new FakePage();
  page.storage = first.page.storage;
  page.url = 'https://partner.example/buy?cassa_order=ord-1&cassa_resume=resume-ord-1';
  const client = new FakeClient();
  client.orders = first.client.orders;
  client.surchargeCents = options.surchargeCents ?? 0;
  const h = await startStore({ client, page, sessionToken: options.sessionToken });
  return { h, refusedKey: leftWith.args[1] as string };
}

describe('checkout store: back from the payment page without a session', () => {
  for (const status of ['refused', 'cancelled'] as const) {
    it(`${status}: the account step says why, then straight to the summary with everything kept`, async () => {
      const { h, refusedKey } = await backFromProvider(status);
      const code = status === 'refused' ? 'payment_refused' : 'payment_cancelled';
      if (status === 'refused') {
        assert.equal(h.store.state.step, 'result');
        h.store.chooseAnotherMethod();
      }
      assert.equal(h.store.state.step, 'account');
      assert.equal(h.store.state.loginAgain, true, 'the explanation is shown');
      assert.deepEqual(h.store.state.error, { code, retryable: false });
      assert.deepEqual(
        h.errors.map((e) => e.code),
        [code],
        'one cassa-error for the refusal or the cancel',
      );

      await h.store.login('1234567@aruba.it', 'cassa-demo');
      assert.equal(h.store.state.step, 'summary');
      assert.equal(h.store.state.loginAgain, false);
      await quoted(h.store);
      assert.deepEqual(h.store.state.quantities, { 'extra-users': 2 });
      assert.deepEqual(h.store.state.holderDraft, { name: 'typed' });
      assert.equal(h.store.state.termsAccepted, true, 'no need to tick the conditions again');
      // A refused card is not offered again; a cancelled one may be confirmed again.
      assert.deepEqual(h.store.state.payment, status === 'refused' ? null : { type: 'card' });
      h.store.setPayment({ type: 'bank_transfer' });
      await h.store.confirm();
      const [retry] = h.client.callsOf('createOrder');
      assert.notEqual(retry!.args[1], refusedKey, 'a new Idempotency-Key');
      assert.equal((retry!.args[0] as OrderRequest).holder?.name, validHolder.name);
      assert.equal(h.store.state.order?.status, 'awaiting_payment');
    });
  }

  it('with the host session (Ordine portal) no login is needed: straight to the summary', async () => {
    const refused = await backFromProvider('refused', { sessionToken: 'host-token' });
    refused.h.store.chooseAnotherMethod();
    assert.equal(refused.h.store.state.step, 'summary');
    assert.equal(refused.h.store.state.loginAgain, false);
    await quoted(refused.h.store);
    assert.equal(refused.h.store.state.termsAccepted, true);

    const cancelled = await backFromProvider('cancelled', { sessionToken: 'host-token' });
    assert.equal(cancelled.h.store.state.step, 'summary');
    assert.equal(cancelled.h.store.state.loginAgain, false);
    assert.equal(cancelled.h.client.callsOf('login').length, 0);
  });

  it('ready comes first, then the refusal (the page can listen before anything is shown)', async () => {
    const { h } = await backFromProvider('refused');
    assert.deepEqual(h.events, ['ready', 'error']);
  });
});

describe('checkout store: the conditions accepted before the payment page', () => {
  it('stay accepted on return, unless the total changed meanwhile', async () => {
    const same = await backFromProvider('cancelled', { sessionToken: 'host-token' });
    await quoted(same.h.store);
    assert.equal(same.h.store.state.termsAccepted, true);

    const changed = await backFromProvider('cancelled', {
      sessionToken: 'host-token',
      surchargeCents: 100,
    });
    await quoted(changed.h.store);
    assert.equal(changed.h.store.state.termsAccepted, false, 'a new total: accept again');
    await changed.h.store.confirm();
    assert.equal(changed.h.client.callsOf('createOrder').length, 0);
    assert.equal(changed.h.store.state.fieldErrors[0]?.path, 'acceptTerms');
  });
});
