// Amounts as the shop's policy and the platforms write them: yuan strings with up to two decimals.
// Sums and comparisons go through whole cents, so 0.1 + 0.2 never shows up on a buyer's coupon.

export function cents(amount: string): number {
  return Math.round(Number(amount) * 100);
}

/** A share of `total` (percent), kept within a floor and a ceiling when they are set; two decimals. */
export function shareOf(total: string, rule: { percent: number; min?: string; max?: string }): string {
  const share = Math.round((cents(total) * rule.percent) / 100);
  const floor = rule.min === undefined ? 0 : cents(rule.min);
  const ceiling = rule.max === undefined ? Infinity : cents(rule.max);
  return formatCents(Math.min(ceiling, Math.max(floor, share)));
}

/** Cents as the shop writes an amount: "109.00", "-5.50". */
export function formatCents(value: number): string {
  const sign = value < 0 ? '-' : '';
  return `${sign}${(Math.abs(value) / 100).toFixed(2)}`;
}
