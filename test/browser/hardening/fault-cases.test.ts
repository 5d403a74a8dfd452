// Issue 7, item 1, the faults that are answers rather than breakage: an expired session, a price
// change, rate limiting, a refused or cancelled payment, an order whose answer is lost after the
// backend created it. Each: the translated message where it happened, `cassa-error` with its
// code, a way forward, everything kept, and never a second order.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import type { OrderRequest } from '../../../src/api/schemas.ts';
import { PAY_PAGE } from '../fake-backend.ts';
import {
  clearCassaStorage,
  deep,
  onStep,
  pick,
  press,
  seeText,
  type,
  visibleText,
  within,
} from '../checkout/helpers.ts';
import { FaultyBackend } from './faulty-backend.ts';
import {
  MESSAGES,
  WORDS,
  errorRegion,
  eventsOf,
  expectErrorShown,
  expectOneOrderKeepingEverything,
  pressRetry,
  purchase,
  ready,
  render,
  type Lang,
  type Widget,
} from './journey.ts';

const cases: string[] = [];
const orderBodies = (faulty: FaultyBackend) =>
  faulty.backend.sent('POST', '/v1/orders').map((r) => r.body as OrderRequest);

async function logInAgain(w: Widget, lang: Lang, username = '1234567@aruba.it'): Promise<void> {
  const words = WORDS[lang];
  await onStep(w.el, words.account);
  type(deep<HTMLInputElement>(w.el, 'input#username'), username);
  type(deep<HTMLInputElement>(w.el, 'input#password'), 'cassa-demo');
  await press(w.el, words.login);
}

/** On the summary: the saved card (or what is already chosen), terms, confirm. */
async function confirmAgain(w: Widget, lang: Lang): Promise<void> {
  const words = WORDS[lang];
  await onStep(w.el, words.summary);
  await seeText(w.el, words.total);
  const terms = within<HTMLInputElement>(w.el, 'cassa-order-summary', 'input#terms')[0]!;
  if (!terms.checked) pick(w.el, words.terms);
  await press(w.el, words.confirm);
}

describe('hardening: answers that interrupt a purchase', function () {
  beforeEach(clearCassaStorage);
  after(() => console.log(`hardening: widget interruptions=${cases.length} recovered`));

  it('401 on the order (session expired mid-flow, en): log in again, everything kept, one order', async () => {
    const faulty = await FaultyBackend.create();
    const w = await purchase(faulty, 'en', {
      before: (s) => (s === 'order' ? faulty.inject('order', 'expired') : undefined),
      after: async (s, widget) => {
        if (s !== 'order') return;
        await expectErrorShown(widget, 'en', 'order', { code: 'unauthorized', retryable: false });
        expect(faulty.orders()).to.equal(0);
        faulty.clear('order');
        await logInAgain(widget, 'en');
        await confirmAgain(widget, 'en');
      },
    });
    expectOneOrderKeepingEverything(faulty, w);
    cases.push('401@order');
  });

  it('401 on a PEC quote (session expired mid-flow): log in again, back to the add-ons with the quantity kept', async () => {
    const faulty = await FaultyBackend.create();
    const member = 'mario.rossi@architettitorinopec.it';
    const w = await render(faulty.fetch, { product: 'pec-addons' });
    await ready(w);
    const { el } = w;
    await logInAgain(w, 'it', member);
    await onStep(el, 'Scegli la casella PEC');
    pick(el, member);
    await press(el, 'Prosegui');
    await onStep(el, 'Servizi aggiuntivi');
    await waitUntil(() => !el.store?.state.quoteLoading);
    faulty.inject('quote', 'expired');
    type(deep<HTMLInputElement>(el, 'input#q-extra-space'), '3');
    await expectErrorShown(w, 'it', 'quote', { code: 'unauthorized', retryable: false });
    faulty.clear('quote');
    await logInAgain(w, 'it', member);
    await onStep(el, 'Servizi aggiuntivi');
    expect(deep<HTMLInputElement>(el, 'input#q-extra-space').value).to.equal('3');
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo e pagamento');
    // 3 GB × €3 for the 8 months left = €6.00 + 22% VAT.
    await seeText(el, 'Totale da pagare ora 7,32 €');
    const last = faulty.backend.sent('POST', '/v1/quotes').at(-1)!.body as Record<string, unknown>;
    expect(last.subscriptionId).to.equal('mb-8');
    expect(last.addons).to.deep.include({ id: 'extra-space', quantity: 3 });
    cases.push('401@quote');
  });

  it('409 price change (en): the new total, nothing ordered until the buyer confirms again', async () => {
    const faulty = await FaultyBackend.create();
    const w = await purchase(faulty, 'en', {
      before: (s) => {
        if (s === 'order') faulty.backend.surchargeCents = 100;
      },
      after: async (s, widget) => {
        if (s !== 'order') return;
        await expectErrorShown(widget, 'en', 'order', { code: 'price_changed', retryable: false });
        await seeText(widget.el, 'Total due now €176.68');
        expect(faulty.orders()).to.equal(0);
        await press(widget.el, WORDS.en.confirm);
      },
    });
    expect(faulty.orders()).to.equal(1);
    expect(orderBodies(faulty).map((b) => b.expectedTotalCents)).to.deep.equal([17568, 17668]);
    expect(orderBodies(faulty)[1]!.addons).to.deep.equal([{ id: 'extra-users', quantity: 2 }]);
    expect(eventsOf(w, 'cassa-order-complete')).to.have.length(1);
    cases.push('409@order');
  });

  it('429 on the login: the message in the form, the typed username kept; logging in later works', async () => {
    const faulty = await FaultyBackend.create();
    const w = await purchase(faulty, 'it', {
      before: (s) => (s === 'login' ? faulty.inject('login', 'rate_limited') : undefined),
      after: async (s, widget) => {
        if (s !== 'login') return;
        await expectErrorShown(widget, 'it', 'login', { code: 'rate_limited', retryable: false });
        expect(deep<HTMLInputElement>(widget.el, 'input#username').value).to.equal(
          '1234567@aruba.it',
        );
        faulty.clear('login');
        await press(widget.el, WORDS.it.login);
      },
    });
    expectOneOrderKeepingEverything(faulty, w);
    cases.push('429@login');
  });

  it('429 on the order: retried after Retry-After, then the message; confirming again makes one order with the same key', async () => {
    const faulty = await FaultyBackend.create();
    const w = await purchase(faulty, 'en', {
      before: (s) => (s === 'order' ? faulty.inject('order', 'rate_limited') : undefined),
      after: async (s, widget) => {
        if (s !== 'order') return;
        await expectErrorShown(widget, 'en', 'order', { code: 'rate_limited', retryable: false });
        expect(faulty.attemptsAt('order', true)).to.have.length(3);
        faulty.clear('order');
        await press(widget.el, WORDS.en.confirm);
      },
    });
    expectOneOrderKeepingEverything(faulty, w);
    cases.push('429@order');
  });

  it('a saved card refused at once (402): says so; another method is a new order, selection kept', async () => {
    const faulty = await FaultyBackend.create();
    const w = await purchase(faulty, 'it', {
      before: (s) => (s === 'order' ? faulty.inject('order', 'refused') : undefined),
      after: async (s, widget) => {
        if (s !== 'order') return;
        const { el } = widget;
        await onStep(el, WORDS.it.refused);
        await expectErrorShown(widget, 'it', 'order', {
          code: 'payment_refused',
          retryable: false,
        });
        faulty.clear('order');
        await press(el, WORDS.it.otherMethod);
        await onStep(el, WORDS.it.summary);
        await seeText(el, WORDS.it.total);
        pick(el, 'Visa •••• 4242');
        await confirmAgain(widget, 'it');
      },
    });
    expectOneOrderKeepingEverything(faulty, w, { keys: 2 });
    const [refusedKey, paidKey] = faulty.attemptsAt('order').map((a) => a.idempotencyKey);
    expect(paidKey).not.to.equal(refusedKey);
    expect(eventsOf(w, 'cassa-order-complete')).to.have.length(1);
    cases.push('402@order');
  });

  for (const outcome of ['refused', 'cancelled'] as const) {
    const code = outcome === 'refused' ? 'payment_refused' : 'payment_cancelled';
    it(`${outcome} on the provider's page: back in the widget the message, log in again, selection and typed data kept, no second live order`, async () => {
      const faulty = await FaultyBackend.create();
      const lang: Lang = outcome === 'refused' ? 'en' : 'it';
      const words = WORDS[lang];
      const pageUrl = window.location.href;
      let first!: Widget;
      try {
        await purchase(faulty, lang, {
          before: (s, widget) => {
            if (s === 'order') pick(widget!.el, words.newCard);
          },
          after: async (s, widget) => {
            if (s !== 'order') return;
            first = widget;
            await waitUntil(() => widget.navigations.length === 1, 'no redirect');
            throw new Error('left for the provider');
          },
        }).catch((error: Error) => {
          if (error.message !== 'left for the provider') throw error;
        });
        const [order] = [...faulty.backend.orders.values()];
        expect(first.navigations[0]).to.equal(`${PAY_PAGE}${order!.id}`);
        first.el.remove();

        window.history.replaceState(null, '', faulty.backend.finishPayment(order!.id, outcome));
        const back = await render(faulty.fetch, { locale: lang });
        const { el } = back;
        await expectErrorShown(back, lang, 'order', { code, retryable: false });
        expect(eventsOf(back, 'cassa-order-complete')).to.have.length(0);
        if (outcome === 'refused') {
          await onStep(el, words.refused);
          await press(el, words.otherMethod);
        }
        await logInAgain(back, lang);
        await onStep(el, words.summary);
        await seeText(el, words.total);
        await press(el, words.otherMethods);
        pick(el, words.bank);
        await confirmAgain(back, lang);
        await onStep(el, words.awaiting);
        const live = [...faulty.backend.orders.values()].filter((o) => o.status !== outcome);
        expect(live).to.have.length(1);
        const body = orderBodies(faulty).at(-1)!;
        expect(body.addons).to.deep.equal([{ id: 'extra-users', quantity: 2 }]);
        expect(body.holder?.address.city).to.equal('Milano');
        expect(body.paymentMethod).to.deep.equal({ type: 'bank_transfer' });
        expect(eventsOf(back, 'cassa-order-complete')).to.have.length(1);
        cases.push(`${outcome}@provider`);
      } finally {
        window.history.replaceState(null, '', pageUrl);
      }
    });
  }

  it('the order created but its answer lost once: the client re-sends the same key, the backend answers the same order, nobody sees an error', async () => {
    const faulty = await FaultyBackend.create();
    let lost = 0;
    const w = await purchase(faulty, 'it', {
      before: (s) => {
        if (s !== 'order') return;
        faulty.inject('order', 'lost');
      },
      after: async (s) => {
        if (s !== 'order') return;
        await waitUntil(() => faulty.orders() === 1, 'the backend never created the order');
        lost = faulty.attemptsAt('order', true).length;
        faulty.clear('order');
      },
    });
    expect(lost, 'answers lost').to.equal(1);
    expectOneOrderKeepingEverything(faulty, w);
    expect(faulty.attemptsAt('order')).to.have.length(2);
    expect(eventsOf(w, 'cassa-error')).to.have.length(0);
    cases.push('lost-once@order');
  });

  it('the answer lost on every attempt (en): the message and "Try again", which gets the same order', async () => {
    const faulty = await FaultyBackend.create();
    const w = await purchase(faulty, 'en', {
      before: (s) => (s === 'order' ? faulty.inject('order', 'lost') : undefined),
      after: async (s, widget) => {
        if (s !== 'order') return;
        await expectErrorShown(widget, 'en', 'order', { code: 'network', retryable: true });
        expect(faulty.attemptsAt('order', true)).to.have.length(3);
        expect(faulty.orders()).to.equal(1);
        faulty.clear('order');
        await pressRetry(widget, 'order');
      },
    });
    expectOneOrderKeepingEverything(faulty, w);
    expect(faulty.attemptsAt('order')).to.have.length(4);
    cases.push('lost-always@order');
  });

  it('a backend on a closed port (real fetch): the network message and a retry, never a blank widget', async () => {
    const w = await render(window.fetch.bind(window), { backend: 'http://127.0.0.1:9/api' });
    await expectErrorShown(w, 'it', 'catalog', { code: 'network', retryable: true });
    expect(errorRegion(w, 'catalog')).not.to.equal(null);
    expect(visibleText(w.el)).to.include(MESSAGES.it.network);
    cases.push('closed-port@catalog');
  });

  it('a second click on "Riprova" while the retry is running sends one request', async () => {
    const faulty = await FaultyBackend.create();
    const w = await purchase(faulty, 'it', {
      before: (s) => (s === 'order' ? faulty.inject('order', 'http500') : undefined),
      after: async (s, widget) => {
        if (s !== 'order') return;
        await expectErrorShown(widget, 'it', 'order', { code: 'server', retryable: true });
        faulty.clear('order');
        const before = faulty.attemptsAt('order').length;
        const retry = within<HTMLButtonElement>(widget.el, 'cassa-checkout-error', 'button')[0]!;
        retry.click();
        retry.click();
        await onStep(widget.el, WORDS.it.paid);
        expect(faulty.attemptsAt('order').length - before).to.equal(1);
      },
    });
    expectOneOrderKeepingEverything(faulty, w);
    cases.push('retry-twice@order');
  });
});
