// Issue 25: what a buyer reads is what they pay (summary and result screen), in both languages.
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/components/cassa-order-summary/cassa-order-summary.ts';
import '../../../src/components/checkout-result/cassa-checkout-result.ts';
import type { CassaOrderSummary } from '../../../src/components/cassa-order-summary/cassa-order-summary.ts';
import type { CassaCheckoutResult } from '../../../src/components/checkout-result/cassa-checkout-result.ts';
import type { Order } from '../../../src/api/schemas.ts';
import type { Product } from '../../../src/domain/catalog.ts';
import { priceSelection } from '../../../src/domain/pricing.ts';
import type { Quote } from '../../../src/domain/types.ts';
import {
  $$,
  pecAddons,
  plans,
  platformAddons,
  squash,
  visibleText,
} from '../components/fixtures.ts';

const common = {
  currency: 'EUR' as const,
  vatRateBasisPoints: 2200,
  eligibleCustomers: ['company' as const, 'professional' as const],
  termsUrl: '/condizioni-generali.html',
};
const platform: Product = {
  ...common,
  id: 'certified-platform',
  name: { it: 'Certified Platform', en: 'Certified Platform' },
  pricing: 'term',
  terms: [1, 2],
  paymentMethods: ['card', 'paypal', 'bank_transfer', 'postal_slip'],
  plans,
  addons: platformAddons,
};
const pec: Product = {
  ...common,
  id: 'pec-addons',
  name: { it: 'Servizi aggiuntivi casella PEC', en: 'PEC mailbox add-ons' },
  pricing: 'coterm',
  terms: [1],
  paymentMethods: ['card', 'credit'],
  plans: [{ id: 'member', name: { it: 'Casella', en: 'Mailbox' }, yearlyCents: 0, includes: [] }],
  addons: pecAddons,
};
const TODAY = '2026-01-15';

/** The server's quote for 3 GB + conservation: it carries the credit it was made with. */
function pecQuote(expiresOn: string, creditCents: number): Quote {
  const addons = [
    { id: 'extra-space', quantity: 3 },
    { id: 'conservation', quantity: 1 },
  ];
  const result = priceSelection(
    pec,
    { productId: 'pec-addons', planId: 'member', years: 1, addons, subscriptionId: 'mbx' },
    { today: TODAY, subscription: { expiresOn, creditCents } },
  );
  if (!result.ok) throw new Error('bad fixture');
  return { ...result.quote, creditCents };
}
function platformQuote(planId: string, addons: { id: string; quantity: number }[] = []): Quote {
  const result = priceSelection(
    platform,
    { productId: 'certified-platform', planId, years: 1, addons },
    { today: TODAY },
  );
  if (!result.ok) throw new Error('bad fixture');
  return result.quote;
}

const rows = (el: Element, selector = 'dl > div') =>
  $$(el, selector).map((row) => squash((row as HTMLElement).innerText));

describe('issue 25 (1): one statement of what the card pays, what the credit pays, what is left', () => {
  it('8 months left, card top-up of one year: 15,86 € on the card, 10,58 € from credit, 5,28 € left', async () => {
    const el = await fixture<CassaOrderSummary>(
      html`<cassa-order-summary
        locale="it"
        pricing="coterm"
        payment-type="card"
        .topUpCents=${1586}
        .terms=${[1]}
        .product=${pec}
        .quote=${pecQuote('2026-09-15', 0)}
      ></cassa-order-summary>`,
    );
    const settlement = rows(el, '[part="settlement"] > div');
    expect(settlement).to.deep.equal([
      'Addebito ora sulla carta (ricarica del credito) 15,86 €',
      'Pagato ora con il credito 10,58 €',
      'Credito residuo dopo l’ordine 5,28 €',
    ]);
    // The total row no longer reads as what the card pays.
    expect(rows(el).find((r) => r.startsWith('Totale'))).to.equal(
      'Totale da pagare ora con il credito 10,58 €',
    );
    await expect(el).to.be.accessible();
  });

  it('free until expiry (under 3 months): the card still loads the credit, and says so (English)', async () => {
    const el = await fixture<CassaOrderSummary>(
      html`<cassa-order-summary
        locale="en"
        pricing="coterm"
        payment-type="paypal"
        .topUpCents=${1586}
        .terms=${[1]}
        .product=${pec}
        .quote=${pecQuote('2026-03-01', 0)}
      ></cassa-order-summary>`,
    );
    expect(rows(el, '[part="settlement"] > div')).to.deep.equal([
      'Charged to PayPal now (credit top-up) €15.86',
      'Paid now from your credit €0.00',
      'Credit left after the order €15.86',
    ]);
  });

  it('paid from credit alone: nothing on the card, the credit pays, the rest is left', async () => {
    const el = await fixture<CassaOrderSummary>(
      html`<cassa-order-summary
        locale="it"
        pricing="coterm"
        payment-type="credit"
        .terms=${[1]}
        .quote=${pecQuote('2026-09-15', 2000)}
      ></cassa-order-summary>`,
    );
    expect(rows(el, '[part="settlement"] > div')).to.deep.equal([
      'Pagato ora con il credito 10,58 €',
      'Credito residuo dopo l’ordine 9,42 €',
    ]);
  });

  it('the result screen repeats the three figures from the order', async () => {
    const order: Order = {
      id: 'o1',
      number: 'C-2026-000009',
      status: 'paid',
      totalCents: 1058,
      currency: 'EUR',
      productId: 'pec-addons',
      planId: 'member',
      addons: [
        { id: 'extra-space', quantity: 3 },
        { id: 'conservation', quantity: 1 },
      ],
      years: 1,
      paymentMethod: 'card',
      autoRenew: false,
      topUpCents: 1586,
      creditAfterCents: 528,
      freeUntil: null,
      renewalChargeDate: null,
    };
    for (const [locale, expected] of [
      [
        'it',
        'Ricarica del credito: 15,86 €, addebitata sulla carta. Pagato con il credito: 10,58 €. Credito residuo: 5,28 €.',
      ],
      [
        'en',
        'Credit top-up: €15.86, charged to your card. Paid from your credit: €10.58. Credit left: €5.28.',
      ],
    ] as const) {
      const el = await fixture<CassaCheckoutResult>(
        html`<cassa-checkout-result
          locale=${locale}
          .order=${order}
          .product=${pec}
        ></cassa-checkout-result>`,
      );
      const dl = el.shadowRoot!.querySelector<HTMLElement>('[part="settlement"]')!;
      expect(squash(dl.innerText)).to.equal(expected);
      await expect(el).to.be.accessible();
    }
  });
});

describe('issue 25 (6): bank transfer and postal slip do not promise automatic renewal', () => {
  for (const method of ['bank_transfer', 'postal_slip']) {
    it(`with ${method}, the summary says the service does not renew by itself`, async () => {
      const el = await fixture<CassaOrderSummary>(
        html`<cassa-order-summary
          locale="it"
          payment-type=${method}
          .terms=${[1, 2]}
          .quote=${platformQuote('base')}
        ></cassa-order-summary>`,
      );
      const text = visibleText(el);
      expect(text).not.to.include('rinnovo automatico');
      expect(text).to.include('Con questo metodo il servizio non si rinnova automaticamente');
    });
  }
  it('with a card it still states the automatic renewal and its charge date', async () => {
    const el = await fixture<CassaOrderSummary>(
      html`<cassa-order-summary
        locale="en"
        payment-type="card"
        .terms=${[1, 2]}
        .quote=${platformQuote('base')}
      ></cassa-order-summary>`,
    );
    expect(visibleText(el)).to.include('with automatic renewal, charged on 8 January 2027');
  });
});

describe('issue 25 (10): the free plan summary', () => {
  it('offers no 1/2-year choice, names the plan, and shows no taxable/VAT rows of 0,00 €', async () => {
    const el = await fixture<CassaOrderSummary>(
      html`<cassa-order-summary
        locale="it"
        plan-id="free"
        .product=${platform}
        .terms=${[1, 2]}
        .quote=${platformQuote('free')}
      ></cassa-order-summary>`,
    );
    expect(el.shadowRoot!.querySelector('fieldset.years')).to.equal(null);
    expect(rows(el)).to.deep.equal(['Versione gratuita Gratis', 'Totale da pagare ora 0,00 €']);
    await expect(el).to.be.accessible();
  });
});

describe('issue 25 (11): units on the summary', () => {
  it('one 5 GB block of storage reads "5 GB", not "× 5"', async () => {
    const el = await fixture<CassaOrderSummary>(
      html`<cassa-order-summary
        locale="en"
        .product=${platform}
        .terms=${[1, 2]}
        .lineLabels=${{ storage: 'Additional storage', base: 'Base version' }}
        .quote=${platformQuote('base', [{ id: 'storage', quantity: 5 }])}
      ></cassa-order-summary>`,
    );
    expect(rows(el)[1]).to.equal('Additional storage: 5 GB €10.00');
  });
});
