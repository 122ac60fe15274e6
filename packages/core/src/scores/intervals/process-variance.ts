import { gaussLegendre } from '../../math/quadrature/gauss-legendre.js';
import { InputError } from '../../errors.js';
import type { CountModel } from '../../models/count-models.js';
import { bgPAlive } from '../../models/bg-nbd/predict.js';
import { paretoNbdPAlive } from '../../models/pareto-nbd/predict.js';
import type { RfmData } from '../../models/shared/model-types.js';

/** Conditional mean and variance of each row's purchases in (T, T + t], given its history and the parameters. */
export interface ConditionalMoments {
  mean: Float64Array;
  variance: Float64Array;
  /** P(alive at T) per row. */
  pAlive: Float64Array;
}

/**
 * E and Var of a BG/NBD-family customer's purchases in (T, T + t] (d = 0 BG/NBD, d = 1 MBG/NBD).
 *
 * ## Method
 * Alive at T, the posterior is λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x + d) (FHL 2005 §A;
 * Batislam et al. 2007): the n-th future purchase happens when the Poisson count M in t reaches n and
 * the customer survived the n − 1 coins before it, so P(N ≥ n | alive) = E[(1 − p)^(n−1)] · P(M ≥ n)
 * with E[(1 − p)^(n−1)] = (b + x + d)ₙ₋₁/(a + b + x + d)ₙ₋₁ and M negative binomial (r + x, t/(α + T + t)).
 * Then E[N] = Σₙ P(N ≥ n) and E[N²] = Σₙ (2n − 1) P(N ≥ n), summed until the terms fall below 1e-12
 * of the total; dead customers buy nothing, so E = P(alive)·E[N | alive] and
 * Var = P(alive)·E[N² | alive] − E². E agrees with FHL eq. 10 (tested); unlike the ₂F₁ form it has
 * only positive terms, so it stays finite where a + b < 1 makes that form's c = a + b − 1 negative
 * (parameter draws can land there).
 */
function bgMoments(p: Record<string, number>, d: 0 | 1, t: number, data: RfmData): ConditionalMoments {
  const { r, alpha, a, b } = p as Record<'r' | 'alpha' | 'a' | 'b', number>;
  const n = data.x.length;
  const mean = new Float64Array(n),
    variance = new Float64Array(n),
    pAlive = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = data.x[i]!,
      T = data.T[i]!;
    const pa = bgPAlive(r, alpha, a, b, d, x, data.tx[i]!, T);
    pAlive[i] = pa;
    const k = r + x,
      q = t / (alpha + T + t);
    const bb = b + x + d,
      ab = a + b + x + d;
    let pm = Math.exp(k * Math.log1p(-q)); // P(M = 0)
    let tail = 1 - pm; // P(M ≥ 1)
    let coin = 1; // E[(1 − p)^(n−1)]
    let e1 = 0,
      e2 = 0;
    for (let m = 1; m < 100_000; m++) {
      const term = coin * tail;
      e1 += term;
      e2 += (2 * m - 1) * term;
      if (term * m < 1e-13 * e1 || !(tail > 0)) break;
      pm *= ((k + m - 1) / m) * q; // P(M = m)
      tail -= pm;
      if (tail < 0) tail = 0;
      coin *= (bb + m - 1) / (ab + m - 1);
    }
    const e = pa * e1;
    mean[i] = e;
    variance[i] = Math.max(0, pa * e2 - e * e);
  }
  return { mean, variance, pAlive };
}

/**
 * E and Var of a Pareto/NBD customer's purchases in (T, T + t].
 *
 * ## Method
 * Alive at T the posterior factorises (Schmittlein et al. 1987; FHL 2005 note): λ ~ Gamma(r + x, α + T),
 * μ ~ Gamma(s, β + T). Given λ, μ the count is Poisson(λ m) with m = min(τ, t), τ ~ Exp(μ), so
 * E[N | alive] = E[λ]·E[m] and E[N² | alive] = E[λ]E[m] + E[λ²]E[m²], with
 * E[m] = ∫₀ᵗ S(u) du, E[m²] = 2∫₀ᵗ u S(u) du and S(u) = ((β + T)/(β + T + u))^s, both by 32-point
 * Gauss–Legendre quadrature (the integrands are smooth and monotone on [0, t]).
 */
function paretoMoments(p: Record<string, number>, t: number, data: RfmData): ConditionalMoments {
  const { r, alpha, s, beta } = p as Record<'r' | 'alpha' | 's' | 'beta', number>;
  const pa = paretoNbdPAlive({ r, alpha, s, beta }, data);
  const g = gaussLegendre(32);
  const n = data.x.length;
  const mean = new Float64Array(n),
    variance = new Float64Array(n);
  let lastT = NaN,
    em = 0,
    em2 = 0;
  for (let i = 0; i < n; i++) {
    const x = data.x[i]!,
      T = data.T[i]!;
    if (T !== lastT) {
      lastT = T;
      em = 0;
      em2 = 0;
      const B = beta + T;
      for (let j = 0; j < g.x.length; j++) {
        const u = 0.5 * t * (g.x[j]! + 1);
        const S = Math.exp(-s * Math.log1p(u / B));
        em += g.w[j]! * S;
        em2 += g.w[j]! * 2 * u * S;
      }
      em *= 0.5 * t;
      em2 *= 0.5 * t;
    }
    const l1 = (r + x) / (alpha + T);
    const l2 = (l1 * (r + x + 1)) / (alpha + T);
    const e = pa[i]! * l1 * em;
    mean[i] = e;
    variance[i] = Math.max(0, pa[i]! * (l1 * em + l2 * em2) - e * e);
  }
  return { mean, variance, pAlive: pa };
}

/**
 * Conditional mean and variance of every row's purchases in the next t periods, E and Var of X(T, T + t)
 * given (x, tₓ, T) and the parameters, for the count models (see the `## Method` notes above). The
 * variance is the process noise an interval for realised purchases must include on top of parameter
 * uncertainty. Time unit of t, tₓ and T: that of the fit. NaN-free for valid parameters.
 *
 * @param model - count model name
 * @param params - its natural parameters (a fit's `params`)
 * @param t - horizon (≥ 0), in the fit's time unit
 * @param data - x, tx, T per row (weights ignored)
 * @returns mean and variance per row
 * @throws InputError `no_moments_formula` for MBG/CNBD-k (no variance formula yet)
 * @example
 * conditionalMoments('bg-nbd', cdnowFit.params, 39, { x: Float64Array.of(2), tx: Float64Array.of(30.43), T: Float64Array.of(38.86) });
 * // => { mean: [≈1.226] (FHL 2005 eq. 10), variance: [≈1.9] }
 */
export function conditionalMoments(
  model: CountModel['name'],
  params: Record<string, number>,
  t: number,
  data: RfmData,
): ConditionalMoments {
  if (model === 'mbg-cnbd-k')
    throw new InputError(
      'no_moments_formula',
      'conditionalMoments: MBG/CNBD-k has no formula for the variance of its purchase counts yet; use BG/NBD, MBG/NBD or Pareto/NBD for intervals.',
      { model },
    );
  if (model === 'pareto-nbd') return paretoMoments(params, t, data);
  return bgMoments(params, model === 'mbg-nbd' ? 1 : 0, t, data);
}
