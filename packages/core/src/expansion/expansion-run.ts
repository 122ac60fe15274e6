import type { Engine } from '../engine/engine.js';
import type { ModelScores } from '../pipeline.js';
import type { CostModel } from '../profitability/cost-model.js';
import { LIFECYCLE_STAGES } from '../segments/lifecycle.js';
import type { Segmentation } from '../segments/segmentation.js';
import { loadBaskets } from './baskets.js';
import {
  notComputedFrom,
  notComputedFromAny,
  type BasketsStage,
  type HeadroomGrouping,
  type HeadroomStage,
  type HeadroomStageOptions,
  type OfferBacktestStage,
  type OfferStageOptions,
  type OffersStage,
  type RuleThresholds,
  type RulesResult,
} from './expansion-stage.js';
import { headroomReport } from './headroom-report.js';
import { loadItemFacts, type ItemValues } from './item-values.js';
import { OFFER_DEFAULTS } from './offer-fit.js';
import { backtestOffers } from './offers-backtest.js';
import { offersReport } from './offers-report.js';
import type { ProductCatalog } from './product-catalog.js';
import { mineRules, RULE_DEFAULTS } from './rules-report.js';
import { MS_PER_DAY } from '../summary/summary.js';
import { idPositions, positionalLookup } from '../customers/id-index.js';

const n = (x: number): string => x.toLocaleString('en-US');

/**
 * The product baskets of the log up to `asOf` (order id, or customer-day without one; returns
 * netted out), or not_computed when the log has no product ids or no basket is left.
 * @example
 * const b = await readBasketsStage(engine, '1998-06-30');
 * b.status === 'not_computed' && b.reason; // 'The log has no product ids (0 of 6,919 rows …'
 */
export async function readBasketsStage(engine: Engine, asOf: string): Promise<BasketsStage> {
  try {
    return { status: 'ok', asOf, baskets: await loadBaskets(engine, { to: asOf, level: 'product' }) };
  } catch (error) {
    return notComputedFrom(error);
  }
}

/** Thresholds with the defaults of `cvm rules` filled in. */
export function ruleThresholds(t: RuleThresholds = {}): RulesResult['thresholds'] & { maxItemsets?: number } {
  return {
    minSupport: t.minSupport ?? RULE_DEFAULTS.minSupport,
    minConfidence: t.minConfidence ?? RULE_DEFAULTS.minConfidence,
    minLift: t.minLift ?? RULE_DEFAULTS.minLift,
    maxLength: t.maxLength ?? RULE_DEFAULTS.maxLength,
    ...(t.maxItemsets === undefined ? {} : { maxItemsets: t.maxItemsets }),
  };
}

/**
 * Association rules of the baskets at the given thresholds (FP-growth, single-item consequents),
 * with the consequent's margin per purchase when product costs are known.
 * @throws InputError from `mineRules` when a threshold is out of range or the itemsets explode (the message says which threshold to raise)
 * @example
 * const r = await computeRules(engine, baskets, { minSupport: 0.006, minConfidence: 0.25 }, null);
 * r.rules.length; // → 463 on the Groceries baskets
 */
export async function computeRules(
  engine: Engine,
  stage: Extract<BasketsStage, { status: 'ok' }>,
  thresholds: RuleThresholds,
  costModel: CostModel | null,
): Promise<RulesResult> {
  const t = ruleThresholds(thresholds);
  const { itemsets, rules } = mineRules(stage.baskets, t);
  const warnings = [...stage.baskets.warnings];
  let values: ItemValues | null = null;
  if (costModel) {
    const facts = await loadItemFacts(engine, stage.baskets, costModel);
    values = facts.values;
    warnings.push(...facts.warnings);
  }
  const { maxItemsets: _m, ...shown } = t;
  return {
    status: 'ok',
    asOf: stage.asOf,
    thresholds: shown,
    baskets: stage.baskets,
    itemsets: itemsets.counts.length,
    rules,
    values,
    warnings,
    computedAt: new Date().toISOString(),
  };
}

/**
 * Next best offers for every customer as of the baskets' day (see `offersReport`), with the notes
 * that say how they were made; not_computed (with the core's message) when they cannot be made
 * with these settings, e.g. itemsets explode at the default support.
 * @example
 * const o = await computeOffers(engine, baskets, { k: 5 }, null);
 * o.status === 'ok' && o.offers.item.subarray(0, 5); // the first customer's offers (item ids)
 */
export async function computeOffers(
  engine: Engine,
  stage: Extract<BasketsStage, { status: 'ok' }>,
  options: OfferStageOptions,
  costModel: CostModel | null,
): Promise<OffersStage> {
  try {
    const r = await offersReport(engine, { ...options, asOf: stage.asOf, baskets: stage.baskets, limit: 0, costModel });
    let fromRules = 0,
      offered = 0;
    for (let t = 0; t < r.offers.item.length; t++)
      if (r.offers.item[t]! >= 0) {
        offered++;
        if (r.offers.source[t]! >= 0) fromRules++;
      }
    const basketCount = r.fit.baskets.offsets.length - 1;
    const rulesNote = `${n(r.fit.rules.length)} rules (support ≥ ${options.minSupport ?? `${OFFER_DEFAULTS.minSupport} (at least 2 baskets)`}, confidence ≥ ${options.minConfidence ?? OFFER_DEFAULTS.minConfidence}, lift ≥ ${options.minLift ?? OFFER_DEFAULTS.minLift}, up to ${options.maxLength ?? OFFER_DEFAULTS.maxLength} items) from ${n(basketCount)} baskets up to ${r.asOf}; ${offered ? ((100 * fromRules) / offered).toFixed(1) : '0.0'}% of the ${n(offered)} offers come from a rule, the rest from item co-occurrence.`;
    return {
      status: 'ok',
      asOf: r.asOf,
      fit: r.fit,
      offers: r.offers,
      customerIndex: new Map(r.fit.baskets.customers.map((id, c) => [id, c])),
      notes: [...r.table.notes, rulesNote],
      warnings: r.warnings,
      computedAt: new Date().toISOString(),
    };
  } catch (error) {
    return notComputedFromAny(error);
  }
}

/** The middle day of a date range (the default calibration end of the backtest, as of the models' validation). */
export function middleDay(first: string, last: string): string {
  const a = Date.parse(`${first}T00:00:00Z`),
    b = Date.parse(`${last}T00:00:00Z`);
  return new Date(a + Math.floor((b - a) / 2 / MS_PER_DAY) * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * Backtest of the offers made with the analysis's settings: offers from the data up to
 * `calibrationEnd`, scored on the purchases up to `holdoutEnd` against the popularity baseline.
 * not_computed only when the log has no product baskets; bad or empty windows are thrown.
 * @throws InputError `bad_date`, `bad_holdout`, `empty_holdout` (see `backtestOffers`)
 * @example
 * const bt = await computeBacktest(engine, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' }, null);
 * bt.status === 'ok' && bt.backtest.comparison.summary; // 'The recommender beats the popularity baseline on hit rate at 5: …'
 */
export async function computeBacktest(
  engine: Engine,
  options: OfferStageOptions & { calibrationEnd: string; holdoutEnd: string },
  costModel: CostModel | null,
): Promise<OfferBacktestStage> {
  try {
    return { status: 'ok', backtest: await backtestOffers(engine, { ...options, costModel }), computedAt: new Date().toISOString() };
  } catch (error) {
    return notComputedFrom(error);
  }
}

/** What the headroom stage is computed from: the analysis day, its segmentation and (when fitted) P(alive). */
export interface HeadroomInputs {
  asOf: string;
  segmentation: Segmentation;
  scores?: ModelScores;
  groupBy: HeadroomGrouping;
  options?: HeadroomStageOptions;
  catalog?: ProductCatalog;
}

/**
 * Up-sell headroom against the upper quartile of the customer's segment, where the segments are
 * the segmentation's value tiers (default: the tiers shown everywhere else), lifecycle stages or
 * RFM segments, in their own order; weighted by P(alive) when the models ran. Without product ids
 * breadth is not measured and the headroom is on spend alone (said in the warnings).
 * @example
 * const h = await computeHeadroom(engine, { asOf: '1998-06-30', segmentation, scores, groupBy: 'value_tier' });
 * h.status === 'ok' && h.report.groupsTable.rows; // headroom by value tier, Platinum first
 */
export async function computeHeadroom(engine: Engine, input: HeadroomInputs): Promise<HeadroomStage> {
  const seg = input.segmentation;
  let label: (i: number) => string;
  let order: readonly string[];
  let what: string;
  if (input.groupBy === 'value_tier') {
    label = (i) => seg.tiers.names[seg.tiers.tier[i]!]!;
    order = seg.tiers.names;
    what = `value tiers by ${seg.valueKind === 'clv' ? 'predicted CLV' : seg.valueKind === 'profit' ? 'profit' : 'historic net revenue'} as of ${seg.asOf}`;
  } else if (input.groupBy === 'lifecycle_stage') {
    label = (i) => LIFECYCLE_STAGES[seg.lifecycle.stage[i]!]!;
    order = LIFECYCLE_STAGES;
    what = `lifecycle stages as of ${seg.asOf}`;
  } else {
    label = (i) => (seg.rfm.segment[i]! < 0 ? '' : seg.rfm.segmentNames[seg.rfm.segment[i]!]!);
    order = seg.rfm.segmentNames;
    what = `RFM segments as of ${seg.asOf}`;
  }
  // by position in the segmentation's and the scores' id lists (one shared index of each), not a Map per column
  const groups = positionalLookup(seg.customerId, (i) => {
    const g = label(i);
    return g === '' ? undefined : g;
  });
  const s = input.scores;
  const pAlive = s ? positionalLookup(s.customerId, (i) => s.pAlive[i]!) : undefined;
  const o = input.options ?? {};
  try {
    const report = await headroomReport(engine, {
      asOf: input.asOf,
      windowDays: o.windowDays,
      catalog: input.catalog,
      groups,
      groupOrder: order,
      groupLabel: what,
      pAlive,
      quantile: o.quantile,
      minGroupSize: o.minGroupSize,
      minPAlive: o.minPAlive,
      top: o.top ?? 100,
    });
    return {
      status: 'ok',
      groupBy: input.groupBy,
      report,
      customerIndex: idPositions(report.customers),
      computedAt: new Date().toISOString(),
    };
  } catch (error) {
    return notComputedFromAny(error);
  }
}
