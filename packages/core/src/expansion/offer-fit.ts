import type { Engine } from '../engine/engine.js';
import type { CostModel } from '../profitability/cost-model.js';
import { associationRules, type RuleSet } from './association-rules.js';
import { loadBaskets, type LogBaskets } from './baskets.js';
import type { NeighbourOptions } from './co-occurrence.js';
import { frequentItemsets } from './fp-growth.js';
import { loadItemFacts } from './item-values.js';
import { buildOfferModel, type OfferModel } from './offer-model.js';
import { ownedItems, type OwnedItems } from './owned-items.js';

/** Rule thresholds and fallback settings for offers. */
export interface OfferFitOptions {
  /** Default 0.002 (0.2% of baskets; at least 2 baskets). */
  minSupport?: number;
  /** Default 0.1. */
  minConfidence?: number;
  /** Default 1.2: only rules that raise the rate by a fifth or more. */
  minLift?: number;
  /** Largest itemset (antecedent + consequent), default 4. */
  maxLength?: number;
  maxItemsets?: number;
  neighbours?: NeighbourOptions;
  /** Product costs for margins; null = value offers by revenue. */
  costModel?: CostModel | null;
}

/** The fitted pieces of next best offer on one window of the log. */
export interface OfferFit {
  baskets: LogBaskets;
  rules: RuleSet;
  model: OfferModel;
  owned: OwnedItems;
  warnings: string[];
}

/** Offer defaults, printed with results. */
export const OFFER_DEFAULTS = { minSupport: 0.002, minConfidence: 0.1, minLift: 1.2, maxLength: 4 } as const;

/**
 * Reads product baskets of a window, mines rules (FP-growth), builds the co-occurrence fallback,
 * values items (margin with a cost model, else revenue) and collects what each customer owns.
 * `baskets`, when given, are the product baskets of that same window already read (the analysis
 * reads them once for rules and offers).
 * @throws InputError as {@link loadBaskets}, {@link frequentItemsets} and {@link associationRules}
 * @example
 * const fit = await fitOffers(engine, { to: '2011-09-30' });
 * fit.rules.length; // rules behind the offers
 */
export async function fitOffers(
  engine: Engine,
  window: { from?: string; to?: string },
  o: OfferFitOptions = {},
  read?: LogBaskets,
): Promise<OfferFit> {
  const baskets = read ?? (await loadBaskets(engine, { ...window, level: 'product' }));
  const n = baskets.offsets.length - 1;
  const minSupport = o.minSupport ?? Math.max(OFFER_DEFAULTS.minSupport, 2 / Math.max(1, n));
  const sets = frequentItemsets(baskets, { minSupport, maxLength: o.maxLength ?? OFFER_DEFAULTS.maxLength, maxItemsets: o.maxItemsets });
  const rules = associationRules(sets, {
    minConfidence: o.minConfidence ?? OFFER_DEFAULTS.minConfidence,
    minLift: o.minLift ?? OFFER_DEFAULTS.minLift,
  });
  const facts = await loadItemFacts(engine, baskets, o.costModel ?? null);
  const model = buildOfferModel(baskets, rules, facts.values, facts.lastSold, o.neighbours);
  const owned = ownedItems(baskets, baskets.customers.length, baskets.customer, baskets.day);
  return { baskets, rules, model, owned, warnings: [...baskets.warnings, ...facts.warnings] };
}
