// Property: for random valid selections (Certified Platform for 1 or 2 years, PEC add-ons with
// 3 to 12 months left) and random holders (companies and professionals, any Unicode in their
// names and addresses, an SDI code or a PEC address), every invoice validates against the
// official XSD and says exactly the order's amounts — lines, VAT summary, total, to the cent.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { invoiceDocument } from '../../../server/src/invoices/document.ts';
import { buildFatturaPA } from '../../../server/src/invoices/fatturapa.ts';
import { DEMO_SELLER } from '../../../demo/server/seller.ts';
import type { OrderRecord } from '../../../server/src/orders/orders.ts';
import type { Product } from '../../../src/domain/catalog.ts';
import { addDays, addMonths } from '../../../src/domain/dates.ts';
import { priceSelection } from '../../../src/domain/pricing.ts';
import type { Holder, Quote } from '../../../src/domain/types.ts';
import { PROVINCE_CODES } from '../../../src/domain/validators/address.ts';
import { codiceFiscaleCheckChar } from '../../../src/domain/validators/codice-fiscale.ts';
import { validateHolder } from '../../../src/domain/validators/holder.ts';
import { partitaIvaCheckDigit } from '../../../src/domain/validators/partita-iva.ts';
import { demoCatalog, TODAY } from '../harness.ts';
import { cents, lineProductMatches, readInvoice } from './read.ts';
import { validateFatturaPA } from './xsd.ts';

const catalog = demoCatalog();
const product = (id: string) => catalog.products.find((p) => p.id === id) as Product;
const platform = product('certified-platform');
const pec = product('pec-addons');

const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const letters = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: n, maxLength: n });

const partitaIva = digits(10)
  .filter((d) => !/^0+$/.test(d))
  .map((d) => `${d}${partitaIvaCheckDigit(d)}`);
const months = fc.constantFrom(...'ABCDEHLMPRST');
const codiceFiscale = fc
  .tuple(letters(6), digits(2), months, fc.integer({ min: 1, max: 71 }), letters(1), digits(3))
  .filter(([, , , day]) => day <= 31 || day > 40)
  .map(([name, year, month, day, place, code]) => {
    const first = `${name}${year}${month}${String(day).padStart(2, '0')}${place}${code}`;
    return `${first}${codiceFiscaleCheckChar(first)}`;
  });
/** Characters that break naive XML or the schema's Latin-1 rule: markup, typography, emoji. */
const TRICKY = [...'&<>"\'; ]]>àèéìòùÀÉÄÖÜßçñ€“”‘’–—…ŁłŒœ\t\n\u00a0\u0301'].concat([
  '😀',
  '東',
  'Ж',
]);
/** Any text a buyer may type (not blank): any Unicode, or mostly the tricky characters above. */
const freeText = (max: number) =>
  fc
    .oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: max }),
      fc.string({
        unit: fc.oneof(fc.constantFrom(...TRICKY), fc.constantFrom(...'abcXYZ019 ')),
        minLength: 1,
        maxLength: max,
      }),
    )
    .filter((s) => s.trim() !== '');
const sdiCode = fc
  .string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
    minLength: 7,
    maxLength: 7,
  })
  .filter((c) => c !== '0000000');
const pecAddress = fc
  .tuple(
    fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789._-'),
      minLength: 1,
      maxLength: 30,
    }),
    fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
      minLength: 1,
      maxLength: 20,
    }),
  )
  .map(([local, domain]) => `${local.replace(/^[._-]+|[._-]+$/g, '') || 'x'}@${domain}.pec.it`);

const holder: fc.Arbitrary<Holder> = fc
  .record({
    type: fc.constantFrom('company' as const, 'professional' as const),
    name: freeText(200),
    vatNumber: partitaIva,
    personTaxCode: codiceFiscale,
    street: freeText(200),
    postalCode: digits(5),
    city: freeText(200),
    province: fc.constantFrom(...PROVINCE_CODES),
    eInvoice: fc.oneof(
      sdiCode.map((code) => ({ sdiCode: code })),
      pecAddress.map((address) => ({ pec: address })),
    ),
  })
  .map((h) => ({
    type: h.type,
    name: h.name,
    vatNumber: h.vatNumber,
    taxCode: h.type === 'company' ? h.vatNumber : h.personTaxCode,
    address: {
      street: h.street,
      postalCode: h.postalCode,
      city: h.city,
      province: h.province,
      country: 'IT',
    },
    email: 'buyer@example.com',
    eInvoice: h.eInvoice,
  }))
  // Only holders the checkout itself would accept (the server validates the same way).
  .filter((h) => validateHolder(h).errors.length === 0);

/** Quantities in each add-on's steps, within its maximum. */
function addonQuantities(p: Product) {
  return fc.tuple(
    ...p.addons.map((a) =>
      fc
        .integer({ min: 0, max: Math.floor((a.max ?? 20 * a.step) / a.step) })
        .map((n) => ({ id: a.id, quantity: n * a.step })),
    ),
  );
}

/** A paid quote: the base plan for 1–2 years, or PEC add-ons with 3–12 months left. */
const paidQuote: fc.Arbitrary<{ productId: string; years: number; quote: Quote }> = fc
  .oneof(
    fc.record({ years: fc.constantFrom(1, 2), addons: addonQuantities(platform) }).map((s) => ({
      productId: platform.id,
      years: s.years,
      result: priceSelection(
        platform,
        { productId: platform.id, planId: 'base', years: s.years, addons: s.addons },
        { today: TODAY },
      ),
    })),
    fc
      .record({
        addons: addonQuantities(pec),
        monthsLeft: fc.integer({ min: 3, max: 12 }),
        extraDays: fc.integer({ min: 0, max: 27 }),
      })
      .map((s) => ({
        productId: pec.id,
        years: 1,
        result: priceSelection(
          pec,
          {
            productId: pec.id,
            planId: 'member',
            years: 1,
            addons: s.addons,
            subscriptionId: 'mbx',
          },
          {
            today: TODAY,
            subscription: {
              expiresOn: addDays(addMonths(TODAY, s.monthsLeft), s.extraDays),
              creditCents: 0,
            },
          },
        ),
      })),
  )
  .filter((q) => q.result.ok && q.result.quote.totalCents > 0)
  .map((q) => ({
    productId: q.productId,
    years: q.years,
    quote: (q.result as { quote: Quote }).quote,
  }));

function orderOf(
  selection: { productId: string; years: number; quote: Quote },
  buyer: Holder,
  paymentMethod: OrderRecord['paymentMethod'],
): OrderRecord {
  return {
    id: 'order-1',
    number: 'C-2026-000001',
    customerId: 'customer-1',
    status: 'paid',
    productId: selection.productId,
    planId: selection.productId === pec.id ? 'member' : 'base',
    years: selection.years,
    addons: [],
    subscriptionId: null,
    paymentMethod,
    savedPaymentMethodId: null,
    totalCents: selection.quote.totalCents,
    currency: 'EUR',
    topUpCents: null,
    autoRenew: true,
    freeUntil: null,
    renewalChargeDate: null,
    holder: buyer,
    quote: selection.quote,
    instructions: null,
    returnUrl: null,
    paymentUrl: null,
    locale: 'it',
  };
}

describe('FatturaPA: property over random orders and holders', () => {
  it('every invoice validates against Schema_1.2.1.xsd and its amounts are the order’s, to the cent', async () => {
    await fc.assert(
      fc.asyncProperty(
        paidQuote,
        holder,
        fc.constantFrom(
          'card' as const,
          'paypal' as const,
          'bank_transfer' as const,
          'postal_slip' as const,
          'credit' as const,
        ),
        fc.integer({ min: 1, max: 999_999 }),
        async (selection, buyer, method, seq) => {
          const order = orderOf(selection, buyer, method);
          const doc = invoiceDocument(order, product(selection.productId), {
            seller: DEMO_SELLER,
            number: `F-2026-${String(seq).padStart(6, '0')}`,
            date: TODAY,
            progressive: '0000A',
            periodStart: TODAY,
          });
          const xml = buildFatturaPA(doc);
          const validation = await validateFatturaPA([xml]);
          assert.ok(validation.ok, validation.errors);

          const read = readInvoice(xml);
          const { quote } = selection;
          assert.equal(read.totalCents, quote.totalCents);
          assert.deepEqual(
            read.lines.map((l) => l.totalCents),
            quote.lines.map((l) => l.amountCents),
          );
          assert.ok(
            read.lines.every(lineProductMatches),
            'PrezzoUnitario × Quantita = PrezzoTotale',
          );
          const taxable = read.summary.reduce((t, s) => t + s.taxableCents, 0);
          const vat = read.summary.reduce((t, s) => t + s.vatCents, 0);
          assert.equal(taxable, quote.taxableCents);
          assert.equal(vat, quote.vatCents);
          assert.equal(taxable + vat, read.totalCents);
          assert.equal(cents('0.01'), 1);
          if ('sdiCode' in buyer.eInvoice) {
            assert.equal(read.recipientCode, buyer.eInvoice.sdiCode);
            assert.equal(read.pec, undefined);
          } else {
            assert.equal(read.recipientCode, '0000000');
            assert.equal(read.pec, buyer.eInvoice.pec);
          }
          assert.equal(read.buyerVat, buyer.vatNumber);
        },
      ),
      { numRuns: 150 },
    );
  });
});
