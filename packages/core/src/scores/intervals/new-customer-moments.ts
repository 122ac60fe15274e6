import { gaussLegendre } from '../../math/quadrature/gauss-legendre.js';
import type { CountModelName } from '../../models/count-models.js';

/** Mean and variance of one count. */
export interface CountMoments {
  mean: number;
  variance: number;
}

/**
 * First- and second-order product densities of a just-acquired customer's purchase process at time v
 * (ρ₁(v) = expected purchase rate; ρ₂(u, v) for u < v depends on v only, see the Method note).
 */
function densities(model: CountModelName, p: Record<string, number>, v: number, out: Float64Array): void {
  if (model === 'pareto-nbd') {
    const surv = Math.exp(-p.s! * Math.log1p(v / p.beta!));
    out[0] = (p.r! / p.alpha!) * surv;
    out[1] = ((p.r! * (p.r! + 1)) / (p.alpha! * p.alpha!)) * surv;
    return;
  }
  const d = model === 'mbg-nbd' ? 1 : 0;
  const { r, alpha, a, b } = p as Record<'r' | 'alpha' | 'a' | 'b', number>;
  const q = v / (alpha + v);
  // NB_j(n) = E[λ^j · e^(−λv)(λv)^n/n!], λ ~ Gamma(r, α): NB_j(0) = (r)_j/(α + v)^j · (α/(α + v))^r
  const base = Math.exp(r * Math.log1p(-q));
  let nb1 = (base * r) / (alpha + v),
    nb2 = (base * r * (r + 1)) / ((alpha + v) * (alpha + v));
  // c(m) = E[(1 − p)^m] = (b)_m/(a + b)_m, p ~ Beta(a, b)
  let c = 1;
  for (let m = 0; m < d; m++) c *= (b + m) / (a + b + m);
  let c1 = (c * (b + d)) / (a + b + d); // c(n + 1 + d) at n = 0
  let s1 = 0,
    s2 = 0;
  for (let n = 0; n < 100_000; n++) {
    const t1 = nb1 * c,
      t2 = nb2 * c1;
    s1 += t1;
    s2 += t2;
    if (n > 0 && t1 <= 1e-15 * s1 && t2 <= 1e-15 * s2) break;
    nb1 *= ((r + n + 1) / (n + 1)) * q;
    nb2 *= ((r + n + 2) / (n + 1)) * q;
    c *= (b + n + d) / (a + b + n + d);
    c1 *= (b + n + 1 + d) / (a + b + n + 1 + d);
    if (!(nb1 > 0 || nb2 > 0)) break;
  }
  out[0] = s1;
  out[1] = s2;
}

const rho = new Float64Array(2); // scratch ρ₁, ρ₂ (single-threaded)

/**
 * Mean and variance of the repeat purchases in (t₁, t₂] of a customer acquired at time 0, given the
 * parameters (heterogeneity across customers included, parameter uncertainty not): the process noise
 * of one customer's contribution to a period of the tracking curve. Time unit: that of the fit.
 *
 * ## Method
 * The purchases form a point process with first-order product density ρ₁ and second-order ρ₂
 * (Daley & Vere-Jones 2003, §5.4): E[N] = ∫ρ₁ and E[N(N − 1)] = 2∫∫_{u<v} ρ₂(u, v), so
 * Var N = E[N] + E[N(N − 1)] − E[N]². Given λ the purchases are Poisson (other purchases are
 * Poisson(λv) around a purchase at u, by the Poisson process' Palm property), so with the dropout coin
 * after every purchase (BG/NBD, FHL 2005 §2; MBG/NBD also at time 0, Batislam et al. 2007):
 * ρ₁(v) = E[λ (1 − p)^(N(v) + d)], ρ₂(u, v) = E[λ² (1 − p)^(N(v) + 1 + d)], N(v) ~ Poisson(λv), evaluated
 * as series Σₙ E_λ[λʲ Pois(n; λv)] · (b)ₘ/(a + b)ₘ with negative-binomial-type terms; Pareto/NBD
 * (SMC 1987): ρ₁ = E[λ] S(v), ρ₂ = E[λ²] S(v), S(v) = (β/(β + v))^s. So
 * E[N(N − 1)] = 2∫_{t₁}^{t₂} (v − t₁) ρ₂(v) dv; both integrals by `nodes`-point Gauss–Legendre on
 * [t₁, t₂] (smooth integrands; accurate for intervals up to a few α long — for a long interval split it,
 * or use {@link conditionalMoments} at x = tₓ = T = 0, which gives the cumulative moments exactly: the
 * tests check the two agree).
 *
 * @param model - count model name
 * @param params - natural parameters (a fit's `params`)
 * @param t1 - start of the interval since acquisition (≥ 0), in the fit's time unit
 * @param t2 - its end (≥ t1)
 * @param nodes - Gauss–Legendre nodes (default 16)
 * @returns mean and variance of the count in (t1, t2]; NaN for invalid input (never throws)
 * @example
 * newCustomerIncrementMoments('bg-nbd', { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 10, 11);
 * // => { mean: ≈0.021, variance: ≈0.025 } purchases in week 11 of a customer's life (CDNOW fit)
 */
export function newCustomerIncrementMoments(
  model: CountModelName,
  params: Record<string, number>,
  t1: number,
  t2: number,
  nodes = 16,
): CountMoments {
  if (!(t1 >= 0 && t2 >= t1)) return { mean: NaN, variance: NaN };
  if (t2 === t1) return { mean: 0, variance: 0 };
  productDensityIntegrals(model, params, t1, t2, nodes, seg);
  const mean = seg[0]!,
    fact2 = 2 * (seg[2]! - t1 * seg[1]!);
  return { mean, variance: Math.max(0, mean + fact2 - mean * mean) };
}

const seg = new Float64Array(3);

/**
 * The integrals over (t₁, t₂] of a just-acquired customer's product densities (see
 * {@link newCustomerIncrementMoments}): out = [∫ρ₁, ∫ρ₂, ∫v ρ₂(v) dv], by `nodes`-point Gauss–Legendre.
 * They add over adjacent intervals, so a curve's cumulative and per-period moments come from one pass
 * over its periods: E[N] = ∫ρ₁, E[N(N − 1)] = 2(∫vρ₂ − t₁∫ρ₂) for any union of periods starting at t₁.
 *
 * @param model - count model name
 * @param params - natural parameters
 * @param t1 - interval start (≥ 0), the fit's time unit
 * @param t2 - interval end (≥ t1)
 * @param nodes - Gauss–Legendre nodes
 * @param out - receives the three integrals
 * @example
 * const out = new Float64Array(3);
 * productDensityIntegrals('pareto-nbd', { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 }, 0, 1, 8, out); // out[0] ≈ 0.05
 */
export function productDensityIntegrals(
  model: CountModelName,
  params: Record<string, number>,
  t1: number,
  t2: number,
  nodes: number,
  out: Float64Array,
): void {
  const g = gaussLegendre(nodes);
  const half = 0.5 * (t2 - t1);
  let i1 = 0,
    i2 = 0,
    iv = 0;
  for (let j = 0; j < g.x.length; j++) {
    const v = t1 + half * (g.x[j]! + 1);
    densities(model, params, v, rho);
    i1 += g.w[j]! * rho[0]!;
    i2 += g.w[j]! * rho[1]!;
    iv += g.w[j]! * v * rho[1]!;
  }
  out[0] = half * i1;
  out[1] = half * i2;
  out[2] = half * iv;
}
