import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/checkout-result/cassa-checkout-result.ts';
import type { CassaCheckoutResult } from '../../../src/components/checkout-result/cassa-checkout-result.ts';
import type { Order } from '../../../src/api/schemas.ts';
import type { EInvoice } from '../../../src/domain/types.ts';
import { squash } from './fixtures.ts';

const paid: Order = {
  id: 'o-1',
  number: 'C-2026-000001',
  status: 'paid',
  totalCents: 15860,
  currency: 'EUR',
  productId: 'certified-platform',
  planId: 'base',
  addons: [{ id: 'storage', quantity: 5 }],
  years: 1,
  paymentMethod: 'card',
  autoRenew: true,
  freeUntil: null,
  renewalChargeDate: '2027-01-08',
};

const result = (order: Order, eInvoice: EInvoice | null, locale: 'it' | 'en' = 'it') =>
  fixture<CassaCheckoutResult>(
    html`<cassa-checkout-result
      locale=${locale}
      .order=${order}
      .eInvoice=${eInvoice}
    ></cassa-checkout-result>`,
  );

const text = (el: CassaCheckoutResult) => squash(el.shadowRoot!.textContent);

describe('cassa-checkout-result: where the electronic invoice goes', () => {
  it('a paid order says the invoice goes to the SDI code', async () => {
    const el = await result(paid, { sdiCode: 'M5UXCR1' });
    expect(text(el)).to.contain(
      'La fattura elettronica sarà inviata al Codice Destinatario M5UXCR1.',
    );
    await expect(el).to.be.accessible();
  });

  it('or to the PEC address, in English too', async () => {
    const it = await result(paid, { pec: 'rossi@pec.example.it' });
    expect(text(it)).to.contain(
      'La fattura elettronica sarà inviata all’indirizzo PEC rossi@pec.example.it.',
    );
    const en = await result(paid, { sdiCode: 'M5UXCR1' }, 'en');
    expect(text(en)).to.contain(
      'The electronic invoice will be sent to the recipient code (Codice Destinatario) M5UXCR1.',
    );
  });

  it('an order awaiting its bank transfer says it too (the invoice follows the payment)', async () => {
    const el = await result(
      {
        ...paid,
        status: 'awaiting_payment',
        paymentMethod: 'bank_transfer',
        autoRenew: false,
        renewalChargeDate: null,
      },
      { sdiCode: 'M5UXCR1' },
    );
    expect(text(el)).to.contain('Codice Destinatario M5UXCR1');
  });

  it('a free order (no invoice) and a refused payment say nothing of an invoice', async () => {
    const free = await result(
      { ...paid, status: 'active', planId: 'free', totalCents: 0, paymentMethod: 'none' },
      { sdiCode: 'M5UXCR1' },
    );
    expect(text(free)).not.to.contain('fattura');
    const refused = await result({ ...paid, status: 'refused' }, { sdiCode: 'M5UXCR1' });
    expect(text(refused)).not.to.contain('fattura');
  });
});

describe('cassa-checkout-result: a public administration (split payment) pays the taxable amount', () => {
  // Base plan, 1 year: 120,00 € + 26,40 € VAT = 146,40 € invoiced; the administration pays the
  // seller 120,00 € (the slip's amount, the card's charge) and the VAT to the Treasury.
  const split: Order = {
    ...paid,
    addons: [],
    totalCents: 14640,
    splitPayment: true,
    payableCents: 12000,
  };
  const awaitingSlip: Order = {
    ...split,
    status: 'awaiting_payment',
    paymentMethod: 'postal_slip',
    autoRenew: false,
    renewalChargeDate: null,
    instructions: {
      method: 'postal_slip',
      beneficiary: 'Cassa Demo S.r.l.',
      account: '1234567',
      amountCents: 12000,
      currency: 'EUR',
      reference: 'Ordine C-2026-000001',
    },
  };

  it('awaiting a postal slip: the amount to pay is the slip’s amount, with the reason', async () => {
    const el = await result(awaitingSlip, { sdiCode: 'UFABCD' });
    expect(text(el)).to.contain('Importo da pagare: 120,00 €');
    expect(text(el)).not.to.contain('146,40');
    expect(text(el)).to.contain(
      'Scissione dei pagamenti (art. 17-ter DPR 633/72): l’importo è l’imponibile, l’IVA la versa l’ente all’Erario.',
    );
    await expect(el).to.be.accessible();
  });

  it('paid by card: the total is what the card was charged, in English too', async () => {
    const el = await result(split, { sdiCode: 'UFABCD' }, 'en');
    expect(text(el)).to.contain('Total: €120.00');
    expect(text(el)).not.to.contain('146.40');
    expect(text(el)).to.contain('Split payment (art. 17-ter DPR 633/72)');
  });
});
