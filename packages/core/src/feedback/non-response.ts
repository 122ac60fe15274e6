import { npsInterval } from '../math/stats/nps-interval.js';
import { normalQuantile } from '../math/stats/normal-distribution.js';
import { welchTest } from '../math/stats/welch.js';
import type { FeedbackReport, NonResponseRow } from './feedback-types.js';
import type { ScoreGroup } from './score-groups.js';

/** Mean and unbiased variance of `values` over the flagged (or unflagged) entries. */
function moments(values: Float64Array, flag: Uint8Array, want: number): { n: number; mean: number; variance: number } {
  let n = 0,
    s = 0;
  for (let i = 0; i < values.length; i++)
    if (flag[i] === want && Number.isFinite(values[i])) {
      n++;
      s += values[i]!;
    }
  const mean = n > 0 ? s / n : NaN;
  let ss = 0;
  for (let i = 0; i < values.length; i++) if (flag[i] === want && Number.isFinite(values[i])) ss += (values[i]! - mean) ** 2;
  return { n, mean, variance: n > 1 ? ss / (n - 1) : NaN };
}

/**
 * Respondents against everyone in the base on one per-customer measure: means, the ratio of the
 * respondents' mean to everyone's, and Welch's interval for respondents − non-respondents.
 * `flag` is 1 for a respondent, 0 for a non-respondent, 2 for a customer outside the base.
 */
export function nonResponseRow(
  metric: string,
  label: string,
  unit: string,
  kind: NonResponseRow['kind'],
  values: Float64Array,
  flag: Uint8Array,
  level: number,
): NonResponseRow {
  const r = moments(values, flag, 1),
    nr = moments(values, flag, 0);
  const everyone = (r.n * r.mean + nr.n * nr.mean) / (r.n + nr.n);
  const w = welchTest(r, nr, level);
  return {
    metric,
    label,
    unit,
    kind,
    respondents: r.mean,
    everyone,
    nonRespondents: nr.mean,
    ratio: r.mean / everyone,
    difference: w.difference,
    lower: w.lower,
    upper: w.upper,
    pValue: w.pValue,
  };
}

/**
 * NPS post-stratified to the base's value tiers: Σ wₜ·NPSₜ with wₜ the tier's share of the base,
 * variance Σ wₜ²·Var(NPSₜ), Var(NPSₜ) = 100²·(pₚ + p_d − (pₚ − p_d)²)/nₜ (Kish 1965 §3.3, stratified
 * estimation). Null when a tier of the base has no NPS answer (the weights cannot be applied).
 */
export function weightedNps(
  tiers: { tier: string; customers: number }[],
  groups: readonly ScoreGroup[],
  level: number,
): FeedbackReport['nonResponse']['weighted'] {
  const base = tiers.reduce((s, t) => s + t.customers, 0);
  let nps = 0,
    variance = 0;
  for (const t of tiers) {
    if (t.customers === 0) continue;
    const g = groups.find((x) => x.level === t.tier);
    if (!g || g.npsAnswers === 0) return null;
    const w = t.customers / base;
    const pp = g.promoters / g.npsAnswers,
      pd = g.detractors / g.npsAnswers;
    nps += w * g.nps;
    variance += (w * w * 10_000 * (pp + pd - (pp - pd) ** 2)) / g.npsAnswers;
  }
  const z = normalQuantile(1 - (1 - level) / 2);
  const half = z * Math.sqrt(variance);
  return {
    nps,
    lower: Math.max(-100, nps - half),
    upper: Math.min(100, nps + half),
    rule: "each value tier's NPS weighted by the tier's share of the customer base (post-stratification), so that tiers that answer more often do not weigh more",
  };
}

/** The non-response verdict in words. */
export function nonResponseVerdict(
  rows: readonly NonResponseRow[],
  raw: ScoreGroup,
  weighted: FeedbackReport['nonResponse']['weighted'],
): string {
  const biased = rows.filter((r) => r.lower > 0 || r.upper < 0);
  const parts: string[] = [];
  if (biased.length === 0) parts.push('Respondents look like everyone on the measures below (no difference outside its interval)');
  else
    parts.push(
      `Respondents are not like everyone: ${biased.map((r) => `their ${r.label} is ${r.ratio.toFixed(2)}× everyone's`).join(', ')}`,
    );
  if (weighted && Number.isFinite(raw.nps))
    parts.push(
      `NPS reweighted to the base's value tiers is ${weighted.nps.toFixed(1)} (95% CI ${weighted.lower.toFixed(1)} to ${weighted.upper.toFixed(1)}) against ${raw.nps.toFixed(1)} as answered`,
    );
  return parts.join('; ') + '.';
}

/** Tier mix of the base and of the respondents, with each tier's NPS. */
export function tierMix(
  tierNames: readonly string[],
  baseTier: Int32Array,
  flag: Uint8Array,
  groups: readonly ScoreGroup[],
): FeedbackReport['nonResponse']['tierMix'] {
  const customers = new Float64Array(tierNames.length),
    respondents = new Float64Array(tierNames.length);
  for (let i = 0; i < flag.length; i++) {
    if (flag[i] === 2 || baseTier[i]! < 0) continue;
    customers[baseTier[i]!]!++;
    if (flag[i] === 1) respondents[baseTier[i]!]!++;
  }
  const cTotal = customers.reduce((s, v) => s + v, 0),
    rTotal = respondents.reduce((s, v) => s + v, 0);
  return tierNames.map((tier, t) => ({
    tier,
    customers: customers[t]!,
    baseShare: cTotal > 0 ? customers[t]! / cTotal : NaN,
    respondents: respondents[t]!,
    respondentShare: rTotal > 0 ? respondents[t]! / rTotal : NaN,
    nps: groups.find((g) => g.level === tier)?.nps ?? npsInterval(0, 0, 0).nps,
  }));
}
