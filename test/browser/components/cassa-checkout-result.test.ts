import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../../src/components/checkout-result/cassa-checkout-result.ts';
import type { CassaCheckoutResult } from '../../../src/components/checkout-result/cassa-checkout-result.ts';
import type { Order } from '../../../src/api/schemas.ts';
import type { EInvoice } from '../../../src/domain/types.ts';
import { renderedLines } from '../checkout/helpers.ts';
import { $, $$, squash } from './fixtures.ts';

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

describe('cassa-checkout-result: the IBAN and the postal account, on a phone, with their Copy buttons', () => {
  before(() => setViewport({ width: 375, height: 740 }));
  after(() => setViewport({ width: 1280, height: 800 }));

  const iban = 'IT60X0542811101000000123456';
  const awaiting = (method: 'bank_transfer' | 'postal_slip', account: string): Order => ({
    ...paid,
    status: 'awaiting_payment',
    paymentMethod: method,
    autoRenew: false,
    renewalChargeDate: null,
    instructions: {
      method,
      beneficiary: 'Cassa Demo S.r.l.',
      account,
      amountCents: 15860,
      currency: 'EUR',
      reference: 'Ordine C-2026-000001',
    },
  });
  /** The result in a phone's width (375 px less the page's and the widget's padding). */
  const onPhone = async (order: Order, locale: 'it' | 'en' = 'it') => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 311px">
        <cassa-checkout-result locale=${locale} .order=${order}></cassa-checkout-result>
      </div>`,
    );
    const el = wrapper.querySelector<CassaCheckoutResult>('cassa-checkout-result')!;
    await el.updateComplete;
    return el;
  };
  /** Presses the button named `name`; returns what it wrote to the clipboard. */
  const copyWith = async (el: CassaCheckoutResult, name: string) => {
    let copied = '';
    const clipboard = navigator.clipboard;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void (copied = text) },
    });
    try {
      const button = $$<HTMLButtonElement>(el, 'button').find(
        (b) => squash(b.textContent) === name,
      );
      if (!button) throw new Error(`no button "${name}" in: ${text(el)}`);
      button.click();
      await waitUntil(() => copied, `${name} copied nothing`);
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
    return copied;
  };
  /** The value shown next to the term `term` (its <dd>). */
  const valueOf = (el: CassaCheckoutResult, term: string) => {
    const dt = $$(el, 'dt').find((d) => squash(d.textContent) === term);
    return dt!.nextElementSibling as HTMLElement;
  };
  const status = (el: CassaCheckoutResult, id: string) =>
    squash($(el, `#${id}`).parentElement!.querySelector('[role=status]')!.textContent);

  it('the IBAN shows in groups of 4 and wraps only between them; Copia IBAN copies it without spaces', async () => {
    // The server may send it grouped or not: it reads the same.
    for (const account of [iban, 'IT60 X054 2811 1010 0000 0123 456']) {
      const el = await onPhone(awaiting('bank_transfer', account));
      const shown = valueOf(el, 'IBAN');
      const groups = [...shown.querySelectorAll('.word')];
      expect(groups.map((g) => g.textContent)).to.deep.equal([
        'IT60',
        'X054',
        '2811',
        '1010',
        '0000',
        '0123',
        '456',
      ]);
      // It does wrap at this width, between groups only (each group on one line), and the groups
      // stand apart on screen as banks print them.
      expect(renderedLines(shown).length).to.be.greaterThan(1);
      for (const g of groups) expect(g.getClientRects().length, g.textContent!).to.equal(1);
      const [first, second] = groups.map((g) => g.getBoundingClientRect());
      expect(second!.left - first!.right).to.be.greaterThan(2);
      expect(el.scrollWidth).to.be.at.most(311);
      expect(await copyWith(el, 'Copia IBAN')).to.equal(iban);
      // Announced next to the IBAN like the reference's: "Copiato" there, not by the reference.
      await waitUntil(() => status(el, 'account') === 'Copiato');
      expect(status(el, 'reference')).to.equal('');
      expect($(el, 'button[aria-describedby=account]').textContent).to.contain('Copia IBAN');
      expect(await copyWith(el, 'Copia')).to.equal('Ordine C-2026-000001');
      await waitUntil(() => status(el, 'reference') === 'Copiato');
      expect(status(el, 'account')).to.equal('');
      await expect(el).to.be.accessible();
    }
  });

  it('in English too', async () => {
    const el = await onPhone(awaiting('bank_transfer', iban), 'en');
    expect(await copyWith(el, 'Copy IBAN')).to.equal(iban);
    await waitUntil(() => status(el, 'account') === 'Copied');
  });

  it('the postal account never breaks inside and has its Copy button, it and en', async () => {
    const it = await onPhone(awaiting('postal_slip', '001234567890'));
    expect(renderedLines(valueOf(it, 'Conto corrente postale'))[0]).to.equal('001234567890');
    expect(await copyWith(it, 'Copia numero di conto')).to.equal('001234567890');
    await waitUntil(() => status(it, 'account') === 'Copiato');
    const en = await onPhone(awaiting('postal_slip', '001234567890'), 'en');
    expect(await copyWith(en, 'Copy account number')).to.equal('001234567890');
  });
});

describe('cassa-checkout-result: a refused payment', () => {
  // The checkout's banner above it says what happened ("Il pagamento è stato rifiutato. Prova con
  // un altro metodo."): the screen adds what it means for the buyer, not the same thing again.
  it('says nothing was charged and what is kept, then the way on, it and en', async () => {
    const it = await result({ ...paid, status: 'refused' }, null);
    expect(text(it)).to.equal(
      'Non è stato addebitato nulla: la tua selezione e i dati inseriti restano. Scegli un altro metodo di pagamento',
    );
    const en = await result({ ...paid, status: 'refused' }, null, 'en');
    expect(text(en)).to.equal(
      'Nothing was charged: your selection and the data you typed are kept. Choose another payment method',
    );
  });
});
