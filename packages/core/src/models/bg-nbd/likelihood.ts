import { checkPositiveParams } from '../shared/validate-params.js';
import type { RfmData } from '../shared/model-types.js';
import { validateRfm } from '../shared/validate-rfm.js';
import { digammaDifference } from '../../math/special/digamma-difference.js';
import { lnPochhammer } from '../../math/special/log-pochhammer.js';
import { distinctValues } from '../shared/compress.js';
import type { CompressedRfm } from '../shared/model-types.js';

/**
 * The likelihood shared by the BG/NBD family. `d` selects the model:
 * d = 0 — BG/NBD (Fader, Hardie & Lee 2005): dropout possible after each repeat purchase;
 * d = 1 — MBG/NBD (Batislam, Denizel & Filiztekin 2007): also right after the first purchase.
 *
 * Per customer (x, tx, T), with k = r + x (FHL 2005 eq. 6 / their A₁…A₄ note; Batislam et al. eq. 5):
 *   LL = ln(r)ₓ + r ln α + ln(b)ₓ₊d − ln(a + b)ₓ₊d + ln[e^{A₃} + δ e^{A₄}],
 *   A₃ = −k ln(α + T),  A₄ = ln a − ln(b + x − 1 + d) − k ln(α + tx),  δ = 1 if x > 0 or d = 1,
 * where (·)ₙ is the rising factorial (ln B(a, b + x + d) − ln B(a, b) = ln(b)ₓ₊d − ln(a + b)ₓ₊d).
 * Internal module: the public API is in bg-nbd/ and mbg-nbd/ (their index.ts).
 */
export type BgVariant = 0 | 1;

/** Compressed data plus its distinct frequencies, for the fast weighted likelihood. */
export interface BgPrepared {
  c: CompressedRfm;
  d: BgVariant;
  /** Distinct x values and their summed weights. */
  ux: Float64Array;
  uw: Float64Array;
  /** Pattern → index into ux. */
  xi: Int32Array;
  /** Scratch per distinct x: b + x − 1 + d and its log. */
  bx: Float64Array;
  lnbx: Float64Array;
  /** Distinct T and tx values (pattern → index), with scratch for ln(α + ·) and 1/(α + ·). */
  uT: Float64Array;
  iT: Int32Array;
  lnT: Float64Array;
  invT: Float64Array;
  utx: Float64Array;
  itx: Int32Array;
  lntx: Float64Array;
  invtx: Float64Array;
}

/**
 * Group the compressed patterns by x (terms depending on x alone are then evaluated once per x) and
 * index their distinct T and tx (ln(α + T), ln(α + tx) are then computed once per distinct value:
 * summaries in days have few distinct ages).
 */
export function prepareBg(c: CompressedRfm, d: BgVariant): BgPrepared {
  const dv = distinctValues(c.x, c.weights);
  const dT = distinctValues(c.T),
    dtx = distinctValues(c.tx);
  const m = dv.values.length,
    mT = dT.values.length,
    mtx = dtx.values.length;
  return {
    c,
    d,
    ux: dv.values,
    uw: dv.weights,
    xi: dv.index,
    bx: new Float64Array(m),
    lnbx: new Float64Array(m),
    uT: dT.values,
    iT: dT.index,
    lnT: new Float64Array(mT),
    invT: new Float64Array(mT),
    utx: dtx.values,
    itx: dtx.index,
    lntx: new Float64Array(mtx),
    invtx: new Float64Array(mtx),
  };
}

/**
 * Weighted −LL at log-parameters θ = (ln r, ln α, ln a, ln b); when `grad` is given, writes
 * ∂(−LL)/∂θ into it (analytic: digamma differences for the x-only terms, softmax weights of A₃/A₄).
 * Returns +Infinity/NaN only if the parameters overflow; never throws.
 */
export function bgNegLogLik(p: BgPrepared, theta: Float64Array, grad?: Float64Array): number {
  const r = Math.exp(theta[0]),
    alpha = Math.exp(theta[1]),
    a = Math.exp(theta[2]),
    b = Math.exp(theta[3]);
  const lnAlpha = theta[1],
    lnA = theta[2];
  const { ux, uw, xi, bx, lnbx, d } = p;
  const { x: X, tx: TX, T: TT, weights: W, totalWeight } = p.c;
  const wantGrad = grad !== undefined;
  let ll = totalWeight * r * lnAlpha;
  let gr = totalWeight * lnAlpha,
    gal = (totalWeight * r) / alpha,
    ga = 0,
    gb = 0;
  const ab = a + b;
  for (let u = 0; u < ux.length; u++) {
    const x = ux[u],
      w = uw[u];
    ll += w * (lnPochhammer(r, x) + lnPochhammer(b, x + d) - lnPochhammer(ab, x + d));
    const v = b + x - 1 + d;
    bx[u] = v;
    lnbx[u] = Math.log(v);
    if (wantGrad) {
      const dab = digammaDifference(ab, x + d);
      gr += w * digammaDifference(r, x);
      ga -= w * dab;
      gb += w * (digammaDifference(b, x + d) - dab);
    }
  }
  const { uT, iT, lnT, invT, utx, itx, lntx, invtx } = p;
  for (let u = 0; u < uT.length; u++) {
    lnT[u] = Math.log(alpha + uT[u]);
    invT[u] = 1 / (alpha + uT[u]);
  }
  for (let u = 0; u < utx.length; u++) {
    lntx[u] = Math.log(alpha + utx[u]);
    invtx[u] = 1 / (alpha + utx[u]);
  }
  for (let i = 0; i < X.length; i++) {
    const x = X[i],
      w = W[i];
    const k = r + x;
    const jT = iT[i];
    const lT = lnT[jT];
    const A3 = -k * lT;
    if (x > 0 || d === 1) {
      const u = xi[i],
        jt = itx[i];
      const lt = lntx[jt];
      const A4 = lnA - lnbx[u] - k * lt;
      const e = Math.exp(-Math.abs(A3 - A4));
      ll += w * ((A3 > A4 ? A3 : A4) + Math.log1p(e));
      if (wantGrad) {
        const w4 = A4 > A3 ? 1 / (1 + e) : e / (1 + e);
        const w3 = 1 - w4;
        gr -= w * (w3 * lT + w4 * lt);
        gal -= w * k * (w3 * invT[jT] + w4 * invtx[jt]);
        ga += (w * w4) / a;
        gb -= (w * w4) / bx[u];
      }
    } else {
      ll += w * A3;
      if (wantGrad) {
        gr -= w * lT;
        gal -= w * k * invT[jT];
      }
    }
  }
  if (wantGrad) {
    grad[0] = -gr * r;
    grad[1] = -gal * alpha;
    grad[2] = -ga * a;
    grad[3] = -gb * b;
  }
  return -ll;
}

/** LL of one customer (unweighted), natural parameters. NaN for invalid parameters. */
export function bgLogLikRow(r: number, alpha: number, a: number, b: number, d: BgVariant, x: number, tx: number, T: number): number {
  const k = r + x;
  const base = lnPochhammer(r, x) + r * Math.log(alpha) + lnPochhammer(b, x + d) - lnPochhammer(a + b, x + d);
  const A3 = -k * Math.log(alpha + T);
  if (x === 0 && d === 0) return base + A3;
  const A4 = Math.log(a) - Math.log(b + x - 1 + d) - k * Math.log(alpha + tx);
  return base + (A3 > A4 ? A3 : A4) + Math.log1p(Math.exp(-Math.abs(A3 - A4)));
}

/** Parameter names of the BG/NBD family, in the order of the log-parameter vector. */
export const BG_PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const;
/** A BG/NBD or MBG/NBD parameter name. */
export type BgNbdParamName = (typeof BG_PARAM_NAMES)[number];

/*
 * BG/NBD — Fader, Hardie & Lee (2005), "'Counting your customers' the easy way: an alternative to the
 * Pareto/NBD model", Marketing Science 24(2). While alive a customer buys at Poisson rate λ ~ Gamma(r, α);
 * after each repeat purchase she drops out with probability p ~ Beta(a, b).
 *
 * Time unit: every time (tx, T, horizon t) is in the unit of the summary (days or weeks), and α is
 * per that unit. All functions are pure; the kernels above are shared with MBG/NBD.
 */

/** BG/NBD parameters: r, α (shape and rate of the purchase-rate gamma), a, b (dropout-probability beta). */
export type BgNbdParams = Record<BgNbdParamName, number>;

/** The model's name in fits, errors and the registry. */
export const BG_NBD_MODEL = 'bg-nbd';

/**
 * BG/NBD log-likelihood per customer and in total (FHL 2005, eq. 6).
 *
 * @param params - r, α, a, b (> 0)
 * @param data - x, tx, T in one time unit (optional weights: each row stands for that many customers)
 * @param out - optional array (length n) to receive the per-row LL (unweighted, for one customer)
 * @returns per-row LL and the weighted total Σ wᵢ LLᵢ
 * @throws {InputError} invalid parameters or data (see validateRfm)
 * @example
 * bgNbdLogLikelihood({ r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, cdnowSample).total; // => −9582.43 (FHL 2005)
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RfmData, out?: Float64Array): { total: number; perCustomer: Float64Array } {
  checkPositiveParams(params, 'bgNbdLogLikelihood', BG_PARAM_NAMES);
  validateRfm(data, 'bgNbdLogLikelihood');
  const { r, alpha, a, b } = params;
  const n = data.x.length;
  const res = out ?? new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = bgLogLikRow(r, alpha, a, b, 0, data.x[i], data.tx[i], data.T[i]);
    res[i] = v;
    total += (data.weights ? data.weights[i] : 1) * v;
  }
  return { total, perCustomer: res };
}
