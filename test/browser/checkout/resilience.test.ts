// <cassa-checkout> when things do not go straight: the payment page and back, refusals, price
// changes, expired sessions, going back, switching language.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import type { OrderRequest } from '../../../src/api/schemas.ts';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import { PAY_PAGE } from '../fake-backend.ts';
import {
  FakeBackend,
  type Mounted,
  button,
  clearCassaStorage,
  deep,
  eventsOf,
  heading,
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

const holderInput = (el: CassaCheckout, id: string) =>
  within<HTMLInputElement>(el, 'cassa-holder-form', `input#${id}`)[0]!;

/** Base plan, 2 extra users, the company account, the city changed to Milano: on the summary. */
async function toSummary(m: Mounted): Promise<void> {
  const { el } = m;
  await onStep(el, 'Scegli la versione');
  await press(el, 'Prosegui');
  await onStep(el, 'Servizi aggiuntivi');
  type(deep<HTMLInputElement>(el, 'input#q-extra-users'), '2');
  await press(el, 'Prosegui');
  await logIn(el, '1234567@aruba.it');
  await onStep(el, 'Dati intestatario');
  type(holderInput(el, 'city'), 'Milano');
  type(holderInput(el, 'province'), 'MI');
  await press(el, 'Prosegui');
  await onStep(el, 'Riepilogo e pagamento');
  await seeText(el, 'Totale da pagare ora 175,68 €');
}

async function confirm(el: CassaCheckout): Promise<void> {
  const terms = within<HTMLInputElement>(el, 'cassa-order-summary', 'input#terms')[0]!;
  if (!terms.checked) pick(el, 'Accetto le');
  await press(el, 'Conferma e completa l’ordine');
}

describe('<cassa-checkout> payment page, refusals and errors', () => {
  let backend: FakeBackend;
  const pageUrl = window.location.href;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });
  afterEach(() => window.history.replaceState(null, '', pageUrl));

  it('a new card: saves the typed data, redirects, and on return shows the paid order, completing once', async () => {
    const first = await mount(backend);
    await toSummary(first);
    pick(first.el, 'Aggiungi una nuova carta');
    await confirm(first.el);
    await waitUntil(() => first.navigations.length === 1, 'no redirect');
    const order = [...backend.orders.values()][0]!;
    expect(first.navigations[0]).to.equal(`${PAY_PAGE}${order.id}`);
    const body = backend.sent('POST', '/v1/orders')[0]!.body as OrderRequest;
    expect(body.returnUrl).to.equal(pageUrl);
    const saved = Object.entries(sessionStorage).filter(([k]) => k.startsWith('cassa:checkout:'));
    expect(saved).to.have.length(1);
    expect(saved[0]![1]).to.include('Milano');
    expect(saved[0]![1]).not.to.match(/token|Bearer/i);
    expect(eventsOf(first.events, 'cassa-order-complete')).to.have.length(0);
    first.el.remove();

    // The provider approves and sends the buyer back: the page loads again with the parameters.
    window.history.replaceState(null, '', backend.finishPayment(order.id, 'paid'));
    const back = await mount(backend);
    await onStep(back.el, 'Ordine confermato');
    await seeText(back.el, 'Numero d’ordine: C-2026-000123');
    const read = backend.sent('GET', `/v1/orders/${order.id}`)[0]!;
    expect(read.headers['cassa-resume']).to.equal(order.resume);
    expect(read.headers.authorization).to.equal(undefined);
    expect(window.location.href).to.equal(pageUrl);
    expect(
      eventsOf(back.events, 'cassa-order-complete').map((e) => e.detail.order.id),
    ).to.deep.equal([order.id]);
    await expect(back.el).to.be.accessible();

    // A second widget on the same page, even one that still sees the parameters, does not fire again.
    window.history.replaceState(null, '', backend.finishPayment(order.id, 'paid'));
    const second = await mount(backend);
    await onStep(second.el, 'Ordine confermato');
    expect(eventsOf(second.events, 'cassa-order-complete')).to.have.length(0);
    expect(eventsOf(back.events, 'cassa-order-complete')).to.have.length(1);
    const third = await mount(backend);
    await onStep(third.el, 'Scegli la versione');
    expect(eventsOf(third.events, 'cassa-order-complete')).to.have.length(0);
  });

  it('a refused card: says so, keeps selection and typed data, and another method is a new order', async () => {
    const first = await mount(backend);
    await toSummary(first);
    pick(first.el, 'Aggiungi una nuova carta');
    await confirm(first.el);
    await waitUntil(() => first.navigations.length === 1);
    const refused = [...backend.orders.values()][0]!;
    const refusedKey = backend.sent('POST', '/v1/orders')[0]!.headers['idempotency-key'];
    first.el.remove();

    window.history.replaceState(null, '', backend.finishPayment(refused.id, 'refused'));
    const back = await mount(backend);
    await onStep(back.el, 'Pagamento non riuscito');
    await seeText(back.el, 'Il pagamento è stato rifiutato. Prova con un altro metodo.');
    expect(eventsOf(back.events, 'cassa-order-complete')).to.have.length(0);
    expect(eventsOf(back.events, 'cassa-error').map((e) => e.detail.code)).to.deep.equal([
      'payment_refused',
    ]);
    await expect(back.el).to.be.accessible();
    await press(back.el, 'Scegli un altro metodo di pagamento');
    // The bearer token never left memory: log in again, then straight back to the summary.
    await logIn(back.el, '1234567@aruba.it');
    await onStep(back.el, 'Riepilogo e pagamento');
    await seeText(back.el, 'Totale da pagare ora 175,68 €');
    await press(back.el, 'Altre modalità di pagamento');
    pick(back.el, 'Bonifico');
    await confirm(back.el);
    await onStep(back.el, 'Ordine in attesa di pagamento');
    const retry = backend.sent('POST', '/v1/orders')[1]!;
    expect(retry.headers['idempotency-key']).not.to.equal(refusedKey);
    const body = retry.body as OrderRequest;
    expect(body.addons).to.deep.equal([{ id: 'extra-users', quantity: 2 }]);
    expect(body.holder?.address.city).to.equal('Milano');
    expect(eventsOf(back.events, 'cassa-order-complete')).to.have.length(1);
  });

  it('a price change (409): shows the new total, orders nothing until the buyer confirms again', async () => {
    const m = await mount(backend);
    await toSummary(m);
    pick(m.el, 'Visa •••• 4242');
    backend.surchargeCents = 100;
    await confirm(m.el);
    await seeText(m.el, 'Il prezzo è cambiato. Controlla il nuovo totale e conferma di nuovo.');
    await seeText(m.el, 'Totale da pagare ora 176,68 €');
    expect(backend.orders.size).to.equal(0);
    expect(heading(m.el)).to.equal('Riepilogo e pagamento');
    expect(eventsOf(m.events, 'cassa-error').at(-1)!.detail).to.deep.equal({
      code: 'price_changed',
      message: 'Il prezzo è cambiato. Controlla il nuovo totale e conferma di nuovo.',
      retryable: false,
    });
    await confirm(m.el);
    await onStep(m.el, 'Ordine confermato');
    expect(backend.orders.size).to.equal(1);
    const sent = backend.sent('POST', '/v1/orders');
    expect(sent.map((r) => (r.body as OrderRequest).expectedTotalCents)).to.deep.equal([
      17568, 17668,
    ]);
    expect(eventsOf(m.events, 'cassa-order-complete')).to.have.length(1);
  });

  it('a network failure on the order shows "Riprova", which re-sends the same order with the same key', async () => {
    const m = await mount(backend);
    await toSummary(m);
    pick(m.el, 'Visa •••• 4242');
    let failures = 3; // the client retries twice on its own; the third failure reaches the buyer
    backend.interceptors.push((r) => {
      if (r.path === '/v1/orders' && failures-- > 0) throw new TypeError('Failed to fetch');
      return undefined;
    });
    await confirm(m.el);
    await seeText(m.el, 'Non riusciamo a contattare il server');
    expect(backend.orders.size).to.equal(0);
    await press(m.el, 'Riprova');
    await onStep(m.el, 'Ordine confermato');
    const keys = backend.sent('POST', '/v1/orders').map((r) => r.headers['idempotency-key']);
    expect(keys).to.have.length(4);
    expect(new Set(keys).size).to.equal(1);
    expect(backend.orders.size).to.equal(1);
  });

  it('an expired session (401) mid-flow: log in again, everything kept, back to the summary', async () => {
    const m = await mount(backend);
    await toSummary(m);
    pick(m.el, 'Visa •••• 4242');
    backend.expireSessions();
    await confirm(m.el);
    await onStep(m.el, 'Accedi o registrati');
    await seeText(m.el, 'La sessione è scaduta: accedi di nuovo. I dati inseriti restano.');
    expect(eventsOf(m.events, 'cassa-error').at(-1)!.detail.code).to.equal('unauthorized');
    await logIn(m.el, '1234567@aruba.it');
    await onStep(m.el, 'Riepilogo e pagamento');
    await seeText(m.el, 'Totale da pagare ora 175,68 €');
    await confirm(m.el);
    await onStep(m.el, 'Ordine confermato');
    const sent = backend.sent('POST', '/v1/orders');
    const body = sent.at(-1)!.body as OrderRequest;
    expect(body.paymentMethod).to.deep.equal({ type: 'card', savedId: 'pm-card' });
    expect(body.holder?.address.city).to.equal('Milano');
    expect(backend.orders.size).to.equal(1);
  });

  it('Back keeps everything chosen and typed; each step heading gets the focus', async () => {
    const m = await mount(backend);
    await toSummary(m);
    const { el } = m;
    await press(el, 'Indietro');
    await onStep(el, 'Dati intestatario');
    expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('h2'));
    expect(holderInput(el, 'city').value).to.equal('Milano');
    await expect(el).to.be.accessible();
    await press(el, 'Indietro');
    await onStep(el, 'Accedi o registrati');
    await seeText(el, 'Accesso effettuato come 1234567@aruba.it.');
    await press(el, 'Indietro');
    await onStep(el, 'Servizi aggiuntivi');
    expect(deep<HTMLInputElement>(el, 'input#q-extra-users').value).to.equal('2');
    await press(el, 'Indietro');
    await onStep(el, 'Scegli la versione');
    expect(
      within<HTMLInputElement>(el, 'cassa-plan-picker', 'input[type=radio]').find((r) => r.checked)
        ?.value,
    ).to.equal('base');
    for (const next of ['Servizi aggiuntivi', 'Accedi o registrati', 'Dati intestatario']) {
      await press(el, 'Prosegui');
      await onStep(el, next);
    }
    expect(holderInput(el, 'city').value).to.equal('Milano');
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo e pagamento');
    await seeText(el, 'Totale da pagare ora 175,68 €');
    const steps = eventsOf(m.events, 'cassa-step-change').map(
      (e) => `${e.detail.previous}→${e.detail.step}`,
    );
    expect(steps.slice(4, 8)).to.deep.equal([
      'summary→holder',
      'holder→account',
      'account→addons',
      'addons→plan',
    ]);
  });

  it('switching locale re-renders everything in English, the error banner included', async () => {
    const m = await mount(backend);
    const { el } = m;
    await press(el, 'Prosegui');
    await onStep(el, 'Servizi aggiuntivi');
    await expect(el).to.be.accessible();
    backend.interceptors.push((r) =>
      r.path === '/v1/quotes' ? new Response('<html>502</html>', { status: 502 }) : undefined,
    );
    type(deep<HTMLInputElement>(el, 'input#q-storage'), '5');
    await seeText(el, 'Si è verificato un errore del server. Riprova.');
    el.setAttribute('locale', 'en');
    await onStep(el, 'Add-ons');
    await seeText(el, 'A server error occurred. Try again.');
    await seeText(el, 'Additional storage');
    expect(
      within(el, 'cassa-checkout-steps', '[aria-current="step"]')[0]!.textContent?.trim(),
    ).to.equal('Add-ons');
    expect(visibleText(el)).to.include('Continue');
    expect(visibleText(el)).not.to.include('Prosegui');
    button(el, 'Try again');
    await press(el, 'Back');
    await onStep(el, 'Choose the version');
    await seeText(el, 'Base version');
    await expect(el).to.be.accessible();
  });
});
