/**
 * A naive Pareto/NBD fit, written for the benchmarks as a straightforward implementation would be:
 * the log-likelihood (Schmittlein, Morrison & Colombo 1987; Fader, Hardie & Lee 2005 note, eqs.
 * 16–18) evaluated customer by customer, both ₂F₁ tails recomputed for every customer (no compression,
 * no caching per distinct (x, t)), ln Γ per customer, and no analytic gradient (central differences).
 * The per-customer kernel is ours (`paretoNbdLogD`, a stable series), the harness and start are
 * `fitParetoNbd`'s, so a speed ratio compares the implementations, not the optimisers.
 * Benchmark-only code: never imported by `src/`.
 */
import { gammaln } from '../src/math/special/gammaln.js';
import { fitMle } from '../src/models/shared/fit-mle.js';
import type { FitMleOptions, FitResult, RfmData } from '../src/models/shared/model-types.js';
import { NAIVE_TOLERANCE } from './naive-bg-nbd.js';
import { paretoNbdLogD } from '../src/models/pareto-nbd/tail.js';
import { PARETO_NBD_PARAMS, type ParetoNbdParam } from '../src/models/pareto-nbd/likelihood.js';

/** −LL of Pareto/NBD at log-parameters θ = (ln r, ln α, ln s, ln β), one customer at a time. */
export function naiveParetoNbdNegLogLik(data: RfmData, theta: Float64Array): number {
  const r = Math.exp(theta[0]),
    alpha = Math.exp(theta[1]),
    s = Math.exp(theta[2]),
    beta = Math.exp(theta[3]);
  const { x: X, tx: TX, T: TT } = data;
  let ll = 0;
  for (let i = 0; i < X.length; i++) {
    const x = X[i];
    ll += gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + s * Math.log(beta) + paretoNbdLogD(r, alpha, s, beta, x, TX[i], TT[i], null);
  }
  return ll === ll ? -ll : Infinity;
}

/** The start `fitParetoNbd` uses: r = s = 1, α from the mean purchase rate, β the mean age (log space). */
export function paretoNbdStarts(data: RfmData): Float64Array[] {
  let sx = 0,
    sT = 0,
    sw = 0;
  for (let i = 0; i < data.x.length; i++) {
    const w = data.weights ? data.weights[i] : 1;
    sx += w * data.x[i];
    sT += w * data.T[i];
    sw += w;
  }
  return [Float64Array.of(0, Math.log(sT / sx), 0, Math.log(sT / sw))];
}

/** Fits Pareto/NBD naively (see the file comment). Same outputs as `fitParetoNbd` (SEs by default). */
export function fitParetoNbdNaive(data: RfmData, options: FitMleOptions = {}): FitResult<ParetoNbdParam> {
  return fitMle<ParetoNbdParam>(
    {
      model: 'pareto-nbd-naive',
      paramNames: PARETO_NBD_PARAMS,
      nObs: data.x.length,
      starts: paretoNbdStarts(data),
      negLogLik: (t) => naiveParetoNbdNegLogLik(data, t),
    },
    { tolerance: NAIVE_TOLERANCE, ...options },
  );
}
