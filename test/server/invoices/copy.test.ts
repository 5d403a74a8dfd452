// The readable copy (copia di cortesia) of a public administration's invoice says what the XML
// says (EsigibilitaIVA S, CIG, CUP): split payment, and the net amount the administration paid the
// seller — the card's charge, the slip's amount — next to the document's total with VAT.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { invoiceCopyPage } from '../../../server/src/invoices/copy.ts';
import type { InvoiceDocument } from '../../../server/src/invoices/fatturapa.ts';
import { DEMO_SELLER } from '../../../demo/server/seller.ts';

const doc: InvoiceDocument = {
  number: 'F-2026-000003',
  date: '2026-12-07',
  progressive: '00003',
  fileName: 'IT12345678903_00003.xml',
  seller: DEMO_SELLER,
  buyer: {
    type: 'company',
    name: 'Comune di Moncalieri',
    taxCode: '80089810016',
    address: {
      street: 'Piazza Vittorio Emanuele II 1',
      postalCode: '10024',
      city: 'Moncalieri',
      province: 'TO',
      country: 'IT',
    },
  },
  destination: { kind: 'sdi', code: 'UFABCD' },
  orderNumber: 'C-2026-000007',
  lines: [
    {
      description: 'Certified Platform - Versione base (1 anno)',
      quantity: 1,
      periodStart: '2026-12-07',
      periodEnd: '2027-12-07',
      amountCents: 12000,
      vatRateBasisPoints: 2200,
    },
  ],
  summary: [{ vatRateBasisPoints: 2200, taxableCents: 12000, vatCents: 2640 }],
  totalCents: 14640,
  paymentMethod: 'card',
  format: 'FPA12',
  splitPayment: true,
  paidCents: 12000,
  cig: 'Z1A2B3C4D5',
  cup: 'J11B12000010001',
};

/** The page's text, tags dropped and spaces collapsed (money has a no-break space). */
const text = (page: string) =>
  page
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('invoice copy of a public administration (split payment)', () => {
  it('says split payment, the net amount paid, CIG and CUP, beside the total with VAT', () => {
    const page = text(invoiceCopyPage(doc, '/api/v1/orders/o/invoice'));
    assert.match(page, /Totale documento: 146,40 €/);
    assert.match(
      page,
      /Scissione dei pagamenti \(art\. 17-ter DPR 633\/72\): l'IVA è versata all'Erario dal cessionario\/committente\./,
    );
    assert.match(page, /Netto a pagare: 120,00 €/);
    assert.match(page, /CIG Z1A2B3C4D5 · CUP J11B12000010001/);
  });

  it('another buyer’s copy says neither', () => {
    const { splitPayment: _s, paidCents: _p, cig: _c, cup: _u, ...plain } = doc;
    const page = text(invoiceCopyPage({ ...plain, format: 'FPR12' }, '/x'));
    assert.match(page, /Totale documento: 146,40 €/);
    assert.doesNotMatch(page, /Scissione|Netto a pagare|CIG|CUP/);
  });
});
