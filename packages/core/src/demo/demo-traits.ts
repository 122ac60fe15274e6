import type { Rng } from '../math/random/rng.js';
import { sampleGamma } from '../math/random/sample-gamma.js';
import { samplePoisson } from '../math/random/sample-poisson.js';
import { pickCumulative, type DemoCatalog } from './demo-catalog.js';
import { DEMO_ATTRIBUTES, DEMO_BASE, DEMO_CATEGORIES, DEMO_CHANNELS } from './demo-params.js';

/** One customer's (or prospect's) observable attributes and true latent rates; reused between draws. */
export interface DemoPerson {
  channel: number;
  /** Level index per entry of DEMO_ATTRIBUTES (region, age band, device). */
  levels: Int32Array;
  /** Home category (the first order's first line comes from it). */
  home: number;
  visits: number;
  /** Sum of log effects on λ, μ and basket size (0 without signal). */
  effectLambda: number;
  effectMu: number;
  effectSpend: number;
  /** True purchase rate and dropout rate per day, and basket size θ. */
  lambda: number;
  mu: number;
  theta: number;
}

export const newPerson = (): DemoPerson => ({
  channel: 0,
  levels: new Int32Array(DEMO_ATTRIBUTES.length),
  home: 0,
  visits: 0,
  effectLambda: 0,
  effectMu: 0,
  effectSpend: 0,
  lambda: 0,
  mu: 0,
  theta: 0,
});

const CHANNEL_CUMULATIVE = Float64Array.from(DEMO_CHANNELS, (_, i) => DEMO_CHANNELS.slice(0, i + 1).reduce((s, c) => s + c.share, 0));
CHANNEL_CUMULATIVE[CHANNEL_CUMULATIVE.length - 1] = 1;

const LEVEL_CUMULATIVE = DEMO_ATTRIBUTES.map((a) =>
  a.probabilities.map((row) => {
    const cum = Float64Array.from(row, (_, i) => row.slice(0, i + 1).reduce((s, p) => s + p, 0));
    cum[cum.length - 1] = 1;
    return cum;
  }),
);

/**
 * Draws a person's attributes given the channel (or a channel from the shares when `channel` < 0)
 * and, unless `attributesOnly`, the true latent rates:
 *
 *   λ = G_λ · e^(Σ λ effects),  G_λ ~ Gamma(r, α);   μ = G_μ · e^(Σ μ effects),  G_μ ~ Gamma(s, β);
 *   θ = θ₀ · ν · e^(Σ spend effects),  ν ~ Gamma(q, q)
 *
 * (Pareto/NBD with log-linear covariate effects, as in Fader & Hardie's "Incorporating time-invariant
 * covariates into the Pareto/NBD and BG/NBD models", 2007). Without `signal` every effect is 0.
 */
export function drawPerson(rng: Rng, catalog: DemoCatalog, signal: boolean, out: DemoPerson, channel = -1, attributesOnly = false): void {
  const c = channel >= 0 ? channel : pickCumulative(CHANNEL_CUMULATIVE, rng());
  out.channel = c;
  const ch = DEMO_CHANNELS[c]!;
  let lam = signal ? ch.lambda : 0,
    mu = signal ? ch.mu : 0,
    spend = signal ? ch.spend : 0;
  for (let a = 0; a < DEMO_ATTRIBUTES.length; a++) {
    const spec = DEMO_ATTRIBUTES[a]!;
    const l = pickCumulative(LEVEL_CUMULATIVE[a]![c]!, rng());
    out.levels[a] = l;
    if (signal) {
      lam += spec.lambda[l]!;
      mu += spec.mu[l]!;
      spend += spec.spend[l]!;
    }
  }
  out.home = pickCumulative(catalog.categoryCumulative, rng());
  out.visits = samplePoisson(rng, DEMO_BASE.visitsMean[c]!);
  if (signal) lam += DEMO_CATEGORIES[out.home]!.lambda + DEMO_BASE.visitsLambda * (out.visits - 3);
  out.effectLambda = lam;
  out.effectMu = mu;
  out.effectSpend = spend;
  if (attributesOnly) return;
  out.lambda = sampleGamma(rng, DEMO_BASE.r, DEMO_BASE.alpha) * Math.exp(lam);
  out.mu = sampleGamma(rng, DEMO_BASE.s, DEMO_BASE.beta) * Math.exp(mu);
  out.theta = DEMO_BASE.theta0 * sampleGamma(rng, DEMO_BASE.q, DEMO_BASE.q) * Math.exp(spend);
}
