// A charge's invoice document: Italian line descriptions from the catalog, one VAT summary per
// rate, totals checked against the charge to the cent (a mismatch is a bug, never an invoice).
// A public administration's (6-character office code) is an FPA12 with split payment.
import {
  type Holder,
  type IsoDate,
  isPublicAdministration,
  isPublicAdministrationCode,
  normalizeHolder,
  type PaymentMethodType,
  type Product,
  vatOf,
} from 'cassa/contract';
import { type OrderRecord, serviceTerms } from '../orders/orders.ts';
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
  const e = normalizeHolder(holder).eInvoice;
  // 7 characters: an FPR12 to that code; 6: a public administration's office, an FPA12; 0000000
  // without a PEC leaves the invoice in the buyer's fiscal drawer on SDI.
  if ('sdiCode' in e) {
    const routable = e.sdiCode.length === 7 || isPublicAdministrationCode(e.sdiCode);
    return { kind: 'sdi', code: routable ? e.sdiCode : '0000000' };
  }
  return { kind: 'pec', address: e.pec };
}

function buyerOf(typed: Holder): InvoiceBuyer {
  // Trimmed, upper-cased, without inner spaces: `<IdCodice>` and `<CodiceFiscale>` as SDI wants.
  const holder = normalizeHolder(typed);
  return {
    type: holder.type,
    name: holder.name,
    ...(holder.vatNumber ? { vatNumber: holder.vatNumber } : {}),
    taxCode: holder.taxCode,
    address: holder.address,
  };
}

const italianDate = (date: IsoDate) => date.split('-').reverse().join('/');

function linesOf(
  order: OrderRecord,
  product: Product,
  periodStart: IsoDate,
  periodEnd: IsoDate,
): InvoiceLine[] {
  const period = order.extendsOrderId
    ? `fino alla scadenza del servizio, dal ${italianDate(periodStart)} al ${italianDate(periodEnd)}`
    : product.pricing === 'term'
      ? `${order.years === 1 ? '1 anno' : `${order.years} anni`}, dal ${italianDate(periodStart)} al ${italianDate(periodEnd)}`
      : `fino alla scadenza della casella, dal ${italianDate(periodStart)} al ${italianDate(periodEnd)}`;
  return quoteLines(order.quote, product, period, periodStart, periodEnd);
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

/** What any charge's invoice is made of, before its totals are summed. */
export interface ChargeFacts {
  seller: Seller;
  number: string;
  date: IsoDate;
  progressive: string;
  holder: Holder;
  /** The order it refers to (DatiOrdineAcquisto, Causale). */
  orderNumber: string;
  lines: InvoiceLine[];
  paymentMethod: PaymentMethodType;
  causale?: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
}

/**
 * The invoice document of a charge: summaries per rate, totals, where it goes; FPA12 with split
 * payment (and CIG, CUP) for a public administration.
 */
export function chargeDocument(facts: ChargeFacts): InvoiceDocument {
  const holder = normalizeHolder(facts.holder);
  const summary = vatSummaries(facts.lines);
  const taxable = summary.reduce((t, s) => t + s.taxableCents, 0);
  const vat = summary.reduce((t, s) => t + s.vatCents, 0);
  const publicAdministration = isPublicAdministration(holder);
  return {
    number: facts.number,
    date: facts.date,
    progressive: facts.progressive,
    fileName: invoiceFileName(facts.seller.vatNumber, facts.progressive),
    seller: facts.seller,
    buyer: buyerOf(holder),
    destination: invoiceDestination(holder),
    orderNumber: facts.orderNumber,
    lines: facts.lines,
    summary,
    totalCents: taxable + vat,
    paymentMethod: facts.paymentMethod,
    format: publicAdministration ? 'FPA12' : 'FPR12',
    splitPayment: publicAdministration,
    paidCents: publicAdministration ? taxable : taxable + vat,
    ...(publicAdministration && holder.cig ? { cig: holder.cig } : {}),
    ...(publicAdministration && holder.cup ? { cup: holder.cup } : {}),
    ...(facts.causale ? { causale: facts.causale } : {}),
    periodStart: facts.periodStart,
    periodEnd: facts.periodEnd,
  };
}

/**
 * The lines of a Certified Platform renewal, for the next term: those of `quote`, the term the
 * charge was priced on (a renewal payment the buyer authenticated later), else the service's
 * (grown by any buy more, else the order's own).
 */
export function renewalLines(
  order: OrderRecord,
  product: Product,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  quote: OrderRecord['quote'] = serviceTerms(order).quote,
): InvoiceLine[] {
  const period = `rinnovo, ${order.years === 1 ? '1 anno' : `${order.years} anni`}, dal ${italianDate(periodStart)} al ${italianDate(periodEnd)}`;
  return quoteLines(quote, product, period, periodStart, periodEnd);
}

/** The lines of a PEC add-on renewal from credit: one year of each add-on of the mailbox. */
export function addonRenewalLines(
  product: Product,
  mailbox: string,
  addons: readonly { id: string; quantity: number; cents: number }[],
  periodStart: IsoDate,
  periodEnd: IsoDate,
): InvoiceLine[] {
  const period = `rinnovo annuale della casella ${mailbox}, dal ${italianDate(periodStart)} al ${italianDate(periodEnd)}`;
  return addons.map((a) => {
    const addon = product.addons.find((x) => x.id === a.id);
    const unit = addon ? UNITS[addon.unit] : undefined;
    return {
      description: `${product.name.it} - ${addon?.name.it ?? a.id} (${period})`,
      quantity: a.quantity,
      ...(unit ? { unit } : {}),
      periodStart,
      periodEnd,
      amountCents: a.cents,
      vatRateBasisPoints: product.vatRateBasisPoints,
    };
  });
}

export function invoiceDocument(
  order: OrderRecord,
  product: Product,
  facts: {
    seller: Seller;
    number: string;
    date: IsoDate;
    progressive: string;
    periodStart: IsoDate;
    /** The end of the period billed (default: the quote's, the expiry it was priced up to). */
    periodEnd?: IsoDate;
  },
): InvoiceDocument {
  const periodEnd = facts.periodEnd ?? order.quote.renewal.date;
  const lines = linesOf(order, product, facts.periodStart, periodEnd);
  const document = chargeDocument({
    ...facts,
    holder: order.holder,
    orderNumber: order.number,
    lines,
    paymentMethod: order.paymentMethod,
    periodEnd,
  });
  const vat = document.summary.reduce((t, s) => t + s.vatCents, 0);
  if (
    document.totalCents - vat !== order.quote.taxableCents ||
    vat !== order.quote.vatCents ||
    document.totalCents !== order.totalCents
  ) {
    throw new InvoiceTotalsMismatch(`invoice totals differ from order ${order.number}`);
  }
  return document;
}

/** The quote's lines as invoice lines, each naming its plan or add-on and the `period` covered. */
function quoteLines(
  quote: OrderRecord['quote'],
  product: Product,
  period: string,
  periodStart: IsoDate,
  periodEnd: IsoDate,
): InvoiceLine[] {
  return quote.lines.map((l) => {
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
      vatRateBasisPoints: quote.vatRateBasisPoints,
    };
  });
}
