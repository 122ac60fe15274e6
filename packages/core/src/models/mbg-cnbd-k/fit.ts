import { InputError } from '../../errors.js';
import { compressRfm, distinctValues } from '../shared/compress.js';
import { fitMle } from '../shared/fit-mle.js';
import type { CompressedRfm, FitMleOptions, FitResult, RfmData } from '../shared/model-types.js';
import { validateRfm } from '../shared/validate-rfm.js';
import { gammaln } from '../../math/special/gammaln.js';
import { mbgCnbdKLogLikGradAt, mbgCnbdKXTerms, X_TERMS } from './gradient.js';
import { MBG_CNBD_K_PARAMS, mbgCnbdKLogLikRowAt, type MbgCnbdKParamName, type MbgCnbdKParams } from './likelihood.js';

/** Input of the MBG/CNBD-k fit: the recency/frequency summary plus Σ ln(inter-purchase time) per customer. */
export interface RegularRfmData extends RfmData {
  /** Σ of ln(inter-purchase times) over the calibration period (0 when x = 0), in the time unit of T. */
  litt: Float64Array;
}

/** A fit of MBG/CNBD-k: the fit at the chosen k (parameters r, α, a, b; `k` in `diagnostics.k`) and the LL per k tried. */
export interface MbgCnbdKFit {
  k: number;
  fit: FitResult<MbgCnbdKParamName>;
  /** Full log-likelihood (with the regularity term) for each k tried, index k − 1. */
  logLikelihoodByK: number[];
}

/**
 * Fit MBG/CNBD-k (Reutterer, Platzer & Schröder 2021, "Leveraging purchase regularity for predicting
 * customer behavior the easy way", IJRM 38(1); Platzer & Reutterer 2016): while alive, inter-purchase
 * times are Erlang-k with rate λ (mean k/λ), λ ~ Gamma(r, α); after each purchase, and right after the
 * first, the customer drops out with probability p ~ Beta(a, b). k = 1 is MBG/NBD (Poisson timing).
 *
 * ## Method
 * For each k (1, 2, … up to `maxK`, stopping when the LL has fallen twice in a row, as BTYDplus'
 * grid search does) r, α, a, b are fitted by BFGS in logs ({@link fitMle}, analytic gradient:
 * {@link mbgCnbdKLogLikGrad})
 * on the compressed (x, tₓ, T) patterns: the regularity term (k − 1)·litt − x·ln (k − 1)! does not depend
 * on them, so it is added to the LL afterwards, which makes LLs comparable across k. The k with the
 * highest LL wins (BIC counts k as a fifth parameter). Starts: r 1, α 3, a 1, b 3 (BTYDplus' start)
 * and the previous k's optimum; at the chosen k the final pass (with standard errors) runs from its
 * optimum and from both default starts, and warns when they disagree.
 *
 * @param data - x, tx, T (weeks or days) and litt (Σ ln ITT, same unit); optional weights
 * @param options - fit options; `k` fixes the order, `maxK` caps the search (default 12)
 * @returns the fit at the best k and the LL of every k tried
 * @throws {InputError} invalid data, `no_repeat_purchases`, `invalid_litt`
 * @throws {ConvergenceError} when the optimiser fails at every k
 * @example
 * fitMbgCnbdK(groceryCalibration).k; // => 2 (BTYDplus demo "mbg-cnbd-k": regularity detected, k = 2)
 */
export function fitMbgCnbdK(data: RegularRfmData, options: FitMleOptions & { k?: number; maxK?: number } = {}): MbgCnbdKFit {
  const { customers, repeaters } = validateRfm(data, 'fitMbgCnbdK');
  if (repeaters === 0)
    throw new InputError(
      'no_repeat_purchases',
      `fitMbgCnbdK needs at least one customer with a repeat purchase; got 0 of ${customers.toLocaleString('en-US')}.`,
      { customers },
    );
  if (data.litt.length !== data.x.length || data.litt.some((v) => !Number.isFinite(v))) {
    throw new InputError(
      'invalid_litt',
      'fitMbgCnbdK: litt (sum of log inter-purchase times) must be finite, one value per customer. Compute it from the purchase days (distinct days, time unit of T).',
      { length: data.litt.length },
    );
  }
  const c = compressRfm(data);
  let sumLitt = 0,
    sumX = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.weights ? data.weights[i]! : 1;
    sumLitt += w * data.litt[i]!;
    sumX += w * data.x[i]!;
  }
  const ks = options.k !== undefined ? [options.k] : Array.from({ length: options.maxK ?? 12 }, (_, i) => i + 1);
  const lls: number[] = [];
  let best: { k: number; fit: FitResult<MbgCnbdKParamName>; ll: number } | null = null;
  let prev: Float64Array | null = null;
  for (const k of ks) {
    const { negLogLik, gradient } = mbgCnbdKObjective(c, k);
    const starts = [defaultStarts()[0]!];
    if (prev) starts.unshift(Float64Array.from(prev));
    let fit: FitResult<MbgCnbdKParamName>;
    try {
      fit = fitMle<MbgCnbdKParamName>(
        { model: 'mbg-cnbd-k', paramNames: MBG_CNBD_K_PARAMS, nObs: c.totalWeight, starts, negLogLik, gradient },
        { ...options, standardErrors: false },
      );
    } catch (e) {
      if (best === null && k === ks[ks.length - 1]) throw e;
      break; // as BTYDplus: stop the search when a k cannot be fitted
    }
    const extra = (k - 1) * sumLitt - sumX * gammaln(k);
    const ll = fit.logLikelihood + extra;
    lls.push(ll);
    prev = Float64Array.from(MBG_CNBD_K_PARAMS, (p) => Math.log(fit.params[p]!));
    if (best === null || ll > best.ll) best = { k, fit, ll };
    const n = lls.length;
    if (n > 2 && lls[n - 1]! < lls[n - 2]! && lls[n - 2]! < lls[n - 3]!) break;
  }
  const { k, ll } = best!;
  // standard errors only for the chosen k: one more BFGS pass from its optimum and from the default
  // starts, so that fitMle compares them and warns when they end at other optima or along a ridge
  const at = Float64Array.from(MBG_CNBD_K_PARAMS, (p) => Math.log(best!.fit.params[p]!));
  const fit =
    options.standardErrors === false
      ? best!.fit
      : fitMle<MbgCnbdKParamName>(
          {
            model: 'mbg-cnbd-k',
            paramNames: MBG_CNBD_K_PARAMS,
            nObs: c.totalWeight,
            starts: [at, ...defaultStarts()],
            ...mbgCnbdKObjective(c, k),
          },
          options,
        );
  const kp = 5;
  const out: FitResult<MbgCnbdKParamName> = {
    ...fit,
    logLikelihood: ll,
    aic: 2 * kp - 2 * ll,
    bic: kp * Math.log(c.totalWeight) - 2 * ll,
    diagnostics: { ...fit.diagnostics, k, patterns: c.size },
  };
  return { k, fit: out, logLikelihoodByK: lls };
}

/**
 * The deterministic starts of every order k, in log-parameters: BTYDplus' (r 1, α 3, a 1, b 3) and a
 * second one with slower purchases and likelier dropout (r 0.5, α 10, a 0.5, b 2).
 */
function defaultStarts(): Float64Array[] {
  return [Float64Array.of(0, Math.log(3), 0, Math.log(3)), Float64Array.of(Math.log(0.5), Math.log(10), Math.log(0.5), Math.log(2))];
}

/** −LL of the compressed patterns at order k in log-parameters, and its analytic gradient (chain rule ∂/∂ln θ = θ ∂/∂θ). */
export function mbgCnbdKObjective(
  c: CompressedRfm,
  k: number,
): { negLogLik: (t: Float64Array) => number; gradient: (t: Float64Array, out: Float64Array) => number } {
  const params = (t: Float64Array): MbgCnbdKParams => ({
    k,
    r: Math.exp(t[0]!),
    alpha: Math.exp(t[1]!),
    a: Math.exp(t[2]!),
    b: Math.exp(t[3]!),
  });
  const g = new Float64Array(4);
  // the terms in the parameters and x alone, once per distinct x (a few hundred) instead of per pattern
  const xs = distinctValues(c.x);
  const terms = new Float64Array(xs.values.length * X_TERMS);
  const at = xs.index;
  return {
    negLogLik: (t) => {
      const p = params(t);
      mbgCnbdKXTerms(p, xs.values, false, terms);
      let ll = 0;
      for (let i = 0; i < c.size; i++) {
        const o = at[i]! * X_TERMS;
        ll += c.weights[i]! * mbgCnbdKLogLikRowAt(p, c.x[i]!, c.tx[i]!, c.T[i]!, terms[o]!, terms[o + 1]!);
      }
      return Number.isFinite(ll) ? -ll : Infinity;
    },
    gradient: (t, out) => {
      const p = params(t);
      mbgCnbdKXTerms(p, xs.values, true, terms);
      g.fill(0);
      let ll = 0;
      for (let i = 0; i < c.size; i++)
        ll += c.weights[i]! * mbgCnbdKLogLikGradAt(p, c.x[i]!, c.tx[i]!, c.T[i]!, c.weights[i]!, g, terms, at[i]! * X_TERMS);
      out[0] = -g[0]! * p.r;
      out[1] = -g[1]! * p.alpha;
      out[2] = -g[2]! * p.a;
      out[3] = -g[3]! * p.b;
      return Number.isFinite(ll) ? -ll : Infinity;
    },
  };
}
