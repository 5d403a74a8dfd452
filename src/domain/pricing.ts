// Pricing: the authoritative quote for a selection on a date. Integer cents, VAT half-up.
import type { Product } from './catalog.ts';
import { addDays, addMonths, monthsLeft } from './dates.ts';
import { divideHalfUp, vatOf } from './money.ts';
import { addonQuantityError, validateSelection, type SelectionContext } from './selection.ts';
import type { FieldError, Quote, QuoteLine, Selection } from './types.ts';

/** Automatic renewals by card or PayPal are charged this many days before expiry. */
export const RENEWAL_CHARGE_DAYS_BEFORE = 7;
/** Add-ons bought with less than this many months left are free until the expiry. */
export const FREE_UNTIL_EXPIRY_MONTHS = 3;
// The top-up's limit lives with its rule (top-up.ts), which the widget loads without pricing.
export { MAX_TOP_UP_CENTS } from './top-up.ts';

export type PriceResult = { ok: true; quote: Quote } | { ok: false; errors: FieldError[] };

export interface PriceOptions extends SelectionContext {
  /** Language of line labels (defaults to Italian). */
  locale?: 'it' | 'en';
}

/** One line per paid plan and per add-on with a quantity, each at its yearly price. */
function yearlyLines(product: Product, selection: Selection, locale: 'it' | 'en'): QuoteLine[] {
  const lines: QuoteLine[] = [];
  const plan = product.plans.find((p) => p.id === selection.planId);
  if (plan && plan.yearlyCents > 0) {
    lines.push({
      id: plan.id,
      label: plan.name[locale],
      quantity: 1,
      unitCents: plan.yearlyCents,
      amountCents: plan.yearlyCents,
    });
  }
  for (const addon of product.addons) {
    const quantity = selection.addons.find((a) => a.id === addon.id)?.quantity ?? 0;
    if (quantity <= 0) continue;
    lines.push({
      id: addon.id,
      label: addon.name[locale],
      quantity,
      unitCents: addon.unitCents,
      amountCents: (quantity / addon.step) * addon.unitCents,
    });
  }
  return lines;
}

const sum = (lines: QuoteLine[]) => lines.reduce((total, l) => total + l.amountCents, 0);

/** Taxable amount, VAT (once, on the sum) and total of the lines. */
function totals(lines: QuoteLine[], rate: number) {
  const taxableCents = sum(lines);
  const vatCents = vatOf(taxableCents, rate);
  return { taxableCents, vatRateBasisPoints: rate, vatCents, totalCents: taxableCents + vatCents };
}

export function priceSelection(
  product: Product,
  selection: Selection,
  options: PriceOptions,
): PriceResult {
  const errors = validateSelection(product, selection, options);
  if (errors.length) return { ok: false, errors };
  const locale = options.locale ?? 'it';
  const rate = product.vatRateBasisPoints;
  const yearly = yearlyLines(product, selection, locale);
  const yearlyTaxable = sum(yearly);
  const yearlyTotal = yearlyTaxable + vatOf(yearlyTaxable, rate);

  if (product.pricing === 'term') {
    const lines = yearly.map((l) => ({ ...l, amountCents: l.amountCents * selection.years }));
    const amounts = totals(lines, rate);
    const date = addMonths(options.today, 12 * selection.years);
    return {
      ok: true,
      quote: {
        currency: product.currency,
        lines,
        ...amounts,
        freeUntil: null,
        renewal: {
          date,
          chargeDate: addDays(date, -RENEWAL_CHARGE_DAYS_BEFORE),
          totalCents: amounts.totalCents,
        },
        minimumTopUpCents: null,
        creditCents: null,
      },
    };
  }

  // coterm: the add-on ends with its subscription (validated above to exist and be current).
  const { expiresOn, creditCents } = options.subscription!;
  return {
    ok: true,
    quote: {
      ...coTermed(product, yearly, options.today, expiresOn),
      renewal: { date: expiresOn, chargeDate: expiresOn, totalCents: yearlyTotal },
      minimumTopUpCents: Math.max(0, yearlyTotal - creditCents),
      // The server states the credit (its figure, at quote time); the preview does not.
      creditCents: null,
    },
  };
}

/**
 * A quote's lines co-termed with an expiry (DESIGN 1.2) and their amounts: the yearly lines priced
 * for the months left, or free when fewer than FREE_UNTIL_EXPIRY_MONTHS are left.
 */
function coTermed(product: Product, yearly: QuoteLine[], today: string, expiresOn: string) {
  const free = expiresOn < addMonths(today, FREE_UNTIL_EXPIRY_MONTHS);
  const months = monthsLeft(today, expiresOn);
  const lines = yearly.map((l) => ({
    ...l,
    amountCents: free ? 0 : divideHalfUp(l.amountCents * months, 12),
  }));
  const amounts = totals(lines, product.vatRateBasisPoints);
  return { currency: product.currency, lines, ...amounts, freeUntil: free ? expiresOn : null };
}

/** An active Certified Platform service that more add-ons are bought for (buy more). */
export interface ServiceContext {
  planId: string;
  years: number;
  expiresOn: string;
  /** The add-on quantities the service has now, by add-on id. */
  addons: Readonly<Record<string, number>>;
}

/**
 * Buy more on a term product (issue 24): the added add-ons are co-termed with the service's
 * expiry and priced for the months left with DESIGN 1.2's rule (less than 3 months left: free
 * until the expiry). The service then renews for its term at the grown quantities: that is the
 * quote's renewal. `selection.addons` are the quantities added, not the new totals.
 */
export function priceServiceAddition(
  product: Product,
  selection: Selection,
  options: { today: string; locale?: 'it' | 'en'; service: ServiceContext },
): PriceResult {
  const { service, today } = options;
  const errors = validateSelection(product, {
    ...selection,
    planId: service.planId,
    years: service.years,
  });
  if (selection.planId !== service.planId)
    errors.push({ path: 'planId', code: 'selection.plan.unknown' });
  if (service.expiresOn <= today)
    errors.push({ path: 'subscriptionId', code: 'selection.subscription.expired' });
  const grown: Record<string, number> = { ...service.addons };
  selection.addons.forEach(({ id, quantity }, i) => {
    const addon = product.addons.find((a) => a.id === id);
    if (!addon || quantity <= 0) return;
    grown[id] = (grown[id] ?? 0) + quantity;
    const code = addonQuantityError(addon, grown[id]);
    if (code && !errors.some((e) => e.path.startsWith(`addons.${i}.`)))
      errors.push({ path: `addons.${i}.quantity`, code });
  });
  if (errors.length) return { ok: false, errors };
  const locale = options.locale ?? 'it';
  const added = yearlyLines(product, { ...selection, planId: '' }, locale);
  const term = serviceTerm(product, { ...service, addons: grown }, locale);
  return {
    ok: true,
    quote: {
      ...coTermed(product, added, today, service.expiresOn),
      renewal: {
        date: service.expiresOn,
        chargeDate: addDays(service.expiresOn, -RENEWAL_CHARGE_DAYS_BEFORE),
        totalCents: term.totalCents,
      },
      minimumTopUpCents: null,
      creditCents: null,
    },
  };
}

/** One term of a service at its quantities: the lines and totals its renewal charges. */
export function serviceTerm(
  product: Product,
  service: Pick<ServiceContext, 'planId' | 'years' | 'addons'>,
  locale: 'it' | 'en' = 'it',
): { lines: QuoteLine[] } & ReturnType<typeof totals> {
  const selection: Selection = {
    productId: product.id,
    planId: service.planId,
    years: service.years,
    addons: Object.entries(service.addons).map(([id, quantity]) => ({ id, quantity })),
  };
  const lines = yearlyLines(product, selection, locale).map((l) => ({
    ...l,
    amountCents: l.amountCents * service.years,
  }));
  return { lines, ...totals(lines, product.vatRateBasisPoints) };
}
