import { InputError } from '../errors.js';
import { glmSandwich, quadraticForm } from '../math/stats/glm-sandwich.js';
import { normalCdf, normalQuantile } from '../math/stats/normal-distribution.js';
import { fitPoissonLog } from '../math/stats/poisson-regression.js';
import { fitRidgeLogistic } from '../math/stats/ridge-regression.js';
import type { ChainAsymmetry, ChainEffect, ChainEstimate, ChainInput, ChainOutcome } from './chain-types.js';

/** Fewest respondents per NPS class for the chain to be estimated. */
export const CHAIN_MIN_PER_CLASS = 30;

const ARMS = ['detractor', 'passive', 'promoter'] as const;

/** The design: intercept, detractor, promoter, then the standardised controls (constant ones dropped). */
function design(input: ChainInput): { X: Float64Array; p: number; used: string[] } {
  const n = input.npsClass.length;
  const cols: Float64Array[] = [];
  const used: string[] = [];
  for (const c of input.covariates) {
    let s = 0,
      s2 = 0;
    for (let i = 0; i < n; i++) s += c.values[i]!;
    const mean = s / n;
    for (let i = 0; i < n; i++) s2 += (c.values[i]! - mean) ** 2;
    const sd = Math.sqrt(s2 / n);
    if (!(sd > 1e-12)) continue;
    cols.push(Float64Array.from(c.values, (v) => (v - mean) / sd));
    used.push(c.label);
  }
  const p = 3 + cols.length;
  const X = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = i * p,
      k = input.npsClass[i]!;
    X[o] = 1;
    X[o + 1] = k === 0 ? 1 : 0;
    X[o + 2] = k === 2 ? 1 : 0;
    for (let j = 0; j < cols.length; j++) X[o + 3 + j] = cols[j]![i]!;
  }
  return { X, p, used };
}

/** Standardised means of the three arms (detractor, passive, promoter) and their gradients in β. */
function standardise(
  X: Float64Array,
  p: number,
  n: number,
  beta: Float64Array,
  link: 'logit' | 'log',
): { mean: number[]; grad: Float64Array[] } {
  const mean = [0, 0, 0];
  const grad = [new Float64Array(p), new Float64Array(p), new Float64Array(p)];
  for (let i = 0; i < n; i++) {
    const o = i * p;
    let base = beta[0]!;
    for (let j = 3; j < p; j++) base += X[o + j]! * beta[j]!;
    for (let a = 0; a < 3; a++) {
      const eta = base + (a === 0 ? beta[1]! : a === 2 ? beta[2]! : 0);
      const m = link === 'logit' ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta);
      const dm = link === 'logit' ? m * (1 - m) : m;
      mean[a]! += m;
      const g = grad[a]!;
      g[0]! += dm;
      if (a === 0) g[1]! += dm;
      if (a === 2) g[2]! += dm;
      for (let j = 3; j < p; j++) g[j]! += dm * X[o + j]!;
    }
  }
  for (let a = 0; a < 3; a++) {
    mean[a]! /= n;
    for (let j = 0; j < p; j++) grad[a]![j]! /= n;
  }
  return { mean, grad };
}

const combine = (terms: [number, Float64Array][], p: number): Float64Array => {
  const g = new Float64Array(p);
  for (const [c, v] of terms) for (let j = 0; j < p; j++) g[j]! += c * v[j]!;
  return g;
};

/** Plain mean of `y` over the respondents of NPS class `k`. */
function rawMean(y: Float64Array, cls: Uint8Array, k: number): number {
  let s = 0,
    c = 0;
  for (let i = 0; i < y.length; i++)
    if (cls[i] === k) {
      s += y[i]!;
      c++;
    }
  return c > 0 ? s / c : NaN;
}

/**
 * The satisfaction-profit chain (Heskett et al. 1994; Anderson & Mittal 2000, "Strengthening the
 * satisfaction-profit chain", J. Service Research 3(2): 107–120, on its asymmetry): what respondents
 * do after answering, by NPS class, controlling for what they did before.
 *
 * ## Method
 * For each outcome window w (days after the response day) three regressions with the NPS class
 * (detractor and promoter indicators, passives the reference) and the standardised controls:
 * "stops buying" (no purchase day in the window) by logistic regression; purchase days and gross
 * spend by log-linear (quasi-)Poisson regression. Each class's adjusted mean is the average over
 * all respondents of the prediction with the class set to it (standardisation, or g-computation;
 * consistent for the marginal means under randomisation whatever the model's misspecification:
 * Rosenblum & van der Laan 2010), and the effect is the ratio (and difference) of a class's mean
 * to the passives'. Intervals by the delta method on the log ratio with the robust (sandwich)
 * covariance of the coefficients ({@link glmSandwich}). The asymmetry is harm − help on stopping at
 * the longest window: (m_detractor − m_passive) − (m_passive − m_promoter), by the same delta method.
 *
 * @throws InputError `too_few_respondents` when a class has fewer than {@link CHAIN_MIN_PER_CLASS}
 *   respondents (naming the counts)
 * @example
 * const e = estimateChain({ npsClass, covariates, windows: [90, 180], daysAfter, spendAfter });
 * e.sentences[0]; // 'A detractor is 1.13× (95% CI 1.06–1.21) as likely as a passive to stop buying …'
 */
export function estimateChain(input: ChainInput, level = 0.95): ChainEstimate {
  const n = input.npsClass.length;
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) counts[input.npsClass[i]!]!++;
  const respondents = { total: n, detractors: counts[0]!, passives: counts[1]!, promoters: counts[2]! };
  if (Math.min(...counts) < CHAIN_MIN_PER_CLASS) {
    throw new InputError(
      'too_few_respondents',
      `The satisfaction-profit chain needs at least ${CHAIN_MIN_PER_CLASS} respondents in each NPS class with a complete follow-up window; got ${counts[0]} detractors, ${counts[1]} passives, ${counts[2]} promoters`,
      respondents,
    );
  }
  const { X, p, used } = design(input);
  const z = normalQuantile(1 - (1 - level) / 2);
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  const effects: ChainEffect[] = [];
  const warnings: string[] = [];
  let asymmetry: ChainAsymmetry | null = null;
  const longest = Math.max(...input.windows);
  input.windows.forEach((w, wi) => {
    const outcomes: [ChainOutcome, Float64Array, 'logit' | 'log'][] = [
      ['stop', Float64Array.from(input.daysAfter[wi]!, (v) => (v > 0 ? 0 : 1)), 'logit'],
      ['purchases', input.daysAfter[wi]!, 'log'],
      ['spend', Float64Array.from(input.spendAfter[wi]!, (v) => Math.max(0, v)), 'log'],
    ];
    for (const [outcome, y, link] of outcomes) {
      let sum = 0,
        ones = 0;
      for (let i = 0; i < n; i++) {
        sum += y[i]!;
        if (y[i]! > 0) ones++;
      }
      if (ones === 0 || (link === 'logit' && ones === n)) {
        warnings.push(
          `${outcome} over ${w} days is the same for every respondent (${sum === 0 ? 'none' : 'all'}): no effect can be estimated`,
        );
        continue;
      }
      const fit = link === 'logit' ? fitRidgeLogistic(X, p, y, rows, 0) : fitPoissonLog(X, p, y);
      const beta = fit.coefficients;
      if (!fit.converged)
        warnings.push(
          `The ${link === 'logit' ? 'logistic' : 'log-linear'} regression of ${outcome} over ${w} days did not converge; its effects are left out`,
        );
      const cov = glmSandwich(X, p, y, beta, link === 'logit' ? 'binomial' : 'poisson').robust;
      if (!fit.converged || !cov) {
        if (fit.converged) warnings.push(`The controls of ${outcome} over ${w} days are collinear; its effects are left out`);
        continue;
      }
      const { mean, grad } = standardise(X, p, n, beta, link);
      for (const a of [0, 2] as const) {
        const gLog = combine(
          [
            [1 / mean[a]!, grad[a]!],
            [-1 / mean[1]!, grad[1]!],
          ],
          p,
        );
        const se = Math.sqrt(quadraticForm(gLog, cov, p));
        const logR = Math.log(mean[a]! / mean[1]!);
        const gDiff = combine(
          [
            [1, grad[a]!],
            [-1, grad[1]!],
          ],
          p,
        );
        const seD = Math.sqrt(quadraticForm(gDiff, cov, p));
        const diff = mean[a]! - mean[1]!;
        effects.push({
          outcome,
          window: w,
          group: ARMS[a] as 'detractor' | 'promoter',
          groupMean: mean[a]!,
          passiveMean: mean[1]!,
          ratio: Math.exp(logR),
          lower: Math.exp(logR - z * se),
          upper: Math.exp(logR + z * se),
          pValue: 2 * normalCdf(-Math.abs(logR / se)),
          difference: diff,
          differenceLower: diff - z * seD,
          differenceUpper: diff + z * seD,
          rawGroupMean: rawMean(y, input.npsClass, a),
          rawPassiveMean: rawMean(y, input.npsClass, 1),
        });
      }
      if (outcome === 'stop' && w === longest) {
        const g = combine(
          [
            [1, grad[0]!],
            [1, grad[2]!],
            [-2, grad[1]!],
          ],
          p,
        );
        const se = Math.sqrt(quadraticForm(g, cov, p));
        const harm = mean[0]! - mean[1]!,
          help = mean[1]! - mean[2]!;
        const d = harm - help,
          lower = d - z * se,
          upper = d + z * se;
        const verdict = lower > 0 ? 'harm_larger' : upper < 0 ? 'help_larger' : 'not_distinguishable';
        asymmetry = {
          window: w,
          harm,
          help,
          difference: d,
          lower,
          upper,
          verdict,
          text: asymmetryText(w, harm, help, d, lower, upper, verdict, level),
        };
      }
    }
  });
  const estimate: ChainEstimate = {
    respondents,
    windows: [...input.windows],
    controls: used,
    effects,
    asymmetry,
    sentences: [],
    warnings,
    level,
  };
  estimate.sentences = chainSentences(estimate);
  return estimate;
}

const times = (v: number): string => `${v.toFixed(2)}×`;
const points = (v: number): string => `${(100 * Math.abs(v)).toFixed(1)}`;
const signedPoints = (v: number): string => `${v < 0 ? '−' : ''}${points(v)}`;

function asymmetryText(
  w: number,
  harm: number,
  help: number,
  d: number,
  lower: number,
  upper: number,
  verdict: ChainAsymmetry['verdict'],
  level: number,
): string {
  const ci = `difference ${signedPoints(d)} points, ${Math.round(100 * level)}% CI ${signedPoints(lower)} to ${signedPoints(upper)}`;
  const harmText = `${points(harm)} ${harm >= 0 ? 'more' : 'fewer'}`;
  const helpText = `${points(help)} ${help >= 0 ? 'fewer' : 'more'}`;
  const head = `Harm against help: out of 100 customers who answer, ${harmText} detractors than passives stop buying within ${w} days, and ${helpText} promoters`;
  if (verdict === 'harm_larger') return `${head}: the harm of a detractor is larger than the help of a promoter (${ci}).`;
  if (verdict === 'help_larger') return `${head}: the help of a promoter is larger than the harm of a detractor (${ci}).`;
  return `${head}: the data cannot tell which is larger (${ci}).`;
}

/** The chain in plain words: stopping, then buying more, then the asymmetry and the controls. */
export function chainSentences(e: ChainEstimate): string[] {
  const find = (outcome: ChainOutcome, group: 'detractor' | 'promoter', w: number) =>
    e.effects.find((x) => x.outcome === outcome && x.group === group && x.window === w);
  const w = Math.max(...e.windows);
  const ci = `${Math.round(100 * e.level)}% CI`;
  const range = (x: ChainEffect): string => `${x.lower.toFixed(2)}–${x.upper.toFixed(2)}`;
  const out: string[] = [];
  const sd = find('stop', 'detractor', w),
    sp = find('stop', 'promoter', w);
  if (sd && sp)
    out.push(
      `A detractor is ${times(sd.ratio)} (${ci} ${range(sd)}) as likely as a passive to stop buying (no purchase in the ${w} days after answering); a promoter ${times(sp.ratio)} (${range(sp)}).`,
    );
  const pd = find('purchases', 'detractor', w),
    pp = find('purchases', 'promoter', w);
  if (pd && pp)
    out.push(
      `In those ${w} days a promoter makes ${times(pp.ratio)} (${range(pp)}) as many purchases as a passive, a detractor ${times(pd.ratio)} (${range(pd)}).`,
    );
  if (e.asymmetry) out.push(e.asymmetry.text);
  const r = e.respondents;
  out.push(
    `Controlled for what each customer did before answering (${e.controls.join(', ') || 'nothing varied'}); ${r.total.toLocaleString('en-US')} respondents: ${r.detractors.toLocaleString('en-US')} detractors, ${r.passives.toLocaleString('en-US')} passives, ${r.promoters.toLocaleString('en-US')} promoters. These are associations after those controls, not proof that satisfaction causes the behaviour.`,
  );
  return out;
}
