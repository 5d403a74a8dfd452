// Money is integer cents; rates are basis points (2200 = 22%). Rounding is half-up; an amount a
// buyer types is read here too.

/** round(numerator / denominator), halves away from zero, for non-negative integers. */
export function divideHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export function vatOf(taxableCents: number, rateBasisPoints: number): number {
  return divideHalfUp(taxableCents * rateBasisPoints, 10000);
}

/** `15,86` or `15.86` → 1586; `undefined` when it is not an amount. */
export function parseAmount(text: string): number | undefined {
  // Grouped thousands only with the other separator for the decimals (`1.000,50`, `1,000.50`):
  // `1.000` or `15,867` alone could be read two ways, so they stay unreadable.
  const grouped = /^\s*(\d{1,3}(?:([.,])\d{3})+)([.,])(\d{1,2})\s*$/.exec(text);
  if (grouped && grouped[2] !== grouped[3])
    text = grouped[1]!.replace(/[.,]/g, '') + '.' + grouped[4];
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : undefined;
}
