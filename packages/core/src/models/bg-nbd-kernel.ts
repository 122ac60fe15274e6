import { digammaDifference } from '../math/special/digamma-difference.js';
import { lnPochhammer } from '../math/special/log-pochhammer.js';
import { InputError } from '../errors.js';
import { compressRfm, distinctValues } from './compress.js';
import { fitMle } from './fit-mle.js';
import type { CompressedRfm, FitOptions, FitResult, RfmData } from './model-types.js';
import { validateRfm } from './validate-rfm.js';

/**
 * The likelihood shared by the BG/NBD family. `d` selects the model:
 * d = 0 — BG/NBD (Fader, Hardie & Lee 2005): dropout possible after each repeat purchase;
 * d = 1 — MBG/NBD (Batislam, Denizel & Filiztekin 2007): also right after the first purchase.
 *
 * Per customer (x, tx, T), with k = r + x (FHL 2005 eq. 6 / their A₁…A₄ note; Batislam et al. eq. 5):
 *   LL = ln(r)ₓ + r ln α + ln(b)ₓ₊d − ln(a + b)ₓ₊d + ln[e^{A₃} + δ e^{A₄}],
 *   A₃ = −k ln(α + T),  A₄ = ln a − ln(b + x − 1 + d) − k ln(α + tx),  δ = 1 if x > 0 or d = 1,
 * where (·)ₙ is the rising factorial (ln B(a, b + x + d) − ln B(a, b) = ln(b)ₓ₊d − ln(a + b)ₓ₊d).
 * Internal module: the public API is in bg-nbd.ts and mbg-nbd.ts.
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

/**
 * Fit a BG/NBD-family model (d = 0 BG/NBD, d = 1 MBG/NBD) with {@link fitMle}: validate, compress to
 * distinct (x, tx, T), group by x, then BFGS on the analytic gradient from 2 deterministic starts
 * (r/α matched to the mean purchase rate Σx/ΣT), plus the user's start first when given.
 */
export function fitBgFamily(
  data: RfmData,
  options: FitOptions<BgNbdParamName>,
  d: BgVariant,
  model: string,
  fn: string,
): FitResult<BgNbdParamName> {
  const { customers, repeaters } = validateRfm(data, fn);
  if (!(repeaters > 0)) {
    throw new InputError(
      'no_repeat_purchases',
      `${fn} needs at least one customer with a repeat purchase; got 0 of ${customers.toLocaleString('en-US')}. ` +
        'Check the customer id column (every row a new customer?) and that x counts repeat transactions.',
      { customers, repeaters },
    );
  }
  const c = compressRfm(data);
  const prep = prepareBg(c, d);
  let sx = 0,
    sT = 0;
  for (let i = 0; i < c.size; i++) {
    sx += c.weights[i] * c.x[i];
    sT += c.weights[i] * c.T[i];
  }
  const rate = sx / sT;
  const starts: Float64Array[] = [];
  const s = options.start;
  if (s) {
    starts.push(Float64Array.of(Math.log(s.r ?? 1), Math.log(s.alpha ?? (s.r ?? 1) / rate), Math.log(s.a ?? 1), Math.log(s.b ?? 1)));
  }
  starts.push(Float64Array.of(0, Math.log(1 / rate), 0, 0));
  starts.push(Float64Array.of(Math.log(0.5), Math.log(0.5 / rate), Math.log(0.5), Math.log(2)));
  return fitMle<BgNbdParamName>(
    {
      model,
      paramNames: BG_PARAM_NAMES,
      nObs: c.totalWeight,
      starts,
      negLogLik: (t) => bgNegLogLik(prep, t),
      gradient: (t, out) => bgNegLogLik(prep, t, out),
    },
    options,
  );
}

/** Parameter names of the BG/NBD family, in the order of the log-parameter vector. */
export const BG_PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const;
/** A BG/NBD or MBG/NBD parameter name. */
export type BgNbdParamName = (typeof BG_PARAM_NAMES)[number];
