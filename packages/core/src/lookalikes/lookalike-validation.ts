import { aucDeLong, type AucResult } from '../math/stats/auc-delong.js';
import type { CrossValidation, LookalikeTraining } from './lookalike-model.js';

/** One decile of the out-of-fold probabilities. */
export interface CalibrationRow {
  bin: number;
  /** Probability range of the bin [low, high]. */
  low: number;
  high: number;
  customers: number;
  meanPredicted: number;
  /** Share of the bin's customers in the top tier. */
  observedTop: number;
  /** Mean predicted CLV of the bin's customers (currency). */
  meanClv: number;
}

export interface ModelCheck {
  label: string;
  auc: AucResult;
  /** Top-tier rate among the 10% of customers scored highest, over the base rate. */
  liftTopDecile: number;
}

export interface LookalikeValidation {
  folds: number;
  baseRate: number;
  model: ModelCheck;
  /** Channel only (null without a channel attribute); random ranking is AUC 0.5, lift 1. */
  baseline: ModelCheck | null;
  calibration: CalibrationRow[];
  /** Upper edges of the calibration bins (9 cut points), for placing prospects. */
  edges: Float64Array;
  /** True when the AUC interval lies above 0.5. */
  signal: boolean;
  verdict: string;
}

/** Lift of the top `share` of scores: their positive rate over the overall rate (ties at the cut shared in proportion). */
export function liftAt(scores: Float64Array, labels: Uint8Array, share: number): number {
  const n = scores.length;
  if (n === 0) return NaN;
  const k = Math.max(1, Math.ceil(share * n));
  const sorted = Float64Array.from(scores).sort();
  const t = sorted[n - k]!;
  let above = 0,
    aboveTop = 0,
    tied = 0,
    tiedTop = 0,
    top = 0;
  for (let i = 0; i < n; i++) {
    top += labels[i]!;
    if (scores[i]! > t) {
      above++;
      aboveTop += labels[i]!;
    } else if (scores[i] === t) {
      tied++;
      tiedTop += labels[i]!;
    }
  }
  const hits = aboveTop + ((k - above) * tiedTop) / tied;
  return top > 0 ? hits / k / (top / n) : NaN;
}

const check = (label: string, cv: CrossValidation, target: Uint8Array): ModelCheck => ({
  label,
  auc: aucDeLong(cv.oof, target),
  liftTopDecile: liftAt(cv.oof, target, 0.1),
});

/**
 * Validates the look-alike model on held-out customers (k-fold out-of-fold probabilities): AUC with
 * its DeLong 95% interval, lift in the top decile, a calibration table by deciles of the predicted
 * probability, the channel-only baseline, and a verdict in words that says plainly when the
 * attributes carry no signal (the AUC interval includes 0.5).
 */
export function validateLookalike(t: LookalikeTraining, clv: Float64Array): LookalikeValidation {
  const n = t.target.length;
  let top = 0;
  for (const v of t.target) top += v;
  const model = check('attributes model', t.cv, t.target);
  const baseline = t.baseline ? check('channel only', t.baseline, t.target) : null;
  const sorted = Float64Array.from(t.cv.oof).sort();
  const edges = Float64Array.from({ length: 9 }, (_, j) => sorted[Math.min(n - 1, Math.floor(((j + 1) * n) / 10))] ?? NaN);
  const bins = Array.from({ length: 10 }, (_, b) => ({ bin: b + 1, low: Infinity, high: -Infinity, customers: 0, p: 0, top: 0, clv: 0 }));
  for (let i = 0; i < n; i++) {
    const p = t.cv.oof[i]!;
    const b = bins[binOf(edges, p)]!;
    b.customers++;
    b.p += p;
    b.top += t.target[i]!;
    b.clv += clv[i]!;
    b.low = Math.min(b.low, p);
    b.high = Math.max(b.high, p);
  }
  const calibration = bins
    .filter((b) => b.customers > 0)
    .map((b) => ({
      bin: b.bin,
      low: b.low,
      high: b.high,
      customers: b.customers,
      meanPredicted: b.p / b.customers,
      observedTop: b.top / b.customers,
      meanClv: b.clv / b.customers,
    }));
  const a = model.auc;
  const signal = a.low > 0.5;
  const ci = `AUC ${a.auc.toFixed(3)} (95% interval ${a.low.toFixed(3)} to ${a.high.toFixed(3)})`;
  const verdict = signal
    ? `The attributes carry signal about the top tier: ${ci}; the top 10% of scores hold ${model.liftTopDecile.toFixed(2)}× the base rate of top-tier customers${baseline ? `; channel alone reaches AUC ${baseline.auc.auc.toFixed(3)}` : ''}.`
    : `The attributes carry no detectable signal about the top tier: ${ci} includes 0.5, so the scores rank prospects no better than chance; do not target on them.`;
  return { folds: t.folds, baseRate: n > 0 ? top / n : NaN, model, baseline, calibration, edges, signal, verdict };
}

/** The calibration bin (0…9) of a probability. */
export function binOf(edges: Float64Array, p: number): number {
  let b = 0;
  while (b < edges.length && p > edges[b]!) b++;
  return b;
}
