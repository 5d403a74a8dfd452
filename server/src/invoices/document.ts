// An order's invoice document: Italian line descriptions from the catalog, one VAT summary per
// rate, totals checked against the order to the cent (a mismatch is a bug, never an invoice).
import { type Holder, type IsoDate, type Product, vatOf } from 'cassa/contract';
import type { OrderRecord } from '../orders/orders.ts';
import {
  invoiceFileName,
  type InvoiceBuyer,
  type InvoiceDestination,
  type InvoiceDocument,
  type InvoiceLine,
  type VatSummary,
} from './fatturapa.ts';
import type { Seller } from './seller.ts';

const UNITS: Record<Product['addons'][number]['unit'], string | undefined> = {
  user: 'utenti',
  'external-user': 'utenti',
  gb: 'GB',
  flag: undefined,
};

/** Where the holder asked the invoice to go: their SDI code, or their PEC address. */
export function invoiceDestination(holder: Holder): InvoiceDestination {
  const e = holder.eInvoice;
  // FPR12 takes 7-character codes only (6 are public administrations, FPA12): such a code, or
  // 0000000 without a PEC, leaves the invoice in the buyer's fiscal drawer on SDI.
  if ('sdiCode' in e) return { kind: 'sdi', code: e.sdiCode.length === 7 ? e.sdiCode : '0000000' };
  return { kind: 'pec', address: e.pec };
}

function buyerOf(holder: Holder): InvoiceBuyer {
  return {
    type: holder.type,
    name: holder.name,
    ...(holder.vatNumber ? { vatNumber: holder.vatNumber } : {}),
    taxCode: holder.taxCode,
    address: holder.address,
  };
}

const italianDate = (date: IsoDate) => date.split('-').reverse().join('/');

function linesOf(order: OrderRecord, product: Product, periodStart: IsoDate): InvoiceLine[] {
  const periodEnd = order.quote.renewal.date;
  const period =
    product.pricing === 'term'
      ? `${order.years === 1 ? '1 anno' : `${order.years} anni`}, dal ${italianDate(periodStart)} al ${italianDate(periodEnd)}`
      : `fino alla scadenza della casella, dal ${italianDate(periodStart)} al ${italianDate(periodEnd)}`;
  return order.quote.lines.map((l) => {
    const plan = product.plans.find((p) => p.id === l.id);
    const addon = plan ? undefined : product.addons.find((a) => a.id === l.id);
    const name = plan?.name.it ?? addon?.name.it ?? l.label;
    const unit = addon ? UNITS[addon.unit] : undefined;
    return {
      description: `${product.name.it} - ${name} (${period})`,
      quantity: l.quantity,
      ...(unit ? { unit } : {}),
      periodStart,
      periodEnd,
      amountCents: l.amountCents,
      vatRateBasisPoints: order.quote.vatRateBasisPoints,
    };
  });
}

/** One summary per VAT rate, VAT computed once on each rate's taxable sum (as the quote does). */
export function vatSummaries(lines: readonly InvoiceLine[]): VatSummary[] {
  const byRate = new Map<number, number>();
  for (const l of lines)
    byRate.set(l.vatRateBasisPoints, (byRate.get(l.vatRateBasisPoints) ?? 0) + l.amountCents);
  return [...byRate].map(([vatRateBasisPoints, taxableCents]) => ({
    vatRateBasisPoints,
    taxableCents,
    vatCents: vatOf(taxableCents, vatRateBasisPoints),
  }));
}

export class InvoiceTotalsMismatch extends Error {}

export function invoiceDocument(
  order: OrderRecord,
  product: Product,
  facts: {
    seller: Seller;
    number: string;
    date: IsoDate;
    progressive: string;
    periodStart: IsoDate;
  },
): InvoiceDocument {
  const lines = linesOf(order, product, facts.periodStart);
  const summary = vatSummaries(lines);
  const taxable = summary.reduce((t, s) => t + s.taxableCents, 0);
  const vat = summary.reduce((t, s) => t + s.vatCents, 0);
  if (
    taxable !== order.quote.taxableCents ||
    vat !== order.quote.vatCents ||
    taxable + vat !== order.totalCents
  ) {
    throw new InvoiceTotalsMismatch(`invoice totals differ from order ${order.number}`);
  }
  return {
    number: facts.number,
    date: facts.date,
    progressive: facts.progressive,
    fileName: invoiceFileName(facts.seller.vatNumber, facts.progressive),
    seller: facts.seller,
    buyer: buyerOf(order.holder),
    destination: invoiceDestination(order.holder),
    orderNumber: order.number,
    lines,
    summary,
    totalCents: order.totalCents,
    paymentMethod: order.paymentMethod,
  };
}
