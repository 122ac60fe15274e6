import { InputError } from '../../errors.js';
import { betaln } from '../../math/special/betaln.js';
import { digamma } from '../../math/special/digamma.js';

/** BG/BB parameter names, in the order of the fit's parameter vector. */
export const BG_BB_PARAMS = ['alpha', 'beta', 'gamma', 'delta'] as const;

/** A BG/BB parameter name. */
export type BgBbParam = (typeof BG_BB_PARAMS)[number];

/**
 * BG/BB parameters (Fader, Hardie & Shang 2010): transaction probability p ~ Beta(α, β) and
 * per-opportunity dropout probability θ ~ Beta(γ, δ).
 */
export type BgBbParams = Record<BgBbParam, number>;

/**
 * Discrete-time recency/frequency data: each row is a customer (or a pattern with a weight) who had
 * n transaction opportunities after the first, transacted at x of them, the last at opportunity tx.
 */
export interface BgBbData {
  /** Repeat transactions (frequency), integer 0 ≤ x ≤ tx. */
  x: Float64Array;
  /** Opportunity of the last repeat transaction (recency), integer; 0 when x = 0; x ≤ tx ≤ n. */
  tx: Float64Array;
  /** Number of transaction opportunities observed, integer ≥ 1. */
  n: Float64Array;
  /** Optional customers per row (default 1). */
  weights?: Float64Array;
}

/**
 * Check BG/BB data at the API boundary.
 *
 * @param data - x, tx, n, optional weights
 * @param fn - calling function, for the message
 * @returns total weight
 * @throws {InputError} `bgbb_length_mismatch`, `bgbb_empty` or `bgbb_invalid_row` (first bad row named)
 */
export function validateBgBb(data: BgBbData, fn: string): number {
  const len = data.x.length;
  if (data.tx.length !== len || data.n.length !== len || (data.weights !== undefined && data.weights.length !== len)) {
    throw new InputError(
      'bgbb_length_mismatch',
      `${fn}: x, tx, n (and weights) must have equal lengths; got ${len}, ${data.tx.length}, ${data.n.length}${data.weights ? `, ${data.weights.length}` : ''}.`,
      { fn },
    );
  }
  if (len === 0) throw new InputError('bgbb_empty', `${fn}: needs at least one customer; got an empty table.`, { fn });
  let total = 0;
  for (let i = 0; i < len; i++) {
    const x = data.x[i],
      tx = data.tx[i],
      n = data.n[i],
      w = data.weights ? data.weights[i] : 1;
    const ok =
      Number.isInteger(x) &&
      Number.isInteger(tx) &&
      Number.isInteger(n) &&
      x >= 0 &&
      tx >= x &&
      n >= tx &&
      n >= 1 &&
      (x > 0 || tx === 0) &&
      w >= 0 &&
      w < Infinity;
    if (!ok) {
      throw new InputError(
        'bgbb_invalid_row',
        `${fn}: row ${i} has x ${x}, tx ${tx}, n ${n}, weight ${w}; need integers with 0 ≤ x ≤ tx ≤ n, n ≥ 1, tx = 0 when x = 0, and a finite weight ≥ 0.`,
        { fn, row: i, x, tx, n, weight: w },
      );
    }
    total += w;
  }
  return total;
}

let vals = new Float64Array(64);
let grads = new Float64Array(256);

/**
 * ln L of one (x, tx, n) pattern, FHS 2010 eq. 5, without the −ln B(α,β) − ln B(γ,δ) shared by every
 * term; the log-sum-exp over the n − tx + 1 terms; gradient w.r.t. (α, β, γ, δ) into g if given.
 */
function patternLogLik(p: BgBbParams, x: number, tx: number, n: number, g: Float64Array | null): number {
  const { alpha: a, beta: b, gamma: c, delta: d } = p;
  const k = n - tx; // number of "died between tx and n" terms
  if (vals.length < k + 1) {
    vals = new Float64Array(2 * (k + 1));
    grads = new Float64Array(8 * (k + 1));
  }
  // alive throughout: B(α+x, β+n−x) B(γ, δ+n)
  vals[0] = betaln(a + x, b + n - x) + betaln(c, d + n);
  const want = g !== null;
  if (want) {
    const pab = digamma(a + b + n);
    const pcd = digamma(c + d + n);
    grads[0] = digamma(a + x) - pab;
    grads[1] = digamma(b + n - x) - pab;
    grads[2] = digamma(c) - pcd;
    grads[3] = digamma(d + n) - pcd;
  }
  if (k > 0) {
    // i = 0 term: B(α+x, β+tx−x) B(γ+1, δ+tx); then ratios for i → i+1
    let v = betaln(a + x, b + tx - x) + betaln(c + 1, d + tx);
    let g0 = 0,
      g1 = 0,
      g2 = 0,
      g3 = 0;
    if (want) {
      const pab = digamma(a + b + tx);
      const pcd = digamma(c + d + 1 + tx);
      g0 = digamma(a + x) - pab;
      g1 = digamma(b + tx - x) - pab;
      g2 = digamma(c + 1) - pcd;
      g3 = digamma(d + tx) - pcd;
    }
    for (let i = 0; i < k; i++) {
      vals[i + 1] = v;
      if (want) {
        const o = 4 * (i + 1);
        grads[o] = g0;
        grads[o + 1] = g1;
        grads[o + 2] = g2;
        grads[o + 3] = g3;
      }
      const u1 = b + tx - x + i,
        u2 = a + b + tx + i,
        u3 = d + tx + i,
        u4 = c + d + 1 + tx + i;
      v += Math.log(u1 / u2) + Math.log(u3 / u4);
      if (want) {
        g0 -= 1 / u2;
        g1 += 1 / u1 - 1 / u2;
        g2 -= 1 / u4;
        g3 += 1 / u3 - 1 / u4;
      }
    }
  }
  let m = -Infinity;
  for (let i = 0; i <= k; i++) if (vals[i] > m) m = vals[i];
  let s = 0,
    s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  for (let i = 0; i <= k; i++) {
    const e = Math.exp(vals[i] - m);
    s += e;
    if (want) {
      s0 += e * grads[4 * i];
      s1 += e * grads[4 * i + 1];
      s2 += e * grads[4 * i + 2];
      s3 += e * grads[4 * i + 3];
    }
  }
  if (g !== null) {
    g[0] = s0 / s;
    g[1] = s1 / s;
    g[2] = s2 / s;
    g[3] = s3 / s;
  }
  return m + Math.log(s);
}

const gp = new Float64Array(4);

/**
 * Weighted BG/BB log-likelihood over (x, tₓ, n) rows, with its gradient in natural parameters into
 * `g` when given (internal to the model folder: {@link bgBbLogLikelihood} is the checked entry).
 */
export function bgBbLogLikRows(
  p: BgBbParams,
  x: Float64Array,
  tx: Float64Array,
  n: Float64Array,
  w: Float64Array | undefined,
  grad: Float64Array | null,
): number {
  const { alpha: a, beta: b, gamma: c, delta: d } = p;
  if (!(a > 0 && b > 0 && c > 0 && d > 0)) return NaN;
  let ll = 0,
    wsum = 0,
    g0 = 0,
    g1 = 0,
    g2 = 0,
    g3 = 0;
  for (let i = 0; i < x.length; i++) {
    const wi = w ? w[i] : 1;
    if (wi === 0) continue;
    ll += wi * patternLogLik(p, x[i], tx[i], n[i], grad === null ? null : gp);
    wsum += wi;
    if (grad !== null) {
      g0 += wi * gp[0];
      g1 += wi * gp[1];
      g2 += wi * gp[2];
      g3 += wi * gp[3];
    }
  }
  ll -= wsum * (betaln(a, b) + betaln(c, d));
  if (grad !== null) {
    const pab = digamma(a + b),
      pcd = digamma(c + d);
    grad[0] = g0 - wsum * (digamma(a) - pab);
    grad[1] = g1 - wsum * (digamma(b) - pab);
    grad[2] = g2 - wsum * (digamma(c) - pcd);
    grad[3] = g3 - wsum * (digamma(d) - pcd);
  }
  return ll;
}

/**
 * BG/BB log-likelihood of discrete recency/frequency data, summed over customers (weighted).
 *
 * Fader, Hardie & Shang (2010), "Customer-base analysis in a discrete-time noncontractual setting",
 * Marketing Science 29(6), eq. 5:
 * L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ) + Σᵢ₌₀^{n−tx−1} B(α+x, β+tx−x+i)/B(α,β) · B(γ+1, δ+tx+i)/B(γ,δ),
 * summed by log-sum-exp; successive terms by their exact ratios. Time: n, tx count opportunities.
 *
 * @param params - α, β, γ, δ (all > 0)
 * @param data - x, tx, n, optional weights
 * @returns LL; NaN for non-positive parameters
 * @throws {InputError} on malformed data (see {@link validateBgBb})
 * @example
 * bgBbLogLikelihood({ alpha: 1.2035, beta: 0.7497, gamma: 0.6567, delta: 2.7834 }, donations); // => −33225.58
 */
export function bgBbLogLikelihood(params: BgBbParams, data: BgBbData): number {
  validateBgBb(data, 'bgBbLogLikelihood');
  return bgBbLogLikRows(params, data.x, data.tx, data.n, data.weights, null);
}

/**
 * BG/BB log-likelihood and its analytic gradient w.r.t. (α, β, γ, δ) (digamma differences of the
 * beta functions, weighted by each term's share of the likelihood). Reference as {@link bgBbLogLikelihood}.
 *
 * @param params - α, β, γ, δ
 * @param data - x, tx, n, optional weights
 * @param out - receives [∂LL/∂α, ∂LL/∂β, ∂LL/∂γ, ∂LL/∂δ]
 * @returns LL
 * @throws {InputError} on malformed data
 * @example
 * const g = new Float64Array(4); bgBbLogLikelihoodGradient(mle, donations, g); // g ≈ 0 at the MLE
 */
export function bgBbLogLikelihoodGradient(params: BgBbParams, data: BgBbData, out: Float64Array): number {
  validateBgBb(data, 'bgBbLogLikelihoodGradient');
  return bgBbLogLikRows(params, data.x, data.tx, data.n, data.weights, out);
}

/** ln of one pattern's likelihood (with the B(α,β)B(γ,δ) normaliser), for the predictions. */
export function bgBbPatternLogLik(params: BgBbParams, x: number, tx: number, n: number): number {
  return patternLogLik(params, x, tx, n, null) - betaln(params.alpha, params.beta) - betaln(params.gamma, params.delta);
}
