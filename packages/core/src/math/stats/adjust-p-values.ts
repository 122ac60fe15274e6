/**
 * Multiple-comparison adjustments of p-values (family-wise error rate). NaN entries stay NaN and do
 * not count towards the number of tests m. Adjusted values are capped at 1. Never throws.
 */

/**
 * Bonferroni: min(1, m·p).
 * @example
 * bonferroni([0.01, 0.04, 0.03]); // => [0.03, 0.12, 0.09]
 */
export function bonferroni(p: readonly number[]): number[] {
  const m = p.filter((v) => !Number.isNaN(v)).length;
  return p.map((v) => (Number.isNaN(v) ? NaN : Math.min(1, m * v)));
}

/**
 * Holm (1979), "A simple sequentially rejective multiple test procedure", Scandinavian Journal of
 * Statistics 6:65–70, as adjusted p-values: sort ascending p₍₁₎ ≤ … ≤ p₍ₘ₎; the i-th adjusted value
 * is max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎). Uniformly more powerful than Bonferroni, same
 * guarantee, no independence assumption.
 * @example
 * holm([0.01, 0.04, 0.03]); // => [0.03, 0.06, 0.06]
 */
export function holm(p: readonly number[]): number[] {
  const idx = p
    .map((_, i) => i)
    .filter((i) => !Number.isNaN(p[i]!))
    .sort((a, b) => p[a]! - p[b]! || a - b);
  const m = idx.length;
  const out = p.map(() => NaN);
  let running = 0;
  idx.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p[i]!));
    out[i] = running;
  });
  return out;
}
