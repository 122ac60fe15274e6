import { InputError } from '../errors.js';
import { bonferroni, holm } from '../math/stats/adjust-p-values.js';
import { chiSquareSf } from '../math/stats/chi-square.js';
import { outcomeKind, type ArmOutcome } from './arm-moments.js';
import { compareArm, type Comparison } from './compare-arms.js';
import type { AnalysisOptions, ExperimentData, OutcomeKind } from './experiment-types.js';

/** Most segments kept per `by` column; rarer values are pooled into "(other)". */
export const MAX_SEGMENTS = 50;

/** The uplift of one arm on one outcome within one segment. */
export interface SegmentComparison extends Comparison {
  by: string;
  segment: string;
  /** Holm-adjusted over every segment comparison of the analysis. */
  pHolm: number;
  pBonferroni: number;
  /** The Holm-adjusted p-value is below 1 − level. */
  significantAdjusted: boolean;
}

/** Cochran's Q test that an arm's uplift is the same in every segment of one `by` column. */
export interface Heterogeneity {
  by: string;
  arm: string;
  outcome: string;
  segments: number;
  q: number;
  df: number;
  pValue: number;
}

/** Uplift by segment with the multiple-comparisons warning. */
export interface SegmentUplift {
  rows: SegmentComparison[];
  heterogeneity: Heterogeneity[];
  /** Number of segment comparisons (the family of the adjustment). */
  tests: number;
  warning: string;
  notes: string[];
}

/** Codes of one segment column: the top values by count, the rest "(other)", '' → "(unknown)". */
function codes(values: readonly string[]): { names: string[]; code: Uint32Array; pooled: number } {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ordered = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = ordered
    .slice(0, ordered.length > MAX_SEGMENTS ? MAX_SEGMENTS - 1 : MAX_SEGMENTS)
    .map(([v]) => v)
    .sort();
  const index = new Map(kept.map((v, i) => [v, i]));
  const pooled = ordered.length - kept.length;
  const names = kept.map((v) => (v === '' ? '(unknown)' : v));
  if (pooled > 0) names.push('(other)');
  const code = Uint32Array.from(values, (v) => index.get(v) ?? kept.length);
  return { names, code, pooled };
}

/** Moments of one outcome by (segment, arm), in two passes. */
function groupedMoments(
  arm: Uint32Array,
  k: number,
  code: Uint32Array,
  g: number,
  values: Float64Array,
  kind: OutcomeKind,
  name: string,
): ArmOutcome[] {
  const n = new Float64Array(g * k),
    sum = new Float64Array(g * k),
    ss = new Float64Array(g * k);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const c = code[i]! * k + arm[i]!;
    n[c]++;
    sum[c] += v;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const c = code[i]! * k + arm[i]!;
    const d = v - sum[c]! / n[c]!;
    ss[c] += d * d;
  }
  return Array.from(n, (m, c) => ({
    outcome: name,
    kind,
    n: m,
    sum: sum[c]!,
    mean: m > 0 ? sum[c]! / m : NaN,
    variance: m >= 2 ? ss[c]! / (m - 1) : NaN,
  }));
}

/**
 * Uplift by segment: for every `by` column, segment, test arm and outcome, the same comparison as
 * the whole experiment (Newcombe for rates, Welch for means; no bootstrap), with p-values adjusted
 * over all segment comparisons by Holm (1979) and Bonferroni, and Cochran's (1954) Q test of equal
 * uplift across the segments of a column (Q = Σ wᵢ(dᵢ − d̄)², wᵢ = 1/varᵢ, segments − 1 df).
 * Segments with fewer than 2 customers in an arm get no interval.
 *
 * @throws InputError `unknown_segment` when `by` names a column that is not in `data.segments`.
 * @example
 * upliftBySegment(data, ['channel']).rows.filter((r) => r.significantAdjusted);
 */
export function upliftBySegment(data: ExperimentData, by?: readonly string[], options: Pick<AnalysisOptions, 'level'> = {}): SegmentUplift {
  const level = options.level ?? 0.95;
  const all = data.segments ?? [];
  const wanted = by ?? all.map((s) => s.name);
  const k = data.armNames.length;
  const observe = new Set(data.observeOnly ?? []);
  const rows: SegmentComparison[] = [];
  const heterogeneity: Heterogeneity[] = [];
  const notes: string[] = [];
  const kinds = data.outcomes.map((o) => outcomeKind(o.values, o.kind));
  for (const name of wanted) {
    const seg = all.find((s) => s.name === name);
    if (!seg)
      throw new InputError('unknown_segment', `No segment column "${name}"; available: ${all.map((s) => s.name).join(', ') || '(none)'}`, {
        by: name,
      });
    const { names, code, pooled } = codes(seg.values);
    if (pooled > 0) notes.push(`${name}: the ${pooled} rarest values pooled into "(other)" (at most ${MAX_SEGMENTS} segments per column)`);
    const g = names.length;
    data.outcomes.forEach((o, m) => {
      const mom = groupedMoments(data.arm, k, code, g, o.values, kinds[m]!, o.name);
      for (let j = 0; j < k; j++) {
        if (j === data.control || observe.has(j)) continue;
        const ds: number[] = [],
          ws: number[] = [];
        for (let s = 0; s < g; s++) {
          const t = mom[s * k + j]!,
            c = mom[s * k + data.control]!;
          if (t.n === 0 && c.n === 0) continue;
          const cmp = compareArm({
            data,
            values: o.values,
            armIndex: j,
            test: t,
            control: c,
            label: o.label ?? o.name,
            money: o.money ?? false,
            level,
            bootstrap: false,
          });
          if (t.n < 2 || c.n < 2)
            Object.assign(cmp, {
              lower: NaN,
              upper: NaN,
              pValue: NaN,
              relativeLower: NaN,
              relativeUpper: NaN,
              incrementalLower: NaN,
              incrementalUpper: NaN,
              significant: false,
            });
          rows.push({ ...cmp, pAdjusted: NaN, by: name, segment: names[s]!, pHolm: NaN, pBonferroni: NaN, significantAdjusted: false });
          const v = t.kind === 'rate' ? (t.mean * (1 - t.mean)) / t.n + (c.mean * (1 - c.mean)) / c.n : t.variance / t.n + c.variance / c.n;
          if (v > 0 && Number.isFinite(v)) {
            ds.push(t.mean - c.mean);
            ws.push(1 / v);
          }
        }
        const W = ws.reduce((a, b) => a + b, 0);
        const dbar = ds.reduce((a, d, i) => a + ws[i]! * d, 0) / W;
        const q = ds.reduce((a, d, i) => a + ws[i]! * (d - dbar) ** 2, 0);
        const df = ds.length - 1;
        heterogeneity.push({
          by: name,
          arm: data.armNames[j]!,
          outcome: o.name,
          segments: ds.length,
          q: df > 0 ? q : NaN,
          df,
          pValue: df > 0 ? chiSquareSf(q, df) : NaN,
        });
      }
    });
  }
  const p = rows.map((r) => r.pValue);
  const h = holm(p),
    b = bonferroni(p);
  rows.forEach((r, i) => {
    r.pHolm = h[i]!;
    r.pAdjusted = h[i]!;
    r.pBonferroni = b[i]!;
    r.significantAdjusted = h[i]! < 1 - level;
  });
  const tests = p.filter((v) => !Number.isNaN(v)).length;
  const raw = rows.filter((r) => r.pValue < 1 - level).length;
  const adj = rows.filter((r) => r.significantAdjusted).length;
  const alpha = Number((1 - level).toFixed(6));
  const warning =
    `${tests} segment comparisons: at ${Math.round(alpha * 100)}% about ${(tests * alpha).toFixed(1)} would look significant by chance alone even with no effect anywhere. ` +
    `${raw} ${raw === 1 ? 'has' : 'have'} p < ${alpha}; ${adj} ${adj === 1 ? 'remains' : 'remain'} significant after Holm's adjustment (family-wise error ${Math.round(alpha * 100)}%). Treat the others as hypotheses for the next test, not findings.`;
  return { rows, heterogeneity, tests, warning, notes };
}
