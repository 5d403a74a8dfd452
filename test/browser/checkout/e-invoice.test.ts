// <cassa-checkout>: the summary and the result say where the electronic invoice goes — the
// holder's SDI code or PEC address as confirmed in the holder step (issue 16).
import { expect } from '@open-wc/testing';
import type { OrderRequest } from '../../../src/api/schemas.ts';
import type { CassaCheckout } from '../../../src/cassa-checkout.ts';
import {
  FakeBackend,
  clearCassaStorage,
  logIn,
  mount,
  onStep,
  pick,
  press,
  seeText,
  within,
} from './helpers.ts';

describe('<cassa-checkout> electronic invoice destination', () => {
  let backend: FakeBackend;
  beforeEach(async () => {
    clearCassaStorage();
    backend = await FakeBackend.create();
  });

  async function toHolder(el: CassaCheckout) {
    await onStep(el, 'Scegli la versione');
    pick(el, 'Versione base');
    await press(el, 'Prosegui');
    await onStep(el, 'Servizi aggiuntivi');
    await press(el, 'Prosegui');
    await logIn(el, '1234567@aruba.it');
    await onStep(el, 'Dati intestatario');
  }

  it('shows the account’s SDI code on the summary and on the result of a paid order', async () => {
    const { el } = await mount(backend);
    await toHolder(el);
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo e pagamento');
    await seeText(el, 'La fattura elettronica sarà inviata al Codice Destinatario M5UXCR1.');
    pick(el, 'Visa •••• 4242');
    pick(el, 'Accetto le');
    await press(el, 'Conferma e completa l’ordine');
    await onStep(el, 'Ordine confermato');
    expect(
      within(el, 'cassa-checkout-result', 'p').some(
        (p) =>
          p.textContent?.trim() ===
          'La fattura elettronica sarà inviata al Codice Destinatario M5UXCR1.',
      ),
    ).to.equal(true);
  });

  it('a code corrected in the holder step is the one shown before confirming, and sent', async () => {
    const { el } = await mount(backend);
    await toHolder(el);
    const sdi = within<HTMLInputElement>(el, 'cassa-holder-form', 'input#sdiCode')[0]!;
    sdi.value = 'KRRH6B9';
    sdi.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await press(el, 'Prosegui');
    await onStep(el, 'Riepilogo e pagamento');
    await seeText(el, 'La fattura elettronica sarà inviata al Codice Destinatario KRRH6B9.');
    pick(el, 'Visa •••• 4242');
    pick(el, 'Accetto le');
    await press(el, 'Conferma e completa l’ordine');
    await onStep(el, 'Ordine confermato');
    const body = backend.sent('POST', '/v1/orders')[0]!.body as OrderRequest;
    expect(body.holder?.eInvoice).to.deep.equal({ sdiCode: 'KRRH6B9' });
  });
});
