import { InputError } from '../errors.js';
import { createRng } from '../math/random/rng.js';
import { fitRidgeLinear, fitRidgeLogistic, linearPredictor, type RidgeFit } from '../math/stats/ridge-regression.js';
import { outcomeKind } from './arm-moments.js';
import type { OutcomeKind } from './experiment-types.js';
import { qiniAt, qiniCoefficient, qiniCoefficientInOrder, qiniCurve, type QiniCurve } from './qini.js';
import { buildDesign, type Design, type FeatureColumn } from './uplift-features.js';

/** Input of {@link fitUpliftModel}: one test arm against the control. */
export interface UpliftModelInput {
  /** Per row: 1 = test arm, 0 = control. */
  treated: Uint8Array;
  outcome: Float64Array;
  kind?: OutcomeKind;
  features: readonly FeatureColumn[];
  /** Rows of the two arms (default: all rows). */
  rows?: Uint32Array;
}

/** Options of {@link fitUpliftModel}. */
export interface UpliftModelOptions {
  /** `two-model` (default: one regression per arm, uplift = difference) or `transformed-outcome`. */
  method?: 'two-model' | 'transformed-outcome';
  /** Share of rows held out for the evaluation, default 0.3. */
  holdoutShare?: number;
  /** Seed of the split and of the random-targeting band, default 1. */
  seed?: number;
  /** Ridge penalty on the standardised features, default 1. */
  lambda?: number;
  /** Random rankings for the band of random targeting, default 200. */
  permutations?: number;
}

/** One point of the Qini table (every 10% of the held-out customers targeted). */
export interface QiniPoint {
  fraction: number;
  targeted: number;
  /** Incremental outcome per held-out customer, targeting by the uplift model. */
  model: number;
  /** The same, targeting by the response model (the customers most likely to respond if treated). */
  responseModel: number;
  /** The same, random targeting (the straight line). */
  random: number;
  /** Uplift (test − control) among the customers the uplift model targets. */
  upliftTargeted: number;
}

/** A fitted and evaluated uplift model. */
export interface UpliftModelResult {
  method: 'two-model' | 'transformed-outcome';
  kind: OutcomeKind;
  features: string[];
  trainSize: number;
  testSize: number;
  /** Qini coefficients on the held-out part (outcome unit per customer; random targeting = 0). */
  qini: { model: number; responseModel: number; randomLower: number; randomUpper: number };
  /** The model's Qini coefficient is above the 97.5% point of random rankings. */
  beatsRandom: boolean;
  points: QiniPoint[];
  /** The held-out Qini curve of the model (every distinct score). */
  curve: QiniCurve;
  /** Coefficients by design column (two-model: treated and control; transformed-outcome: uplift). */
  coefficients: Record<string, number[]>;
  /** Predicted uplift for every row (0 for rows outside `rows`). */
  scores: Float64Array;
  converged: boolean;
  warnings: string[];
}

const fitOf = (kind: OutcomeKind, d: Design, y: Float64Array, rows: Uint32Array, lambda: number): RidgeFit =>
  (kind === 'rate' ? fitRidgeLogistic : fitRidgeLinear)(d.X, d.p, y, rows, lambda);

const predictOf = (kind: OutcomeKind, d: Design, r: number, beta: Float64Array): number => {
  const eta = linearPredictor(d.X, d.p, r, beta);
  return kind === 'rate' ? 1 / (1 + Math.exp(-eta)) : eta;
};

/**
 * Fits an uplift model for deciding whom to target next time and evaluates it on a held-out part
 * against random targeting and against a response model.
 *
 * ## Method
 * A seeded split holds out `holdoutShare` of the rows. `two-model` (the "two-model" or T-learner
 * approach; Radcliffe & Surry 2011, "Real-world uplift modelling with significance-based uplift
 * trees", §2) fits a ridge logistic (rates) or ridge linear (means) regression to each arm's training
 * rows; the uplift of a customer is the difference of the two predictions. `transformed-outcome`
 * (Athey & Imbens 2016, "Recursive partitioning for heterogeneous causal effects", PNAS, §3) regresses
 * Z = y·(W/e − (1−W)/(1−e)), e the treated share, on the features with ridge: E[Z | x] is the uplift.
 * On the held-out rows, the Qini curve and coefficient (Radcliffe 2007) of the uplift ranking are
 * compared with (a) the band of `permutations` random rankings (2.5%–97.5%) and (b) the response
 * model (the treated arm's regression: "target whoever is likely to buy"), the usual practice an
 * uplift model must beat.
 *
 * @throws InputError `uplift_too_small` when an arm has fewer than 20 training rows;
 *   `no_features` when no feature column varies.
 * @example
 * const m = fitUpliftModel({ treated, outcome: visit, features: [{ name: 'history', numeric: history }] });
 * m.qini.model > m.qini.randomUpper; // the model ranks better than chance
 */
export function fitUpliftModel(input: UpliftModelInput, options: UpliftModelOptions = {}): UpliftModelResult {
  const method = options.method ?? 'two-model';
  const lambda = options.lambda ?? 1;
  const holdout = options.holdoutShare ?? 0.3;
  const seed = options.seed ?? 1;
  const n = input.outcome.length;
  const rows = input.rows ?? Uint32Array.from({ length: n }, (_, i) => i);
  const kind = outcomeKind(input.outcome, input.kind);
  // seeded split: shuffle the rows, hold out the first share
  const rng = createRng(seed);
  const shuffled = Uint32Array.from(rows);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = shuffled[i]!;
    shuffled[i] = shuffled[j]!;
    shuffled[j] = t;
  }
  const nTest = Math.round(holdout * shuffled.length);
  const test = shuffled.slice(0, nTest).sort();
  const train = shuffled.slice(nTest).sort();
  const trainT = train.filter((r) => input.treated[r] === 1),
    trainC = train.filter((r) => input.treated[r] !== 1);
  if (trainT.length < 20 || trainC.length < 20) {
    throw new InputError(
      'uplift_too_small',
      `The uplift model needs at least 20 training customers in each arm; got ${trainT.length} treated and ${trainC.length} control`,
      { treated: trainT.length, control: trainC.length },
    );
  }
  const d = buildDesign(input.features, n, train);
  if (d.p < 2)
    throw new InputError(
      'no_features',
      `No feature varies among the training customers (${input.features.map((f) => f.name).join(', ') || 'none given'}); the uplift model needs at least one`,
      {},
    );
  const warnings: string[] = [];
  const coefficients: Record<string, number[]> = {};
  const fitT = fitOf(kind, d, input.outcome, trainT, lambda);
  let converged = fitT.converged;
  const scores = new Float64Array(n);
  const response = new Float64Array(n);
  for (const r of rows) response[r] = predictOf(kind, d, r, fitT.coefficients);
  if (method === 'two-model') {
    const fitC = fitOf(kind, d, input.outcome, trainC, lambda);
    converged &&= fitC.converged;
    for (const r of rows) scores[r] = response[r]! - predictOf(kind, d, r, fitC.coefficients);
    coefficients.treated = Array.from(fitT.coefficients);
    coefficients.control = Array.from(fitC.coefficients);
  } else {
    const e = trainT.length / train.length;
    const z = new Float64Array(n);
    for (const r of train) z[r] = input.outcome[r]! * (input.treated[r] === 1 ? 1 / e : -1 / (1 - e));
    const fitZ = fitRidgeLinear(d.X, d.p, z, train, lambda);
    converged &&= fitZ.converged;
    for (const r of rows) scores[r] = linearPredictor(d.X, d.p, r, fitZ.coefficients);
    coefficients.uplift = Array.from(fitZ.coefficients);
    coefficients.response = Array.from(fitT.coefficients);
  }
  if (!converged) warnings.push('a regression did not converge (collinear features or separation); the scores may be unreliable');
  const curve = qiniCurve(scores, input.treated, input.outcome, test);
  const respCurve = qiniCurve(response, input.treated, input.outcome, test);
  const model = qiniCoefficient(curve),
    responseModel = qiniCoefficient(respCurve);
  // band of random rankings: the held-out rows in seeded random orders
  const m = options.permutations ?? 200;
  const random = new Float64Array(m);
  const order = Uint32Array.from(test);
  for (let k = 0; k < m; k++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    random[k] = qiniCoefficientInOrder(order, input.treated, input.outcome);
  }
  random.sort();
  const randomLower = random[Math.floor(0.025 * (m - 1))] ?? NaN,
    randomUpper = random[Math.ceil(0.975 * (m - 1))] ?? NaN;
  const end = curve.qini[curve.qini.length - 1] ?? 0;
  const points: QiniPoint[] = [];
  for (let i = 0; i <= 10; i++) {
    const f = i / 10;
    points.push({
      fraction: f,
      targeted: Math.round(f * test.length),
      model: qiniAt(curve, f),
      responseModel: qiniAt(respCurve, f),
      random: f * end,
      upliftTargeted: i === 0 ? NaN : qiniAt(curve, f, 'uplift'),
    });
  }
  if (!(model > randomUpper))
    warnings.push(
      'the uplift model does not rank the held-out customers better than random targeting (its Qini coefficient is inside the band of random rankings): do not use it to choose whom to target',
    );
  return {
    method,
    kind,
    features: d.names,
    trainSize: train.length,
    testSize: test.length,
    qini: { model, responseModel, randomLower, randomUpper },
    beatsRandom: model > randomUpper,
    points,
    curve,
    coefficients,
    scores,
    converged,
    warnings,
  };
}
