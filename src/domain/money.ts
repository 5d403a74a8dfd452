// Money is integer cents; rates are basis points (2200 = 22%). Rounding is half-up.

/** round(numerator / denominator), halves away from zero, for non-negative integers. */
export function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export function vatOf(taxableCents: number, rateBasisPoints: number): number {
  return divideHalfUp(taxableCents * rateBasisPoints, 10000);
}
