// The order confirmation email of a public administration (split payment, DPR 633/72 art.
// 17-ter): it says what the administration pays the seller, now and at the renewal — the taxable
// amount the card is charged and the slip asks for — not only the invoice's total with VAT.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderConfirmationEmail } from '../../server/src/notifications/outbox.ts';
import { withSplitPayment, type Quote } from '../../src/contract.ts';

// Base plan + 3 users for 2 years: 312,00 € + 68,64 € VAT = 380,64 €.
const quote: Quote = {
  currency: 'EUR',
  lines: [
    { id: 'base', label: 'Versione base', quantity: 1, unitCents: 12000, amountCents: 24000 },
    {
      id: 'extra-users',
      label: 'Utenti aggiuntivi',
      quantity: 3,
      unitCents: 1200,
      amountCents: 7200,
    },
  ],
  taxableCents: 31200,
  vatRateBasisPoints: 2200,
  vatCents: 6864,
  totalCents: 38064,
  freeUntil: null,
  renewal: { date: '2028-12-07', chargeDate: '2028-11-30', totalCents: 38064 },
  minimumTopUpCents: null,
  creditCents: null,
};

const email = (q: Quote, locale: 'it' | 'en') =>
  orderConfirmationEmail(
    'economato@comune.example',
    {
      number: 'C-2026-000003',
      productName: 'Certified Platform',
      quote: q,
      paymentMethodLabel:
        locale === 'en' ? 'Credit card (Visa •••• 4242)' : 'Carta di credito (Visa •••• 4242)',
      autoRenew: true,
    },
    locale,
  ).body.replace(/\s/g, (space) => (space === '\n' ? space : ' ')); // formatted money has a no-break space

describe('order confirmation email, public administration (split payment)', () => {
  it('says the net amount payable and the renewal charge: the taxable amount (it, en)', () => {
    const it = email(withSplitPayment(quote), 'it');
    assert.match(it, /^Totale: 380,64 €$/m);
    assert.match(
      it,
      /^Scissione dei pagamenti \(art\. 17-ter DPR 633\/72\): l'IVA la versa l'ente all'Erario\.$/m,
    );
    assert.match(it, /^Netto a pagare: 312,00 €$/m);
    assert.match(it, /^Rinnovo automatico il 30 novembre 2028: 312,00 €$/m);
    const en = email(withSplitPayment(quote), 'en');
    assert.match(en, /^Net amount payable: €312\.00$/m);
    assert.match(en, /^Automatic renewal on 30 November 2028: €312\.00$/m);
  });

  it('any other buyer: the total, and the renewal with VAT, as before', () => {
    const it = email(quote, 'it');
    assert.doesNotMatch(it, /Netto a pagare|Scissione/);
    assert.match(it, /^Rinnovo automatico il 30 novembre 2028: 380,64 €$/m);
  });
});
