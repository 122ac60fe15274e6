/**
 * A naive BG/NBD fit, written for the benchmarks as a straightforward implementation would be: the
 * log-likelihood of Fader, Hardie & Lee (2005, eq. 6) evaluated customer by customer (no compression
 * to distinct patterns, no caching of terms shared by customers, ln Γ per customer), and no analytic
 * gradient (the harness falls back to central differences). It runs through the same harness and
 * starts as `fitBgNbd`, so a speed ratio compares the implementations, not the optimisers.
 * Benchmark-only code: never imported by `src/`.
 */
import { gammaln } from '../src/math/special/gammaln.js';
import { fitMle } from '../src/models/shared/fit-mle.js';
import { BG_PARAM_NAMES, type BgNbdParamName } from '../src/models/bg-nbd/likelihood.js';
import type { FitMleOptions, FitResult, RfmData } from '../src/models/shared/model-types.js';

/**
 * −LL of BG/NBD at log-parameters θ = (ln r, ln α, ln a, ln b), one customer at a time:
 * ln Γ(r+x) − ln Γ(r) + r ln α + ln Γ(a+b) + ln Γ(b+x) − ln Γ(b) − ln Γ(a+b+x) + ln(e^A₃ + δ e^A₄).
 */
export function naiveBgNbdNegLogLik(data: RfmData, theta: Float64Array): number {
  const r = Math.exp(theta[0]),
    alpha = Math.exp(theta[1]),
    a = Math.exp(theta[2]),
    b = Math.exp(theta[3]);
  const { x: X, tx: TX, T: TT } = data;
  let ll = 0;
  for (let i = 0; i < X.length; i++) {
    const x = X[i];
    const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
    const a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);
    const a3 = -(r + x) * Math.log(alpha + TT[i]);
    let v = a1 + a2 + a3;
    if (x > 0) {
      const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + TX[i]);
      v = a1 + a2 + Math.max(a3, a4) + Math.log(1 + Math.exp(-Math.abs(a3 - a4)));
    }
    ll += v;
  }
  return ll === ll ? -ll : Infinity;
}

/**
 * Gradient tolerance of the naive fits (‖∇‖∞ ≤ τ·|LL|; the shipped fits use 1e-9). Central differences
 * of a sum over ~10⁴ customers carry rounding noise of about 1e-9·|LL| in the gradient, so at 1e-9 BFGS
 * stalls and the harness falls back to Nelder–Mead (~4× the evaluations); at 1e-8 it converges to the
 * same log-likelihood (to ~1e-8) as the analytic fit.
 */
export const NAIVE_TOLERANCE = 1e-8;

/** The starts `fitBgNbd` uses (r/α matched to the mean purchase rate Σx/ΣT), in log space. */
export function bgNbdStarts(data: RfmData): Float64Array[] {
  let sx = 0,
    sT = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.weights ? data.weights[i] : 1;
    sx += w * data.x[i];
    sT += w * data.T[i];
  }
  const rate = sx / sT;
  return [Float64Array.of(0, Math.log(1 / rate), 0, 0), Float64Array.of(Math.log(0.5), Math.log(0.5 / rate), Math.log(0.5), Math.log(2))];
}

/** Fits BG/NBD naively (see the file comment). Same outputs as `fitBgNbd` (SEs included by default). */
export function fitBgNbdNaive(data: RfmData, options: FitMleOptions = {}): FitResult<BgNbdParamName> {
  return fitMle<BgNbdParamName>(
    {
      model: 'bg-nbd-naive',
      paramNames: BG_PARAM_NAMES,
      nObs: data.x.length,
      starts: bgNbdStarts(data),
      negLogLik: (t) => naiveBgNbdNegLogLik(data, t),
    },
    { tolerance: NAIVE_TOLERANCE, ...options },
  );
}
