import type { Engine } from '../engine/engine.js';
import { EngineError, InputError } from '../errors.js';
import { COUNT_MODEL_REGISTRY, type CountModel, type CountModelName } from '../models/count-models.js';
import { assessCountFit, assessFit } from '../models/shared/fit-assessment.js';
import type { SummaryOptions } from '../summary/summary.js';
import { PERIODS_PER_YEAR } from './clv.js';
import { databaseScoresSql, repeatSpendSumSql, scoresTotalsSql, stagedRfmPatternsSql } from './database-scores-sql.js';
import { fitSpendInDatabase, type DatabaseSpendFit } from './database-spend-fit.js';
import { checkScoresTable, withStagedSummary, writeDatabaseScores } from './database-scores-write.js';
import { historicPatternSpend, scorePatterns, type PatternSpend } from './pattern-scores.js';
import { predictionUnits, type Prediction } from './predict.js';

/** What a spend fit in the database read (see `DatabaseSpendFit`). */
export type SpendFitReads = Omit<DatabaseSpendFit, 'spend'>;

export interface DatabaseScoreOptions extends SummaryOptions {
  model: CountModelName;
  spendModel: 'gamma-gamma' | 'historic';
  /** Horizon in periods of the summary's period. */
  horizon: number;
  annualDiscountRate: number;
  /** Margin as a fraction of spend, for everyone. */
  margin: number;
  /** Table receiving one row per customer (replaced; see `checkScoresTable`). */
  into: string;
  /** Called after each step of the scoring grid (patterns only). */
  onStep?: (done: number, total: number) => void;
}

/** What {@link scoreInDatabase} wrote, with the fits and their doubts (as {@link Prediction}, without per-customer arrays). */
export interface DatabaseScores
  extends Pick<Prediction, 'fit' | 'spendFit' | 'assessment' | 'spendAssessment' | 'warnings' | 'notes' | 'zeroSpend' | 'units'> {
  table: string;
  customers: number;
  /** Distinct (x, t_x, T) patterns scored in Node. */
  patterns: number;
  /** What the spend fit read: for Gamma-Gamma the distinct x of the repeat buyers, the queries (one per batch of γ values), rows and γ values. */
  spendFitReads: SpendFitReads;
  /** Sum of the customers' CLV (computed by the engine). */
  totalClv: number;
}

/**
 * Scores every customer where the data lives (issue 16): the count model is fitted on the distinct
 * (x, t_x, T) patterns (grouped by the engine) and Gamma-Gamma from sums per distinct x computed on the
 * shards (`fitSpendInDatabase`), the quantities that need special functions (P(alive), expected purchases, DERT) are
 * computed in Node once per pattern, and the elementary rest (expected spend, CLV) per customer in SQL
 * joined to them (`databaseScoresSql`), written into `options.into` (on ClickHouse by every shard for
 * its own customers). What reaches Node grows with patterns and distinct x, not customers. The values are those of
 * `predictCustomers` with the same parameters (the same doubles on DuckDB; on ClickHouse to rounding
 * of sums, as its sums add in another order).
 *
 * @throws InputError `unknown_model`, `bad_table_name`, `table_not_scores`, those of the summary and
 *   of the fits, and `spend_population_mean_infinite` (see `fitSpendOnPatterns`)
 * @example
 * const s = await scoreInDatabase(engine, { model: 'bg-nbd', spendModel: 'gamma-gamma', horizon: 52, annualDiscountRate: 0.1, margin: 1, into: 'scores' });
 * s.customers; // → 2357 on CDNOW
 */
export async function scoreInDatabase(engine: Engine, options: DatabaseScoreOptions): Promise<DatabaseScores> {
  const model = COUNT_MODEL_REGISTRY[options.model];
  if (!model) throw new InputError('unknown_model', `Unknown model "${options.model}"`, {});
  await checkScoresTable(engine, options.into);
  return withStagedSummary(engine, options, (summary, patterns, period) => scoreStaged(engine, model, options, period, summary, patterns));
}

async function scoreStaged(
  engine: Engine,
  model: CountModel,
  options: DatabaseScoreOptions,
  period: 'day' | 'week',
  summaryTable: string,
  patternTable: string,
): Promise<DatabaseScores> {
  const d = engine.dialect;
  const p = await engine.columns(stagedRfmPatternsSql(d, summaryTable), { x: 'f64', tx: 'f64', t_cal: 'f64', n: 'f64' });
  const rfm = { x: p.f64.x!, tx: p.f64.tx!, T: p.f64.t_cal!, weights: p.f64.n!, patterns: p.length, customers: 0 };
  for (const w of rfm.weights) rfm.customers += w;
  if (rfm.customers === 0) throw new InputError('empty_log', 'No customer has a purchase up to the calibration end: nothing to score', {});
  const fit = model.fit(rfm);
  const [spend, spendFitReads] = await fitSpend(engine, options.spendModel, summaryTable);
  const scores = scorePatterns(model, fit.params, rfm, {
    horizon: options.horizon,
    annualDiscountRate: options.annualDiscountRate,
    periodsPerYear: PERIODS_PER_YEAR[period],
    onStep: options.onStep,
  });
  const n = rfm.patterns;
  const constant = (v: number): Float64Array => new Float64Array(n).fill(v);
  const batch = {
    length: n,
    f64: {
      frequency: rfm.x,
      recency: rfm.tx,
      T: rfm.T,
      p_alive: scores.pAlive,
      expected_purchases: scores.expectedPurchases,
      dert: scores.dert,
      spend_p: constant(spend.p),
      spend_q: constant(spend.q),
      spend_gamma: constant(spend.gamma),
      spend_mean: constant(spend.mean),
      margin: constant(options.margin),
    },
    strings: {},
  };
  await writeDatabaseScores(
    engine,
    options.into,
    batch,
    (patterns) => databaseScoresSql({ summaryTable, patternTable: patterns, spendModel: options.spendModel }),
    patternTable,
  );
  const [t] = await engine.rows<{ n: number; clv: number; missing: number }>(scoresTotalsSql(d, options.into));
  if (Number(t!.n) !== rfm.customers || Number(t!.missing) !== 0)
    throw new EngineError(
      'row_accounting',
      `${options.into} holds ${t!.n} customers (${t!.missing} without a pattern score); the patterns count ${rfm.customers}`,
      { table: options.into },
    );
  const assessment = assessCountFit(model, fit, rfm, scores.pAlive);
  const spendAssessment = spend.fit ? assessFit(spend.fit) : null;
  const notes = spend.zeroSpend.count > 0 && spend.fit ? [spend.fit.warnings[spend.fit.warnings.length - 1]!] : [];
  return {
    table: options.into,
    customers: Number(t!.n),
    patterns: n,
    spendFitReads,
    totalClv: Number(t!.clv),
    fit,
    spendFit: spend.fit,
    assessment,
    spendAssessment,
    warnings: [assessment.summary, spendAssessment?.summary ?? ''].filter((w) => w !== ''),
    notes,
    zeroSpend: spend.zeroSpend,
    units: predictionUnits({ ...options, period }, spend.label),
  };
}

/**
 * The spend model: historic from one row of sums; Gamma-Gamma fitted on the shards from sums grouped
 * by x (`fitSpendInDatabase`: no row per customer or per (x, m̄ₓ) reaches Node).
 * Returns the model and what its fit read.
 */
async function fitSpend(engine: Engine, model: 'gamma-gamma' | 'historic', summaryTable: string): Promise<[PatternSpend, SpendFitReads]> {
  if (model === 'historic') {
    const [r] = await engine.rows<{ spend_sum: number; buyers: number }>(repeatSpendSumSql(engine.dialect, summaryTable));
    return [historicPatternSpend(Number(r!.spend_sum), Number(r!.buyers)), { distinctX: 0, queries: 1, rows: 1, gammas: 0 }];
  }
  const { spend, ...reads } = await fitSpendInDatabase(engine, summaryTable);
  return [spend, reads];
}
