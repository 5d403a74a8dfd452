// Scissione dei pagamenti (split payment, DPR 633/72 art. 17-ter): a public administration pays
// the seller the taxable amount and pays the VAT straight to the Treasury. The invoice still
// shows the VAT (EsigibilitaIVA `S`); what changes is what the buyer owes the seller.
import { divideHalfUp, vatOf } from './money.ts';
import type { Quote } from './types.ts';

/** The quote for a buyer under split payment: `payableCents` is the taxable amount. */
export function withSplitPayment(quote: Quote): Quote {
  return { ...quote, splitPayment: true, payableCents: quote.taxableCents };
}

/** What the buyer pays the seller now: the taxable amount under split payment, else the total. */
export function payableNowCents(
  quote: Pick<Quote, 'totalCents' | 'taxableCents' | 'splitPayment'>,
): number {
  return quote.splitPayment ? quote.taxableCents : quote.totalCents;
}

/** The VAT a split-payment buyer pays the Treasury itself (0 for any other buyer). */
export function vatToTreasuryCents(quote: Pick<Quote, 'vatCents' | 'splitPayment'>): number {
  return quote.splitPayment ? quote.vatCents : 0;
}

/**
 * The taxable amount whose total with VAT at `rateBasisPoints` is `totalCents`: what a renewal
 * quoted as a total charges a buyer under split payment (the server's term charge).
 */
export function taxableOfTotal(totalCents: number, rateBasisPoints: number): number {
  let taxable = divideHalfUp(totalCents * 10000, 10000 + rateBasisPoints);
  while (taxable + vatOf(taxable, rateBasisPoints) > totalCents) taxable--;
  while (taxable + vatOf(taxable, rateBasisPoints) < totalCents) taxable++;
  return taxable;
}
