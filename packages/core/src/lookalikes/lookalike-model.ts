import { compressRows, type CompressedRows } from '../models/shared/compress.js';
import { createRng } from '../math/random/rng.js';
import { fitLogisticL2, logisticLinearPredictor, type LogisticFit } from '../math/stats/logistic-l2.js';
import { valueTiers } from '../segments/value-tiers.js';
import type { AttributeColumn } from './attribute-columns.js';
import { attributeCodes, attributeTerms, buildEncoder, encodeRows, type AttributeEncoder } from './attribute-encoder.js';

export interface LookalikeTrainingOptions {
  /** Share of customers in the top tier by predicted CLV (default 0.2: Platinum, Gold and Silver of the default tiers). */
  topShare?: number;
  /** Folds of the cross-validation (default 5). */
  folds?: number;
  /** L2 penalty on the log-likelihood sum (default 10: a level of ~150 customers keeps ~70% of its own log-odds, one of 1,500 ~97%). */
  lambda?: number;
  /** Seed of the fold assignment (default 1). */
  seed?: number;
}

/** Out-of-fold probabilities of one model, for validation. */
export interface CrossValidation {
  oof: Float64Array;
  fits: Pick<LogisticFit, 'iterations' | 'converged'>[];
}

export interface LookalikeTraining {
  encoder: AttributeEncoder;
  /** The model fitted on every customer. */
  fit: LogisticFit;
  /** 1 = top tier. */
  target: Uint8Array;
  /** Smallest predicted CLV in the top tier. */
  threshold: number;
  topShare: number;
  lambda: number;
  folds: number;
  seed: number;
  cv: CrossValidation;
  /** The channel-only model's cross-validation (the baseline), when there is a channel attribute. */
  baseline: CrossValidation | null;
  /** Mean of each attribute's term of the linear predictor over the customers (the "average customer"). */
  averages: Float64Array;
}

/**
 * Fits the look-alike model: L2-regularised logistic regression (`fitLogisticL2`) of "top tier by
 * predicted CLV" on one-hot categorical and standardised numeric attributes, on customers compressed
 * to distinct attribute patterns; and k-fold cross-validation (folds by a seeded shuffle) giving
 * every customer an out-of-fold probability, for the model and for a channel-only baseline.
 */
export function trainLookalike(
  columns: readonly AttributeColumn[],
  clv: Float64Array,
  options: LookalikeTrainingOptions = {},
): LookalikeTraining {
  const topShare = options.topShare ?? 0.2,
    folds = options.folds ?? 5,
    lambda = options.lambda ?? 10,
    seed = options.seed ?? 1;
  const n = clv.length;
  const tiers = valueTiers(clv, [{ name: 'top', topShare }, { name: 'rest' }]);
  const target = Uint8Array.from(tiers.tier, (t) => (t === 0 ? 1 : 0));
  const threshold = tiers.tiers[0]!.cutoff ?? NaN;
  const fold = new Int32Array(n);
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
  for (let k = 0; k < n; k++) fold[perm[k]!] = k % folds;
  const encoder = buildEncoder(columns);
  const pats = compressRows(attributeCodes(encoder, columns).codes);
  const model = crossValidate(encoder, pats, target, fold, folds, lambda);
  const channel = columns.findIndex((c) => c.name === 'channel');
  let baseline: CrossValidation | null = null;
  if (channel >= 0 && columns.length > 1) {
    const only = buildEncoder([columns[channel]!]);
    baseline = crossValidate(only, compressRows(attributeCodes(only, [columns[channel]!]).codes), target, fold, folds, lambda).cv;
  }
  const terms = attributeTerms(encoder, pats.columns, model.final.beta);
  const k = encoder.attributes.length;
  const averages = new Float64Array(k);
  for (let r = 0; r < pats.size; r++) for (let a = 0; a < k; a++) averages[a]! += (pats.weights[r]! * terms[r * k + a]!) / n;
  return { encoder, fit: model.final, target, threshold, topShare, lambda, folds, seed, cv: model.cv, baseline, averages };
}

/** k-fold cross-validation and the fit on all rows, on compressed patterns. */
function crossValidate(
  encoder: AttributeEncoder,
  pats: CompressedRows,
  target: Uint8Array,
  fold: Int32Array,
  folds: number,
  lambda: number,
): { cv: CrossValidation; final: LogisticFit } {
  const P = pats.size,
    n = target.length;
  const rows = encodeRows(encoder, pats.columns);
  const trials = new Float64Array((folds + 1) * P),
    successes = new Float64Array((folds + 1) * P);
  for (let i = 0; i < n; i++) {
    const p = pats.rowPattern[i]!;
    trials[fold[i]! * P + p]!++;
    successes[fold[i]! * P + p]! += target[i]!;
    trials[folds * P + p]!++;
    successes[folds * P + p]! += target[i]!;
  }
  const oof = new Float64Array(n);
  const fits: CrossValidation['fits'] = [];
  const t = new Float64Array(P),
    s = new Float64Array(P);
  for (let f = 0; f < folds; f++) {
    for (let p = 0; p < P; p++) {
      t[p] = trials[folds * P + p]! - trials[f * P + p]!;
      s[p] = successes[folds * P + p]! - successes[f * P + p]!;
    }
    const fit = fitLogisticL2(rows, s, t, lambda);
    fits.push({ iterations: fit.iterations, converged: fit.converged });
    const eta = logisticLinearPredictor(rows, fit.beta);
    for (let i = 0; i < n; i++) if (fold[i] === f) oof[i] = 1 / (1 + Math.exp(-eta[pats.rowPattern[i]!]!));
  }
  const final = fitLogisticL2(rows, successes.subarray(folds * P), trials.subarray(folds * P), lambda);
  return { cv: { oof, fits }, final };
}
