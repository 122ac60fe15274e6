/**
 * Variants of the model fits for the benchmarks: the same harness (`fitMle`), starts and likelihood
 * as the shipped fits, with one ingredient switched off — compression to distinct patterns (every
 * customer its own pattern) or the analytic gradient (central differences) — and a count of
 * objective calls. Benchmark-only code.
 */
import { bgNegLogLik, prepareBg, BG_PARAM_NAMES } from '../src/models/bg-nbd/likelihood.js';
import { fitMle } from '../src/models/shared/fit-mle.js';
import type { CompressedRfm, FitMleOptions, FitResult, FitSpec, RfmData } from '../src/models/shared/model-types.js';
import { paretoNbdLogLikelihood, paretoNbdLogLikelihoodGradient, PARETO_NBD_PARAMS } from '../src/models/pareto-nbd/likelihood.js';
import { timeRuns, type Runs } from './bench-timing.js';
import { paretoNbdStarts } from './naive-pareto-nbd.js';

/** Every customer as its own pattern (weight 1): the data a fit without compression works on. */
export function uncompressed(d: RfmData): CompressedRfm {
  const n = d.x.length;
  return {
    x: d.x,
    tx: d.tx,
    T: d.T,
    weights: new Float64Array(n).fill(1),
    size: n,
    totalWeight: n,
    rowPattern: Int32Array.from({ length: n }, (_, i) => i),
  };
}

/** A fitMle spec whose objective counts its calls. */
function counted<P extends string>(spec: FitSpec<P>, counter: { n: number }): FitSpec<P> {
  const gradient = spec.gradient;
  return {
    ...spec,
    negLogLik: (t) => {
      counter.n++;
      return spec.negLogLik(t);
    },
    ...(gradient
      ? {
          gradient: (t: Float64Array, out: Float64Array) => {
            counter.n++;
            return gradient(t, out);
          },
        }
      : {}),
  };
}

/** BG/NBD through the same harness as `fitBgNbd`, on compressed or uncompressed patterns, with or without the analytic gradient. */
export function bgSpec(c: CompressedRfm, starts: Float64Array[], analytic: boolean): FitSpec<(typeof BG_PARAM_NAMES)[number]> {
  const prep = prepareBg(c, 0);
  return {
    model: 'bg-nbd',
    paramNames: BG_PARAM_NAMES,
    nObs: c.totalWeight,
    starts,
    negLogLik: (t) => bgNegLogLik(prep, t),
    ...(analytic ? { gradient: (t: Float64Array, out: Float64Array) => bgNegLogLik(prep, t, out) } : {}),
  };
}

/** Pareto/NBD through the public LL functions (each call validates and re-indexes `data`), in log space. */
export function paretoSpec(data: RfmData, analytic: boolean): FitSpec<(typeof PARETO_NBD_PARAMS)[number]> {
  const g = new Float64Array(4);
  const params = (t: Float64Array) => ({ r: Math.exp(t[0]), alpha: Math.exp(t[1]), s: Math.exp(t[2]), beta: Math.exp(t[3]) });
  let n = 0;
  for (let i = 0; i < data.x.length; i++) n += data.weights ? data.weights[i] : 1;
  return {
    model: 'pareto-nbd',
    paramNames: PARETO_NBD_PARAMS,
    nObs: n,
    starts: paretoNbdStarts(data),
    negLogLik: (t) => {
      const ll = paretoNbdLogLikelihood(params(t), data);
      return ll === ll ? -ll : Infinity;
    },
    ...(analytic
      ? {
          gradient: (t: Float64Array, out: Float64Array) => {
            const p = params(t);
            const ll = paretoNbdLogLikelihoodGradient(p, data, g);
            out[0] = -g[0] * p.r;
            out[1] = -g[1] * p.alpha;
            out[2] = -g[2] * p.s;
            out[3] = -g[3] * p.beta;
            return ll === ll ? -ll : Infinity;
          },
        }
      : {}),
  };
}

/** Times a harness fit `runs` times after one warm-up; returns the runs and the objective calls per fit. */
export function timeSpec<P extends string>(spec: FitSpec<P>, options: FitMleOptions, runs: number): Runs<FitResult<P>> & { evals: number } {
  const counter = { n: 0 };
  const s = counted(spec, counter);
  fitMle(s, options);
  counter.n = 0;
  const r = timeRuns(() => fitMle(s, options), runs);
  return { ...r, evals: counter.n / runs };
}
