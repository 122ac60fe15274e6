import { createRng, type Rng } from '../math/random/rng.js';
import { kmeans } from '../math/cluster/kmeans.js';
import { medianInPlace } from '../math/stats/median.js';
import { pairwiseDistances, silhouetteOfDistances } from '../math/cluster/silhouette.js';

/** One behaviour feature: values in original units, and whether to cluster on log(1 + x). */
export interface MicroFeature {
  name: string;
  unit: string;
  values: Float64Array;
  log?: boolean;
}

export interface MicroOptions {
  /** Random seed (default 42): same input and seed, same segments. */
  seed?: number;
  /** Bounds for k per stage (default 2–6). */
  kMin?: number;
  kMax?: number;
  /** Points per stage used to choose k and fit (default 20,000); all points are assigned afterwards. */
  fitSample?: number;
  /** Points per stage for the silhouette (default 1,000; it is O(n²)). */
  silhouetteSample?: number;
  /** Stages with fewer customers than this get one micro-segment (default 30). */
  minStageSize?: number;
}

export interface MicroSegment {
  /** `stage:index`, index 1 = largest value share within the stage. */
  label: string;
  stage: string;
  size: number;
  /** Share of the stage's customers and of the total value of all customers. */
  stageShare: number;
  valueShare: number;
  /** In words, e.g. "high purchase days, low spend per purchase day". */
  description: string;
  /** Per feature: mean and median in original units (the median profile is the typical customer). */
  profile: { feature: string; unit: string; mean: number; median: number; z: number }[];
}

export interface MicroResult {
  /** Index into `segments` per customer. */
  segment: Int32Array;
  segments: MicroSegment[];
  /** Per stage: the k chosen and the silhouette of each k tried. */
  choices: { stage: string; k: number; silhouettes: { k: number; silhouette: number }[] }[];
  features: string[];
  seed: number;
}

/**
 * Micro-segments within each lifecycle stage: seeded k-means++ on standardised behaviour, k chosen
 * by the mean silhouette within [kMin, kMax], each segment described in words and original units.
 *
 * ## Method
 * Per stage: features are log(1 + x) where asked (skewed counts and money), then z-scored within the
 * stage (a constant feature becomes 0). k is chosen on a seeded sample of ≤ `fitSample` customers:
 * for each k, k-means++ and Lloyd (seeded per stage and k), then the silhouette on the first
 * ≤ `silhouetteSample` (default 1,000) points of that seeded sample, so choosing k costs
 * O(fitSample · k · d) per Lloyd iteration plus O(silhouetteSample²) (the distance matrix is
 * computed once per stage and shared by every k), never O(n²); the best silhouette wins, ties to
 * the smaller k. The
 * chosen centroids then seed Lloyd iterations on all the stage's customers. Segments are numbered
 * by value share within the stage. Members are grouped with counting passes into typed arrays and
 * profile medians use quickselect, so the work after the fit is O(n · d). Words: the two features whose segment mean is furthest from the
 * stage mean (|z| ≥ 0.5, in stage standard deviations) as "high …"/"low …".
 *
 * @param stage - stage index per customer; `stageNames[stage[i]]` names it
 * @param value - value per customer (currency), for value shares
 */
export function microSegments(
  features: readonly MicroFeature[],
  stage: Uint8Array,
  stageNames: readonly string[],
  value: Float64Array,
  options: MicroOptions = {},
): MicroResult {
  const o = { seed: 42, kMin: 2, kMax: 6, fitSample: 20_000, silhouetteSample: 1_000, minStageSize: 30, ...options };
  const n = stage.length,
    d = features.length;
  const segment = new Int32Array(n).fill(-1);
  const segments: MicroSegment[] = [];
  const choices: MicroResult['choices'] = [];
  let totalValue = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(value[i]!)) totalValue += value[i]!;
  const members = byGroup(stage, stageNames.length);
  for (let s = 0; s < stageNames.length; s++) {
    const idx = members.rows.subarray(members.start[s]!, members.start[s + 1]!);
    if (idx.length === 0) continue;
    const m = idx.length;
    const x = standardised(features, idx);
    const rng = createRng((o.seed ^ Math.imul(s + 1, 0x9e3779b1)) >>> 0);
    let assign: Int32Array, k: number;
    const tried: { k: number; silhouette: number }[] = [];
    if (m < Math.max(o.minStageSize, o.kMin * 2) || d === 0) {
      k = 1;
      assign = new Int32Array(m);
    } else {
      const sample = sampleIndexes(m, Math.min(m, o.fitSample), rng);
      const xs = gather(x, sample, d);
      const ns = sample.length,
        sil = Math.min(ns, o.silhouetteSample);
      const dist = pairwiseDistances(xs, sil, d); // the same silhouette points for every k
      let best: { k: number; score: number; centroids: Float64Array } = { k: 0, score: -Infinity, centroids: new Float64Array(0) };
      for (let kk = o.kMin; kk <= Math.min(o.kMax, ns - 1); kk++) {
        const r = kmeans(xs, ns, d, kk, createRng((o.seed + 7919 * kk + 104729 * s) >>> 0));
        const score = silhouetteOfDistances(dist, sil, r.assignment.subarray(0, sil), kk);
        tried.push({ k: kk, silhouette: score });
        if (score > best.score) best = { k: kk, score, centroids: r.centroids };
      }
      if (best.k === 0) {
        k = 1;
        assign = new Int32Array(m);
      } else {
        k = best.k;
        assign = kmeans(x, m, d, k, rng, 20, best.centroids).assignment;
      }
    }
    choices.push({ stage: stageNames[s]!, k, silhouettes: tried });
    segments.push(...describe(features, idx, x, assign, k, stageNames[s]!, value, totalValue, segment, segments.length));
  }
  return { segment, segments, choices, features: features.map((f) => f.name), seed: o.seed };
}

function standardised(features: readonly MicroFeature[], idx: Int32Array): Float64Array {
  const m = idx.length,
    d = features.length;
  const x = new Float64Array(m * d);
  for (let t = 0; t < d; t++) {
    const f = features[t]!;
    let mean = 0;
    for (let a = 0; a < m; a++) {
      const v = f.values[idx[a]!]!;
      const z = Number.isFinite(v) ? (f.log ? Math.log1p(Math.max(v, 0)) : v) : 0;
      x[a * d + t] = z;
      mean += z;
    }
    mean /= m;
    let ss = 0;
    for (let a = 0; a < m; a++) ss += (x[a * d + t]! - mean) ** 2;
    const sd = Math.sqrt(ss / m);
    for (let a = 0; a < m; a++) x[a * d + t] = sd > 0 ? (x[a * d + t]! - mean) / sd : 0;
  }
  return x;
}

/** A seeded sample of `size` distinct indexes out of m (partial Fisher–Yates), in draw order. */
function sampleIndexes(m: number, size: number, rng: Rng): Int32Array {
  const p = new Int32Array(m);
  for (let i = 0; i < m; i++) p[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng() * (m - i));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p.slice(0, size);
}

/**
 * Rows grouped by a small label (0 … groups − 1) by one counting pass: the rows of group g are
 * `rows[start[g] … start[g + 1])`, in increasing row order. Labels outside the range are skipped.
 */
function byGroup(label: ArrayLike<number>, groups: number): { rows: Int32Array; start: Int32Array } {
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < label.length; i++) {
    const g = label[i]!;
    if (g >= 0 && g < groups) start[g + 1]!++;
  }
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups);
  const rows = new Int32Array(start[groups]!);
  for (let i = 0; i < label.length; i++) {
    const g = label[i]!;
    if (g >= 0 && g < groups) rows[next[g]!++] = i;
  }
  return { rows, start };
}

function gather(x: Float64Array, rows: Int32Array, d: number): Float64Array {
  const out = new Float64Array(rows.length * d);
  for (let a = 0; a < rows.length; a++) for (let t = 0; t < d; t++) out[a * d + t] = x[rows[a]! * d + t]!;
  return out;
}

function describe(
  features: readonly MicroFeature[],
  idx: Int32Array,
  x: Float64Array,
  assign: Int32Array,
  k: number,
  stage: string,
  value: Float64Array,
  totalValue: number,
  out: Int32Array,
  offset: number,
): MicroSegment[] {
  const d = features.length;
  const groups = byGroup(assign, k); // positions a within the stage, per segment
  const size = (j: number): number => groups.start[j + 1]! - groups.start[j]!;
  const segmentValue = (j: number): number => {
    let v = 0;
    for (let q = groups.start[j]!; q < groups.start[j + 1]!; q++) {
      const y = value[idx[groups.rows[q]!]!]!;
      if (!Number.isNaN(y)) v += y;
    }
    return v;
  };
  const order: { j: number; n: number; v: number }[] = [];
  for (let j = 0; j < k; j++) if (size(j) > 0) order.push({ j, n: size(j), v: segmentValue(j) });
  order.sort((p, q) => q.v - p.v || q.n - p.n || p.j - q.j);
  const scratch = new Float64Array(idx.length);
  return order.map((e, rank) => {
    const rows = groups.rows.subarray(groups.start[e.j]!, groups.start[e.j + 1]!);
    for (let q = 0; q < rows.length; q++) out[idx[rows[q]!]!] = offset + rank;
    const profile = features.map((f, t) => {
      const vals = scratch.subarray(0, rows.length);
      let mean = 0,
        z = 0;
      for (let q = 0; q < rows.length; q++) {
        const a = rows[q]!;
        vals[q] = f.values[idx[a]!]!;
        mean += vals[q]!;
        z += x[a * d + t]!;
      }
      return { feature: f.name, unit: f.unit, mean: mean / rows.length, median: medianInPlace(vals), z: z / rows.length };
    });
    const notable = profile
      .filter((p) => Math.abs(p.z) >= 0.5)
      .sort((p, q) => Math.abs(q.z) - Math.abs(p.z))
      .slice(0, 2);
    const words = notable.length
      ? notable.map((p) => `${p.z > 0 ? 'high' : 'low'} ${p.feature} (median ${fmt(p.median)} ${p.unit})`).join(', ')
      : `typical ${stage} customers`;
    return {
      label: `${stage}:${rank + 1}`,
      stage,
      size: rows.length,
      stageShare: rows.length / idx.length,
      valueShare: totalValue !== 0 ? e.v / totalValue : 0,
      description: words,
      profile,
    };
  });
}

const fmt = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2));
