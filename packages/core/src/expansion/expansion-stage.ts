import { CvmError } from '../errors.js';
import type { RuleSet } from './association-rules.js';
import type { LogBaskets } from './baskets.js';
import type { HeadroomReport } from './headroom-report.js';
import type { ItemValues } from './item-values.js';
import type { OfferFit, OfferFitOptions } from './offer-fit.js';
import type { Offers } from './offers.js';
import type { OfferBacktest } from './offers-backtest.js';
import type { ProductCatalog } from './product-catalog.js';

/** Mining thresholds of association rules (shares of baskets, P(Y | X), multiples of the usual rate). */
export interface RuleThresholds {
  minSupport?: number;
  minConfidence?: number;
  minLift?: number;
  /** Largest itemset, antecedent plus consequent items. */
  maxLength?: number;
  /** Stop with an error (saying which threshold to raise) past this many frequent itemsets. */
  maxItemsets?: number;
}

/** Next best offer settings of the analysis: rule thresholds and fallback as `fitOffers`, offer rules as `nextBestOffers`. */
export interface OfferStageOptions extends Omit<OfferFitOptions, 'costModel'> {
  /** Offers per customer (default 5). */
  k?: number;
  /** Never offer what the customer bought in the last N days (default: ever bought). */
  recentDays?: number;
  /** A product nobody bought in the last N days is no longer sold (default 90). */
  discontinuedDays?: number;
  /** Fall back to item co-occurrence when no rule fires (default true). */
  fallback?: boolean;
}

/** Up-sell headroom settings of the analysis (see `upsellHeadroom`). */
export interface HeadroomStageOptions {
  /** Days of spend ending on the analysis day (default 365). */
  windowDays?: number;
  /** Benchmark quantile within the segment (default 0.75). */
  quantile?: number;
  /** Segments smaller than this get no benchmark (default 10). */
  minGroupSize?: number;
  /** The top list keeps customers with P(alive) at least this (default 0.5). */
  minPAlive?: number;
  /** Customers in the top list (default 100). */
  top?: number;
}

/** What the analysis's expansion stages are run with; every field is optional. */
export interface ExpansionOptions {
  /** Default thresholds of the rule explorer (default `RULE_DEFAULTS`: support 1%, confidence 25%). */
  rules?: RuleThresholds;
  offers?: OfferStageOptions;
  headroom?: HeadroomStageOptions;
  /** Product → category: headroom breadth counts categories instead of products. */
  catalog?: ProductCatalog;
}

/** The comparable groups of up-sell headroom: the segmentation's value tiers, lifecycle stages or RFM segments. */
export const HEADROOM_GROUPINGS = ['value_tier', 'lifecycle_stage', 'rfm_segment'] as const;
export type HeadroomGrouping = (typeof HEADROOM_GROUPINGS)[number];

/** A stage that cannot run on this data (e.g. the log has no product ids), with the reason in words. */
export interface StageNotComputed {
  status: 'not_computed';
  /** The core error code behind it (`no_product_ids`, `no_baskets`, …). */
  code: string;
  reason: string;
}

/** Product baskets up to the analysis day. */
export type BasketsStage = { status: 'ok'; asOf: string; baskets: LogBaskets } | StageNotComputed;

/** Association rules mined at one set of thresholds. */
export interface RulesResult {
  status: 'ok';
  asOf: string;
  thresholds: { minSupport: number; minConfidence: number; minLift: number; maxLength: number };
  baskets: LogBaskets;
  itemsets: number;
  rules: RuleSet;
  /** The consequent's margin per purchase, with product costs only (revenue without costs is not shown). */
  values: ItemValues | null;
  warnings: string[];
  computedAt: string;
}
export type RulesStage = RulesResult | StageNotComputed;

/** Next best offers for every customer with a product basket, as of the analysis day. */
export interface OffersResult {
  status: 'ok';
  asOf: string;
  fit: OfferFit;
  offers: Offers;
  /** Customer id → index into `fit.baskets.customers` and the offers. */
  customerIndex: ReadonlyMap<string, number>;
  /** The rules and exclusions behind the offers, in words (as `cvm offers` prints them). */
  notes: string[];
  warnings: string[];
  computedAt: string;
}
export type OffersStage = OffersResult | StageNotComputed;

/** Up-sell headroom by one grouping. */
export interface HeadroomStageResult {
  status: 'ok';
  groupBy: HeadroomGrouping;
  report: HeadroomReport;
  /** Customer id → index into `report.customers`. */
  customerIndex: ReadonlyMap<string, number>;
  computedAt: string;
}
export type HeadroomStage = HeadroomStageResult | StageNotComputed;

/** The backtest of next best offer against popularity. */
export type OfferBacktestStage = { status: 'ok'; backtest: OfferBacktest; computedAt: string } | StageNotComputed;

/** Codes that mean "this data has nothing for the stage": answered with not_computed, never thrown. */
const NOTHING_TO_DO = new Set(['no_product_ids', 'no_baskets', 'empty_log', 'baskets_not_on_engine']);

/**
 * Turns an error of a stage into its not_computed answer when it says the data has nothing for
 * the stage (no product ids, every purchase returned, no transactions); rethrows anything else.
 * @example
 * try { … } catch (e) { return notComputedFrom(e); } // { status: 'not_computed', code: 'no_product_ids', reason: 'The log has no product ids …' }
 */
export function notComputedFrom(error: unknown, codes: ReadonlySet<string> = NOTHING_TO_DO): StageNotComputed {
  if (error instanceof CvmError && codes.has(error.code)) return { status: 'not_computed', code: error.code, reason: error.message };
  throw error;
}

/** Any core error of a stage run with fixed settings (not a user's query) as not_computed; programming errors are rethrown. */
export function notComputedFromAny(error: unknown): StageNotComputed {
  if (error instanceof CvmError) return { status: 'not_computed', code: error.code, reason: error.message };
  throw error;
}
