// <cassa-checkout> selling PEC mailbox add-ons to a member of an Ordine.
import { expect } from '@open-wc/testing';
import { waitUntil } from '../wait.ts';
import type { OrderRequest } from '../../../src/api/schemas.ts';
import { addMonths } from '../../../src/domain/dates.ts';
import { formatDate } from '../../../src/i18n/index.ts';
import { PAY_PAGE, problem } from '../fake-backend.ts';
import {
  FakeBackend,
  clearCassaStorage,
  deep,
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

/** 3 GB of extra space and conservation on the chosen mailbox, then the summary. */
async function chooseAddons(el: HTMLElement, mailbox: string): Promise<void> {
  await onStep(el as never, 'Scegli la casella PEC');
  pick(el, mailbox);
  await press(el, 'Prosegui');
  await onStep(el as never, 'Servizi aggiuntivi');
  type(deep<HTMLInputElement>(el, 'input#q-extra-space'), '3');
  deep<HTMLInputElement>(el, 'input#q-conservation').click();
  await waitUntil(() => deep<HTMLInputElement>(el, 'input#q-conservation').checked);
  await press(el, 'Prosegui');
  await onStep(el as never, 'Riepilogo e pagamento');
}

/** The member, logged in by the portal, on the summary of 3 GB + conservation (8 months left). */
async function memberOnSummary(backend: FakeBackend) {
  const mounted = await mount(backend, {
    product: 'pec-addons',
    sessionToken: backend.tokenFor(MEMBER),
  });
  await chooseAddons(mounted.el, 'mario.rossi@architettitorinopec.it');
  await seeText(mounted.el, 'Totale da pagare ora 10,58 €');
  return mounted;
}

describe('<cassa-checkout> PEC add-ons', () => {
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });

  it('logs the member in with the mailbox address, then lists the mailboxes with their expiry', async () => {
    const { el } = await mount(backend, { product: 'pec-addons' });
    await onStep(el, 'Accedi o registrati');
    expect(
      within(el, 'cassa-checkout-steps', 'li').map((li) => li.textContent?.trim()),
    ).to.deep.equal(['Accesso', 'Casella', 'Servizi', 'Riepilogo']);
    await seeText(el, 'L’indirizzo completo della casella PEC');
    expect(visibleText(el)).not.to.include('Registrati');
    await logIn(el, MEMBER);
    await onStep(el, 'Scegli la casella PEC');
    const eight = formatDate(addMonths(backend.today, 8), 'it');
    await seeText(el, `mario.rossi@architettitorinopec.it Scade il ${eight}`);
    await seeText(el, 'Credito disponibile: 0,00 €');
    await expect(el).to.be.accessible();
  });

  it('with the portal session token: no account step; 2 months left → free until expiry, 0 € now', async () => {
    const { el, events, navigations } = await mount(backend, {
      product: 'pec-addons',
      sessionToken: backend.tokenFor(MEMBER),
    });
    expect(
      within(el, 'cassa-checkout-steps', 'li').map((li) => li.textContent?.trim()),
    ).to.deep.equal(['Casella', 'Servizi', 'Riepilogo']);
    await press(el, 'Prosegui');
    await seeText(el, 'Scegli la casella a cui aggiungere i servizi.');
    await chooseAddons(el, 'studio.rossi@architettitorinopec.it');
    const expiry = formatDate(addMonths(backend.today, 2), 'it');
    await seeText(el, `Gratis fino alla scadenza della casella: ${expiry}`);
    await seeText(el, 'Totale da pagare ora 0,00 €');
    await seeText(el, '15,86 €'); // the renewal at expiry and the minimum top-up
    await expect(el).to.be.accessible();
    pick(el, 'Carta di credito');
    pick(el, 'Accetto le');
    await press(el, 'Conferma e completa l’ordine');
    await waitUntil(() => navigations.length === 1, 'no redirect to the payment page');
    const body = backend.sent('POST', '/v1/orders')[0]!.body as OrderRequest;
    expect(body).to.deep.include({
      productId: 'pec-addons',
      planId: 'member',
      subscriptionId: 'mb-2',
      expectedTotalCents: 0,
      topUpCents: 1586,
      paymentMethod: { type: 'card' },
    });
    expect(body.addons).to.deep.equal([
      { id: 'extra-space', quantity: 3 },
      { id: 'conservation', quantity: 1 },
    ]);
    expect(body.holder).to.equal(undefined);
    expect(navigations[0]).to.match(new RegExp(`^${PAY_PAGE}`));
    expect(eventsOf(events, 'cassa-order-complete')).to.have.length(0);
  });

  it('8 months left: 10,58 € now, top-up of at least 15,86 €, paid by card and confirmed', async () => {
    const { el, navigations } = await memberOnSummary(backend);
    await seeText(el, 'Imponibile 8,67 €');
    await seeText(el, 'IVA 22% 1,91 €');
    const topUp = deep<HTMLInputElement>(el, 'input#topup');
    expect(topUp.value).to.equal('15,86');
    await seeText(el, '15,86 €');
    pick(el, 'Carta di credito');
    type(topUp, '10,00');
    await seeText(el, 'La ricarica deve essere almeno pari al minimo indicato.');
    type(deep<HTMLInputElement>(el, 'input#topup'), '20,00');
    pick(el, 'Accetto le');
    await press(el, 'Conferma e completa l’ordine');
    await waitUntil(() => navigations.length === 1);
    const body = backend.sent('POST', '/v1/orders')[0]!.body as OrderRequest;
    expect(body.expectedTotalCents).to.equal(1058);
    expect(body.topUpCents).to.equal(2000);
  });

  it('an unreadable top-up stops the order (no request, the field focused); 1.000,50 is read as written', async () => {
    const { el, navigations } = await memberOnSummary(backend);
    pick(el, 'Carta di credito');
    pick(el, 'Accetto le');
    const chooser = deep(el, 'cassa-payment-chooser');
    for (const unreadable of ['abc', '15,867', '-20', '1000000000000']) {
      type(deep<HTMLInputElement>(el, 'input#topup'), unreadable);
      await press(el, 'Conferma e completa l’ordine');
      await seeText(el, 'Valore non valido.');
      expect(chooser.shadowRoot!.activeElement?.id, unreadable).to.equal('topup');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(backend.sent('POST', '/v1/orders'), 'no order with an unreadable top-up').to.have.length(
      0,
    );
    type(deep<HTMLInputElement>(el, 'input#topup'), '1.000,50');
    await press(el, 'Conferma e completa l’ordine');
    await waitUntil(() => navigations.length === 1);
    expect((backend.sent('POST', '/v1/orders')[0]!.body as OrderRequest).topUpCents).to.equal(
      100050,
    );
  });

  it('conservation already on the mailbox (the server refuses it): shown at the add-on, no moving on with a stale total', async () => {
    backend.interceptors.push((r) =>
      r.path === '/v1/quotes' && JSON.stringify(r.body).includes('conservation')
        ? problem(422, 'invalid-selection', {
            errors: [{ path: 'addons.1.quantity', code: 'selection.addon.active', message: '' }],
          })
        : undefined,
    );
    const { el } = await mount(backend, {
      product: 'pec-addons',
      sessionToken: backend.tokenFor(MEMBER),
    });
    await onStep(el, 'Scegli la casella PEC');
    pick(el, 'mario.rossi@architettitorinopec.it');
    await press(el, 'Prosegui');
    await onStep(el, 'Servizi aggiuntivi');
    type(deep<HTMLInputElement>(el, 'input#q-extra-space'), '3');
    deep<HTMLInputElement>(el, 'input#q-conservation').click();
    await seeText(el, 'Questo servizio è già attivo sulla casella scelta.');
    await press(el, 'Prosegui');
    await new Promise((r) => setTimeout(r, 100));
    await onStep(el, 'Servizi aggiuntivi');
    // Without it, the quote is right again and the buyer goes on.
    deep<HTMLInputElement>(el, 'input#q-conservation').click();
    await waitUntil(() => !visibleText(el).includes('già attivo'));
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo e pagamento');
    await seeText(el, 'Imponibile 6,00 €');
  });

  it('a refused quantity keeps the buyer on the add-ons step, on that field', async () => {
    const token = backend.tokenFor(MEMBER);
    const { el } = await mount(backend, { product: 'pec-addons', sessionToken: token });
    await onStep(el, 'Scegli la casella PEC');
    pick(el, 'mario.rossi@architettitorinopec.it');
    await press(el, 'Prosegui');
    await onStep(el, 'Servizi aggiuntivi');
    type(deep<HTMLInputElement>(el, 'input#q-extra-space'), '4');
    type(deep<HTMLInputElement>(el, 'input#q-extra-space'), '1,5');
    await press(el, 'Prosegui');
    await new Promise((r) => setTimeout(r, 100));
    await onStep(el, 'Servizi aggiuntivi');
    await seeText(el, 'Indica un numero intero non negativo.');
    const selector = deep(el, 'cassa-addon-selector');
    expect(selector.shadowRoot!.activeElement?.id).to.equal('q-extra-space');
    // Fixed while typing: the error goes at once, before the field is left (the click that
    // leaves it must find "Prosegui" where it was).
    const field = deep<HTMLInputElement>(el, 'input#q-extra-space');
    field.value = '2';
    field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => !visibleText(el).includes('Indica un numero intero non negativo.'));
    field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo e pagamento');
    await seeText(el, '× 2');
  });
});
