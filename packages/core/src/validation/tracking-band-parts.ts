import type { CountModel, CountModelName } from '../models/count-models.js';
import type { CompressedRows } from '../models/shared/compress.js';
import type { RfmData } from '../models/shared/model-types.js';

// Types and small helpers of trackingBand (tracking-band.ts).

/** Options of {@link trackingBand}. */
export interface TrackingBandOptions {
  /** Central coverage (default 0.9). */
  level?: number;
  /** Simulated bands only (MBG/CNBD-k): parameter draws, one simulated cohort each (default 400). */
  draws?: number;
  /** Simulated bands only: PRNG seed (default 1); the same seed gives the same band. */
  seed?: number;
}

/** Where the holdout starts on the tracking curve's time axis (periods after the cohort start). */
export interface TrackingHoldout {
  /** Calibration end c, in periods after the cohort start (the customers' T = c − birth). */
  calibrationEnd: number;
  /** Actual repeat purchases of the cohort up to the calibration end (Σ x). */
  calibrationTotal: number;
  /** Model time of the end of period k is k − endOffset (1/7 for weeks made of whole days, 1 for days; default 0). */
  endOffset?: number;
  /** Holdout end, periods after the cohort start: the last period stops there when it ends later (default: no limit). */
  holdoutEnd?: number;
}

/**
 * Prediction band of the tracking curve over the holdout (see {@link trackingBand}); arrays are per
 * period from `firstPeriod` to the last (index 0 = `firstPeriod`).
 */
export interface TrackingBand {
  level: number;
  /** What the band carries: both the fitted parameters' uncertainty and the purchase-count noise. */
  uncertainty: 'parameters and purchase noise';
  /** First period wholly in the holdout (1-based, as TrackingCurve.period). */
  firstPeriod: number;
  /** Expected cumulative repeat purchases: the actual count at the calibration end plus the model's expected holdout purchases. */
  cumulative: number[];
  cumulativeLo: number[];
  cumulativeHi: number[];
  /** Expected repeat purchases in each period at the fitted parameters. */
  incremental: number[];
  incrementalLo: number[];
  incrementalHi: number[];
  /** How the band was made, in words. */
  method: string;
}

/**
 * Posterior parameters of a customer alive at T with x repeat purchases, as a new customer of the alive
 * model (BG/NBD for both BG/NBD and MBG/NBD: no dropout before the first future purchase; FHL 2005 §A,
 * Batislam et al. 2007; Pareto/NBD: SMC 1987). Never throws.
 * @example
 * posterior('bg-nbd')({ r: 0.24, alpha: 4.4, a: 0.79, b: 2.4 }, 2, 30); // => { r: 2.24, alpha: 34.4, a: 0.79, b: 4.4 }
 */
export function posterior(name: CountModelName): (p: Record<string, number>, x: number, T: number) => Record<string, number> {
  if (name === 'pareto-nbd') return (p, x, T) => ({ r: p.r! + x, alpha: p.alpha! + T, s: p.s!, beta: p.beta! + T });
  const d = name === 'mbg-nbd' ? 1 : 0;
  return (p, x, T) => ({ r: p.r! + x, alpha: p.alpha! + T, a: p.a!, b: p.b! + x + d });
}

/**
 * Up to 9 indices 0 … H (always both ends, evenly spread) at which the band's gradient is computed.
 * @example
 * anchorIndices(39); // => [0, 5, 10, 15, 20, 24, 29, 34, 39]
 */
export function anchorIndices(H: number): number[] {
  const n = Math.min(H, 8);
  const out = new Set<number>([0, H]);
  for (let m = 1; m < n; m++) out.add(Math.round((m * H) / n));
  return [...out].sort((a, b) => a - b);
}

/**
 * The holdout's grid on the tracking curve's time axis: the first period wholly after the calibration
 * end c, the number H of holdout periods up to `periods`, and τ₀ … τ_H, the time from c to the end of
 * period first − 1 + h (capped at the holdout end; τ₀ covers the part of a period after c, if any).
 * @example
 * holdoutGrid(78, { calibrationEnd: 39, calibrationTotal: 0 }); // => { first: 40, H: 39, tau: [0, 1, …, 39] }
 */
export function holdoutGrid(periods: number, holdout: TrackingHoldout): { first: number; H: number; tau: Float64Array } {
  const c = holdout.calibrationEnd,
    o = holdout.endOffset ?? 0;
  let first = 1;
  while (first - 1 - o < c - 1e-9) first++;
  const H = Math.max(0, periods - first + 1);
  const end = holdout.holdoutEnd ?? Infinity;
  const tau = Float64Array.from({ length: H + 1 }, (_, h) => Math.max(0, Math.min(first - 1 + h - o, end) - c));
  return { first, H, tau };
}

/** "period 40" or "periods 40–78". */
export const periodWord = (a: number, b: number): string => (a === b ? `period ${a}` : `periods ${a}–${b}`);

/**
 * Per distinct (x, T) pair (`pairs` of `data`): Σ P(alive) and Σ P(alive)² over its customers, summed
 * customer by customer in row order. P(alive) is a function of (x, tₓ, T) alone, so with `triples`
 * (the distinct (x, tₓ, T) of `data`) it is evaluated once per triple instead of per customer: the
 * same values added in the same order, so the same sums to the last bit (the tracking band needs
 * them at the fit and at each shifted parameter).
 * @example
 * pAliveSums(COUNT_MODEL_REGISTRY['bg-nbd'], params, rfm, compressRows([rfm.x, rfm.T])).s1; // Σ P(alive) per (x, T)
 */
export function pAliveSums(
  model: CountModel,
  p: Record<string, number>,
  data: RfmData,
  pairs: CompressedRows,
  triples?: CompressedRows,
): { s1: Float64Array; s2: Float64Array } {
  const pa = triples ? model.pAlive(p, { x: triples.columns[0]!, tx: triples.columns[1]!, T: triples.columns[2]! }) : model.pAlive(p, data);
  const at = triples?.rowPattern;
  const s1 = new Float64Array(pairs.size),
    s2 = new Float64Array(pairs.size);
  for (let i = 0; i < data.x.length; i++) {
    const j = pairs.rowPattern[i]!,
      v = pa[at ? at[i]! : i]!;
    s1[j] += v;
    s2[j] += v * v;
  }
  return { s1, s2 };
}
