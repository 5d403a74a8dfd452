// Pricing: the authoritative quote for a selection on a date. Integer cents, VAT half-up.
import type { Product } from './catalog.ts';
import { addDays, addMonths, monthsLeft } from './dates.ts';
import { divideHalfUp, vatOf } from './money.ts';
import { validateSelection, type SelectionContext } from './selection.ts';
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
  const free = expiresOn < addMonths(options.today, FREE_UNTIL_EXPIRY_MONTHS);
  const months = monthsLeft(options.today, expiresOn);
  const lines = yearly.map((l) => ({
    ...l,
    amountCents: free ? 0 : divideHalfUp(l.amountCents * months, 12),
  }));
  return {
    ok: true,
    quote: {
      currency: product.currency,
      lines,
      ...totals(lines, rate),
      freeUntil: free ? expiresOn : null,
      renewal: { date: expiresOn, chargeDate: expiresOn, totalCents: yearlyTotal },
      minimumTopUpCents: Math.max(0, yearlyTotal - creditCents),
      // The server states the credit (its figure, at quote time); the preview does not.
      creditCents: null,
    },
  };
}
