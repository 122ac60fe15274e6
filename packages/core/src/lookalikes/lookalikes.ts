import { requireScores } from '../pipeline-models.js';
import { onDuckDb, type MirroredTable } from '../engine/clickhouse/duckdb-mirror.js';
import { rebuildWideTables } from '../inputs/input-wide.js';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { UNKNOWN } from '../inputs/attribution-sql.js';
import { ensureInputTables } from '../inputs/input-ingest.js';
import type { ModelScores, ModelsReport } from '../pipeline.js';
import type { CustomerSummary } from '../summary/summary.js';
import type { AttributeType } from '../inputs/input-sql.js';
import { attributeSpecs, customerAttributeColumns, prospectAttributeColumns, type AttributeColumn } from './attribute-columns.js';
import { trainLookalike, type LookalikeTraining, type LookalikeTrainingOptions } from './lookalike-model.js';
import { scoreProspects, type ProspectScores } from './lookalike-score.js';
import { validateLookalike, type LookalikeValidation } from './lookalike-validation.js';

/**
 * What look-alikes read on a ClickHouse workspace, copied into a temporary DuckDB: the customers and
 * prospects files only (one row per entity and attribute), never the transaction log.
 */
export const LOOKALIKE_TABLES: readonly MirroredTable[] = [
  'input_sources',
  'input_attributes',
  'customer_profiles',
  'customer_attributes',
  'prospects',
  'prospect_attributes',
].map((name) => ({ name }));

export interface LookalikeOptions extends LookalikeTrainingOptions {
  summary: CustomerSummary;
  models: { report: ModelsReport; scores: ModelScores | null };
}

/** What one attribute level (or one standard deviation of a number) does to the odds of the top tier. */
export interface AttributeEffect {
  attribute: string;
  /** The level; for a numeric attribute "+1 sd (= 2.3)" or "unknown". */
  level: string;
  customers: number;
  /** Share of these customers in the top tier (observed). */
  topRate: number;
  /** Odds of the top tier against the average customer (model fitted on every customer). */
  oddsVsAverage: number;
}

export interface LookalikeReport {
  computedAt: string;
  asOf: string;
  target: { rule: string; topShare: number; threshold: number; customers: number; topCustomers: number; clvUnits: string };
  /** Attributes in the model, and the ones left out with why. */
  attributes: string[];
  leftOut: string[];
  lambda: number;
  converged: boolean;
  effects: AttributeEffect[];
  validation: LookalikeValidation;
  prospects: ProspectScores;
  notes: string[];
}

/**
 * Look-alike prospects: learns which customer attributes mark the top value tier (top 20% by
 * predicted CLV) with an L2-regularised logistic regression, validates it on held-out customers
 * (k-fold: AUC with DeLong interval, top-decile lift, calibration, channel-only baseline) and scores
 * every prospect of the workspace (probability of the top tier, expected CLV, the attributes that
 * drive the score). Attributes used: those the customers and prospects files share, and the channel.
 *
 * @throws InputError `missing_attributes` (no customers file: CDNOW), `missing_prospects`,
 *   `no_shared_attributes`.
 */
export async function lookalikeReport(engine: Engine, options: LookalikeOptions): Promise<LookalikeReport> {
  // issue 16: this report's SQL (level tables, wide tables) is DuckDB's; on ClickHouse it runs on a
  // temporary DuckDB holding the customers and prospects files (it never reads the log)
  if (engine.dialect.name !== 'duckdb')
    return onDuckDb(engine, LOOKALIKE_TABLES, async (duck) => {
      await rebuildWideTables(duck); // ClickHouse keeps the attributes long only
      return lookalikeReport(duck, options);
    });
  const s = options.summary;
  const { shared, withChannel, leftOut } = await requireLookalikeInputs(engine);
  const columns = await customerAttributeColumns(engine, s.customerId, shared, withChannel);
  const fitted = requireScores(options.models, 'Look-alikes (top tiers by predicted CLV)');
  const clv = fitted.scores.clv;
  const training = trainLookalike(columns, clv, options);
  const validation = validateLookalike(training, clv);
  const p = await prospectAttributeColumns(engine, shared, columns);
  const prospects = scoreProspects(training, validation, p);
  const top = training.target.reduce((a, b) => a + b, 0);
  const units = fitted.report.units.horizon;
  const notes = [
    `Target: top ${(100 * training.topShare).toFixed(0)}% of customers by predicted CLV (${units}; CLV ≥ ${training.threshold.toFixed(2)}): ${top.toLocaleString('en-US')} of ${s.length.toLocaleString('en-US')} customers.`,
    `Model: logistic regression with an L2 penalty (λ = ${training.lambda}) on ${columns.map((c) => c.name).join(', ')}: categorical attributes one-hot, numeric ones standardised (missing values at the mean, with a flag); odds are against the average customer.`,
    `Validation: ${training.folds}-fold cross-validation on the customers (seed ${training.seed}); AUC interval by DeLong et al. (1988); baselines: random ranking (AUC 0.5, lift 1)${validation.baseline ? ' and channel only' : ''}.`,
    'Expected CLV of a prospect: the mean predicted CLV of the customers whose held-out probability fell in the same decile.',
    ...(leftOut.length ? [`Left out: ${leftOut.join(', ')}.`] : []),
    ...(prospects.withUnseen > 0
      ? [
          `${prospects.withUnseen.toLocaleString('en-US')} prospects have attribute values never seen among customers (see the unseen table); those attributes are scored as for the average customer.`,
        ]
      : []),
  ];
  return {
    computedAt: new Date().toISOString(),
    asOf: s.calibrationEnd,
    target: {
      rule: `top ${(100 * training.topShare).toFixed(0)}% by predicted CLV`,
      topShare: training.topShare,
      threshold: training.threshold,
      customers: s.length,
      topCustomers: top,
      clvUnits: units,
    },
    attributes: columns.map((c) => c.name),
    leftOut,
    lambda: training.lambda,
    converged: training.fit.converged,
    effects: attributeEffects(training, columns),
    validation,
    prospects,
    notes,
  };
}

/**
 * Checks, before any model is fitted, that the workspace has customer attributes (or acquisition
 * channels) and prospects sharing some of them; returns the attributes to use.
 * @throws InputError `missing_attributes` (CDNOW), `missing_prospects`, `no_shared_attributes`.
 */
export async function requireLookalikeInputs(
  engine: Engine,
): Promise<{ shared: { name: string; type: AttributeType }[]; withChannel: boolean; leftOut: string[] }> {
  await ensureInputTables(engine);
  const customerSpecs = await attributeSpecs(engine, 'customers');
  const [counts] = await engine.rows<{ prospects: number; pchannel: number; cchannel: number }>(`SELECT
    (SELECT count(*) FROM prospects) AS prospects, (SELECT count(acquisition_channel) FROM prospects) AS pchannel,
    (SELECT count(acquisition_channel) FROM customer_profiles) AS cchannel`);
  if (customerSpecs.length === 0 && counts!.cchannel === 0) {
    throw new InputError(
      'missing_attributes',
      'Look-alike prospects need customer attributes (give --customers FILE: customer id, acquisition channel and attributes such as region or age band); this data has none',
      {},
    );
  }
  if (counts!.prospects === 0)
    throw new InputError(
      'missing_prospects',
      "No prospects to score: give a prospects file (prospect id and the customers' attribute columns)",
      {},
    );
  const prospectSpecs = await attributeSpecs(engine, 'prospects');
  const shared = customerSpecs.filter((c) => prospectSpecs.some((p) => p.name === c.name));
  const withChannel = counts!.cchannel > 0 && counts!.pchannel > 0;
  const leftOut = [
    ...customerSpecs.filter((c) => !shared.includes(c)).map((c) => `${c.name} (not in the prospects file)`),
    ...prospectSpecs.filter((p) => !customerSpecs.some((c) => c.name === p.name)).map((p) => `${p.name} (prospects only)`),
    ...(counts!.cchannel > 0 && !withChannel ? ['channel (the prospects file has none)'] : []),
  ];
  if (shared.length === 0 && !withChannel)
    throw new InputError(
      'no_shared_attributes',
      `The prospects file shares no attribute with the customers file (customers: ${customerSpecs.map((c) => c.name).join(', ') || 'none'}; prospects: ${prospectSpecs.map((p) => p.name).join(', ') || 'none'})`,
      {},
    );
  return { shared, withChannel, leftOut };
}

/** Per level (categorical) or per standard deviation (numeric): customers, observed top rate, odds against the average customer. */
function attributeEffects(t: LookalikeTraining, columns: readonly AttributeColumn[]): AttributeEffect[] {
  const out: AttributeEffect[] = [];
  t.encoder.attributes.forEach((e, a) => {
    const c = columns[a]!;
    if (e.type === 'categorical' && c.type === 'categorical') {
      const n = new Float64Array(e.levels.length),
        top = new Float64Array(e.levels.length);
      c.codes.forEach((j, i) => {
        n[j]!++;
        top[j]! += t.target[i]!;
      });
      e.levels.forEach((level, j) =>
        out.push({
          attribute: e.name,
          level,
          customers: n[j]!,
          topRate: n[j]! > 0 ? top[j]! / n[j]! : NaN,
          oddsVsAverage: Math.exp(t.fit.beta[1 + e.offset + j]! - t.averages[a]!),
        }),
      );
    } else if (e.type === 'numeric' && c.type === 'numeric') {
      let n = 0,
        top = 0,
        nm = 0,
        topm = 0;
      c.values.forEach((v, i) => {
        if (Number.isNaN(v)) {
          nm++;
          topm += t.target[i]!;
        } else {
          n++;
          top += t.target[i]!;
        }
      });
      out.push({
        attribute: e.name,
        level: `+1 sd (${Number(e.sd.toPrecision(3))})`,
        customers: n,
        topRate: n > 0 ? top / n : NaN,
        oddsVsAverage: Math.exp(t.fit.beta[1 + e.offset]!),
      });
      if (e.missing)
        out.push({
          attribute: e.name,
          level: UNKNOWN,
          customers: nm,
          topRate: nm > 0 ? topm / nm : NaN,
          oddsVsAverage: Math.exp(t.fit.beta[1 + e.offset + 1]! - t.averages[a]!),
        });
    }
  });
  return out;
}
