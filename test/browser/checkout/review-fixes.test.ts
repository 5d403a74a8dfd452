// <cassa-checkout> rough edges found in review: long addresses on a phone, the language of the
// payment page, coming back from it without a session, two widgets of one product.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import type { OrderRequest } from '../../../src/api/schemas.ts';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import {
  FakeBackend,
  clearCassaStorage,
  deep,
  deepAll,
  eventsOf,
  logIn,
  mount,
  onStep,
  pick,
  press,
  seeText,
  type,
  visibleText,
  within,
} from './helpers.ts';

const MEMBER = 'mario.rossi@architettitorinopec.it';

/** The lines the text directly inside `element` is laid out on, as the buyer sees them. */
function renderedLines(element: Element): string[] {
  const lines: { top: number; text: string }[] = [];
  for (const node of Array.from(element.childNodes)) {
    if (node.nodeType !== Node.TEXT_NODE) continue;
    const text = node.textContent ?? '';
    for (let i = 0; i < text.length; i++) {
      if (!text[i]!.trim()) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      const line = lines.find((l) => Math.abs(l.top - top) < 4);
      if (line) line.text += text[i];
      else lines.push({ top, text: text[i]! });
    }
  }
  return lines.sort((a, b) => a.top - b.top).map((l) => l.text);
}

describe('<cassa-checkout> review fixes: the mailbox picker on a phone', () => {
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });

  for (const width of [320, 280]) {
    it(`in a widget ${width} px wide a long PEC address wraps after the @, never inside a word`, async () => {
      const { el } = await mount(backend, {
        product: 'pec-addons',
        sessionToken: backend.tokenFor(MEMBER),
      });
      el.style.display = 'block';
      el.style.width = `${width}px`;
      await onStep(el, 'Scegli la casella PEC');
      // The address is the text of the label itself; the expiry date is a span under it.
      const addresses = deepAll(el, '[part="mailbox"] > span').map(renderedLines);
      expect(addresses.map((lines) => lines.join(''))).to.deep.equal([
        'mario.rossi@architettitorinopec.it',
        'studio.rossi@architettitorinopec.it',
      ]);
      for (const lines of addresses) {
        // Either it fits on one line, or it breaks right after the @.
        if (lines.length > 1)
          expect(lines).to.deep.equal([lines[0]!.split('@')[0] + '@', 'architettitorinopec.it']);
      }
      expect(
        addresses.some((lines) => lines.length > 1),
        'the addresses fit on one line at this width: the test checks nothing',
      ).to.equal(true);
    });
  }
});

describe('<cassa-checkout> review fixes: the language of the payment page', () => {
  beforeEach(clearCassaStorage);

  it('the order says the widget language, so the provider page is in English too', async () => {
    const backend = await FakeBackend.create();
    const { el, navigations } = await mount(backend, {
      locale: 'en',
      sessionToken: backend.tokenFor('1234567@aruba.it'),
    });
    await onStep(el, 'Choose the version');
    await press(el, 'Continue');
    await onStep(el, 'Add-ons');
    await press(el, 'Continue');
    await onStep(el, 'Holder details');
    await press(el, 'Continue');
    await onStep(el, 'Summary and payment');
    pick(el, 'Add a new card');
    pick(el, 'I accept the');
    await press(el, 'Confirm and complete the order');
    await waitUntil(() => navigations.length === 1, 'no redirect to the payment page');
    const body = backend.sent('POST', '/v1/orders')[0]!.body as OrderRequest;
    expect(body.locale).to.equal('en');
  });
});

describe('<cassa-checkout> review fixes: two widgets of one product on one page', () => {
  const pageUrl = window.location.href;
  beforeEach(clearCassaStorage);
  afterEach(() => window.history.replaceState(null, '', pageUrl));

  it('each widget (with its own id) finds its own choices again after the payment page', async () => {
    const backend = await FakeBackend.create();
    const token = backend.tokenFor('1234567@aruba.it');
    const left = await mount(backend, { id: 'left', sessionToken: token });
    const right = await mount(backend, { id: 'right', sessionToken: token });
    // The buyer uses the second widget: 2 extra users, a new card, off to the provider.
    const { el } = right;
    await press(el, 'Prosegui');
    await onStep(el, 'Servizi aggiuntivi');
    type(deep<HTMLInputElement>(el, 'input#q-extra-users'), '2');
    await press(el, 'Prosegui');
    await onStep(el, 'Dati intestatario');
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo e pagamento');
    await seeText(el, 'Totale da pagare ora 175,68 €');
    pick(el, 'Aggiungi una nuova carta');
    pick(el, 'Accetto le');
    await press(el, 'Conferma e completa l’ordine');
    await waitUntil(() => right.navigations.length === 1, 'no redirect to the payment page');
    left.el.remove();
    el.remove();

    // Cancelled on the provider's page; the page loads again with both widgets.
    const order = [...backend.orders.values()][0]!;
    window.history.replaceState(null, '', backend.finishPayment(order.id, 'cancelled'));
    const leftBack = await mount(backend, { id: 'left', sessionToken: token });
    const rightBack = await mount(backend, { id: 'right', sessionToken: token });
    await onStep(rightBack.el, 'Riepilogo e pagamento');
    await seeText(rightBack.el, 'Totale da pagare ora 175,68 €');
    await seeText(rightBack.el, 'Il pagamento è stato annullato');
    // The first widget did not take the second one's choices.
    expect(visibleText(leftBack.el)).not.to.include('175,68 €');
  });
});

describe('<cassa-checkout> review fixes: the customer area’s return on the same page', () => {
  const pageUrl = window.location.href;
  beforeEach(clearCassaStorage);
  afterEach(() => window.history.replaceState(null, '', pageUrl));

  it('leaves a return marked as the customer area’s (a credit top-up) alone: its first step, no order read', async () => {
    const backend = await FakeBackend.create();
    window.history.replaceState(
      null,
      '',
      '?cassa_order=topup-1&cassa_resume=resume-1&cassa_widget=cassa-account',
    );
    const { el } = await mount(backend, {});
    await onStep(el, 'Scegli la versione');
    expect(backend.sent('GET', '/v1/orders/topup-1')).to.have.length(0);
    expect(visibleText(el)).not.to.include('Ordine confermato');
    // The parameters are the area's to take and remove.
    expect(new URLSearchParams(window.location.search).get('cassa_order')).to.equal('topup-1');
  });
});

/** Base plan, 2 extra users, the company account (logged in here), city Milano: on the summary. */
async function toSummary(el: CassaCheckout): Promise<void> {
  await onStep(el, 'Scegli la versione');
  await press(el, 'Prosegui');
  await onStep(el, 'Servizi aggiuntivi');
  type(deep<HTMLInputElement>(el, 'input#q-extra-users'), '2');
  await press(el, 'Prosegui');
  await logIn(el, '1234567@aruba.it');
  await onStep(el, 'Dati intestatario');
  const city = within<HTMLInputElement>(el, 'cassa-holder-form', 'input#city')[0]!;
  type(city, 'Milano');
  type(within<HTMLInputElement>(el, 'cassa-holder-form', 'input#province')[0]!, 'MI');
  await press(el, 'Prosegui');
  await onStep(el, 'Riepilogo e pagamento');
  await seeText(el, 'Totale da pagare ora 175,68 €');
}

const termsBox = (el: CassaCheckout) =>
  within<HTMLInputElement>(el, 'cassa-order-summary', 'input#terms')[0]!;
const checkedMethods = (el: CassaCheckout) =>
  within<HTMLInputElement>(el, 'cassa-payment-chooser', 'input[type=radio]').filter(
    (r) => r.checked,
  );

describe('<cassa-checkout> review fixes: back from a failed payment without a session', () => {
  const pageUrl = window.location.href;
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });
  afterEach(() => window.history.replaceState(null, '', pageUrl));

  /** Confirms with a new card (terms ticked) and comes back with the provider's `outcome`. */
  async function leaveAndComeBack(outcome: 'refused' | 'cancelled', options = {}) {
    const first = await mount(backend, options);
    await toSummary(first.el);
    pick(first.el, 'Aggiungi una nuova carta');
    pick(first.el, 'Accetto le');
    await press(first.el, 'Conferma e completa l’ordine');
    await waitUntil(() => first.navigations.length === 1, 'no redirect');
    first.el.remove();
    const order = [...backend.orders.values()][0]!;
    const key = backend.sent('POST', '/v1/orders')[0]!.headers['idempotency-key'];
    window.history.replaceState(null, '', backend.finishPayment(order.id, outcome));
    return { back: await mount(backend, options), key };
  }

  it('refused: ready then the error; the login step explains why; then the summary as it was', async () => {
    const { back, key } = await leaveAndComeBack('refused');
    const { el, events } = back;
    await onStep(el, 'Pagamento non riuscito');
    expect(
      events.filter((e) => e.type !== 'cassa-step-change').map((e) => e.type),
      'the page hears cassa-ready before the refusal',
    ).to.deep.equal(['cassa-ready', 'cassa-error']);
    await press(el, 'Scegli un altro metodo di pagamento');
    await onStep(el, 'Accedi o registrati');
    await seeText(el, 'Il pagamento è stato rifiutato. Prova con un altro metodo.');
    await seeText(
      el,
      'Per sicurezza accedi di nuovo per riprovare o scegliere un altro metodo: i dati inseriti sono stati conservati.',
    );
    expect(eventsOf(events, 'cassa-error')).to.have.length(1);
    await expect(el).to.be.accessible();

    await logIn(el, '1234567@aruba.it');
    await onStep(el, 'Riepilogo e pagamento');
    await seeText(el, 'Totale da pagare ora 175,68 €');
    expect(visibleText(el)).not.to.include('accedi di nuovo');
    expect(termsBox(el).checked, 'the conditions stay accepted').to.equal(true);
    expect(checkedMethods(el), 'the refused card is not preselected').to.have.length(0);
    await press(el, 'Altre modalità di pagamento');
    pick(el, 'Bonifico');
    await press(el, 'Conferma e completa l’ordine');
    await onStep(el, 'Ordine in attesa di pagamento');
    const retry = backend.sent('POST', '/v1/orders')[1]!;
    expect(retry.headers['idempotency-key']).not.to.equal(key);
    const body = retry.body as OrderRequest;
    expect(body.addons).to.deep.equal([{ id: 'extra-users', quantity: 2 }]);
    expect(body.holder?.address.city).to.equal('Milano');
    expect(body.acceptTerms).to.equal(true);
  });

  it('cancelled: the login step says so and why, in Italian and in English', async () => {
    const { back } = await leaveAndComeBack('cancelled');
    const { el, events } = back;
    await onStep(el, 'Accedi o registrati');
    await seeText(el, 'Il pagamento è stato annullato.');
    await seeText(el, 'Per sicurezza accedi di nuovo per riprovare o scegliere un altro metodo');
    const types = events.map((e) => e.type);
    expect(types.indexOf('cassa-ready')).to.be.below(types.indexOf('cassa-error'));
    el.locale = 'en';
    await seeText(el, 'The payment was cancelled.');
    await seeText(
      el,
      'For your security, log in again to retry or choose another method: the details you entered have been kept.',
    );
  });

  it('with the portal’s session token (Ordine) no login: straight to the summary, terms kept', async () => {
    const token = backend.tokenFor(MEMBER);
    const first = await mount(backend, { product: 'pec-addons', sessionToken: token });
    await onStep(first.el, 'Scegli la casella PEC');
    pick(first.el, 'mario.rossi@architettitorinopec.it');
    await press(first.el, 'Prosegui');
    await onStep(first.el, 'Servizi aggiuntivi');
    type(deep<HTMLInputElement>(first.el, 'input#q-extra-space'), '3');
    await press(first.el, 'Prosegui');
    await onStep(first.el, 'Riepilogo e pagamento');
    await seeText(first.el, 'Totale da pagare ora');
    pick(first.el, 'Carta di credito');
    pick(first.el, 'Accetto le');
    await press(first.el, 'Conferma e completa l’ordine');
    await waitUntil(() => first.navigations.length === 1, 'no redirect');
    first.el.remove();
    const order = [...backend.orders.values()][0]!;
    window.history.replaceState(null, '', backend.finishPayment(order.id, 'refused'));

    const { el } = await mount(backend, { product: 'pec-addons', sessionToken: token });
    await onStep(el, 'Pagamento non riuscito');
    await press(el, 'Scegli un altro metodo di pagamento');
    await onStep(el, 'Riepilogo e pagamento');
    expect(backend.sent('POST', '/v1/auth/login')).to.have.length(0);
    await waitUntil(() => termsBox(el)?.checked, 'the conditions are no longer accepted');
    expect(visibleText(el)).not.to.include('accedi di nuovo');
  });
});
