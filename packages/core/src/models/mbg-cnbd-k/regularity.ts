import { InputError } from '../../errors.js';

/** Result of {@link wheatMorrisonRegularity}. */
export interface Regularity {
  /** Estimated Erlang order k (1 = Poisson-like timing; ≥ 1.5 markedly regular). */
  k: number;
  /** Approximate 95% interval of k (delta method on the variance of M). */
  ci95: [number, number];
  /** Customers with at least two inter-purchase times (the sample). */
  customers: number;
  /** Plain-words verdict for users. */
  verdict: 'poisson' | 'regular' | 'irregular' | 'too_few';
  message: string;
}

/**
 * Purchase-timing regularity by Wheat & Morrison (1990, "Estimating purchase regularity with two
 * interpurchase times", JMR 27(1)): with two consecutive inter-purchase times of a customer,
 * M = ITT₁/(ITT₁ + ITT₂) is Beta(k, k) when the times are Gamma(k, λ) with any customer-specific λ, so
 * Var(M) = 1/(4(2k + 1)) and k̂ = (1 − 4·Var̂(M))/(8·Var̂(M)) (as BTYDplus' `estimateRegularity`, method
 * "wheat", which uses each customer's last two). Poisson purchasing (what BG/NBD, MBG/NBD and
 * Pareto/NBD assume) has k = 1; k clearly above 1 means customers buy more regularly (BG/NBD-family
 * forecasts are then biased; prefer MBG/CNBD-k), below 1 more clumped.
 *
 * ## Method
 * Var̂(M) is the sample variance; its standard error from the fourth central moment,
 * SE² ≈ (m₄ − s⁴)/n, maps to k by the delta method, dk/dv = −1/(8v²). The M values are summed in
 * ascending order, so the pairs may come in any order (a parallel query's) with the same result.
 *
 * @param itt1 - second-to-last inter-purchase time per customer (> 0; customers with fewer than two ITTs excluded)
 * @param itt2 - last inter-purchase time per customer
 * @returns k̂, its interval, the sample size and a verdict
 * @throws {InputError} `itt_length` when the arrays differ in length
 * @example
 * wheatMorrisonRegularity(itt1, itt2).k; // => ≈1.9 on the grocery data (BTYDplus: "close to 2")
 */
export function wheatMorrisonRegularity(itt1: Float64Array, itt2: Float64Array): Regularity {
  if (itt1.length !== itt2.length)
    throw new InputError(
      'itt_length',
      `wheatMorrisonRegularity: ${itt1.length} first and ${itt2.length} second inter-purchase times; need one pair per customer.`,
      {},
    );
  const kept: number[] = [];
  for (let i = 0; i < itt1.length; i++) {
    const a = itt1[i]!,
      b = itt2[i]!;
    if (a > 0 && b > 0 && Number.isFinite(a + b)) kept.push(a / (a + b));
  }
  // summed in ascending order, so the result does not depend on the order the customers came in (issue 18)
  const m = Float64Array.from(kept).sort();
  const n = m.length;
  if (n < 30) {
    return {
      k: NaN,
      ci95: [NaN, NaN],
      customers: n,
      verdict: 'too_few',
      message: `Only ${n} customers have two or more repeat purchases (need 30) to tell whether purchases are more regular than Poisson.`,
    };
  }
  const mean = m.reduce((s, v) => s + v, 0) / n;
  let m2 = 0,
    m4 = 0;
  for (const v of m) {
    const d = v - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  const v = m2 / (n - 1);
  m4 /= n;
  const k = (1 - 4 * v) / (8 * v);
  const seK = Math.sqrt(Math.max(0, m4 - v * v) / n) / (8 * v * v);
  const ci95: [number, number] = [k - 1.96 * seK, k + 1.96 * seK];
  const verdict = ci95[0] > 1.2 ? 'regular' : ci95[1] < 0.8 ? 'irregular' : 'poisson';
  const message =
    verdict === 'regular'
      ? `Customers buy more regularly than Poisson (Wheat–Morrison k ≈ ${k.toFixed(2)}, 95% ${ci95[0].toFixed(2)}–${ci95[1].toFixed(2)}, ${n.toLocaleString('en-US')} customers): BG/NBD, MBG/NBD and Pareto/NBD assume random (k = 1) timing and will misjudge who is still active; MBG/CNBD-k models the regularity.`
      : verdict === 'irregular'
        ? `Purchases come in bursts (Wheat–Morrison k ≈ ${k.toFixed(2)} < 1, ${n.toLocaleString('en-US')} customers): less regular than Poisson; check for duplicate orders or split shipments.`
        : `Purchase timing is consistent with Poisson (Wheat–Morrison k ≈ ${k.toFixed(2)}, 95% ${ci95[0].toFixed(2)}–${ci95[1].toFixed(2)}): the BG/NBD family's timing assumption holds.`;
  return { k, ci95, customers: n, verdict, message };
}
