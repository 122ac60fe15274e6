import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import type { CostModel } from '../profitability/cost-model.js';
import type { ReportTable } from '../report/report-table.js';
import { associationRules, type RuleOptions, type RuleSet } from './association-rules.js';
import { frequentItemsetsOnShards, loadBasketStats, type BasketStats } from './basket-stats.js';
import { basketCount, type BasketSet } from './basket-set.js';
import { loadBaskets, type BasketFacts, type LogBasketOptions, type LogBaskets } from './baskets.js';
import { toCategoryLevel } from './category-level.js';
import { frequentItemsets, type FrequentItemsetOptions, type FrequentItemsets } from './fp-growth.js';
import { loadItemFacts, type ItemValues } from './item-values.js';
import { queryRules, type RuleQuery } from './rule-query.js';
import { rulesTable } from './rules-table.js';

/** Mining thresholds with the defaults of `cvm rules`. */
export interface MineOptions extends Partial<FrequentItemsetOptions>, RuleOptions {}

/** Defaults of `cvm rules`: support 1%, confidence 25%, itemsets up to 10 items (arules' maxlen). */
export const RULE_DEFAULTS = { minSupport: 0.01, minConfidence: 0.25, minLift: 0, maxLength: 10 } as const;

/**
 * Frequent itemsets (FP-growth) and association rules of a basket set, with the defaults of
 * {@link RULE_DEFAULTS}.
 * @throws InputError as {@link frequentItemsets} and {@link associationRules}
 * @example
 * mineRules(groceries, { minSupport: 0.006, minConfidence: 0.25 }).rules.length; // → 463
 */
export function mineRules(baskets: BasketSet, o: MineOptions = {}): { itemsets: FrequentItemsets; rules: RuleSet } {
  const itemsets = frequentItemsets(baskets, itemsetOptions(o));
  return { itemsets, rules: associationRules(itemsets, ruleOptions(o)) };
}

const itemsetOptions = (o: MineOptions): FrequentItemsetOptions => ({
  minSupport: o.minSupport ?? RULE_DEFAULTS.minSupport,
  maxLength: o.maxLength ?? RULE_DEFAULTS.maxLength,
  maxItemsets: o.maxItemsets,
  maxNodes: o.maxNodes,
});

const ruleOptions = (o: MineOptions): RuleOptions => ({
  minConfidence: o.minConfidence ?? RULE_DEFAULTS.minConfidence,
  minLift: o.minLift ?? RULE_DEFAULTS.minLift,
  minLength: o.minLength,
  maxConsequentLength: o.maxConsequentLength,
  maxRules: o.maxRules,
});

export interface RulesReportOptions extends MineOptions, LogBasketOptions, RuleQuery {
  /** Product costs: each rule shows the consequent's margin per purchase (revenue without costs is not shown). */
  costModel?: CostModel | null;
}

export interface RulesReport {
  level: 'product' | 'category';
  baskets: number;
  items: number;
  facts: BasketFacts;
  itemsets: number;
  rules: RuleSet;
  /** The selected rules (filter, sort, limit), as indices into `rules`. */
  order: Int32Array;
  values: ItemValues | null;
  table: ReportTable;
  warnings: string[];
}

/**
 * `cvm rules` over the log: baskets (product or category level), FP-growth, rules, the selection
 * (item filter, sort by any measure, limit) and the rules table with the consequent's margin when
 * a cost model is given.
 * @throws InputError `missing_catalog`, and as {@link loadBaskets}, {@link mineRules} and {@link queryRules}
 * @example
 * const r = await rulesReport(engine, { minSupport: 0.01, sortBy: 'lift', limit: 20 });
 * r.table.rows[0]; // the strongest rule
 */
export async function rulesReport(engine: Engine, options: RulesReportOptions = {}): Promise<RulesReport> {
  const level = options.level ?? 'product';
  if (level === 'category' && options.catalog === undefined)
    throw new InputError(
      'missing_catalog',
      'Category-level rules need a category per product: a product file (--products products.csv with product_id,category) or a log file with product_id and category columns',
      {},
    );
  if (level === 'product' && engine.dialect.name === 'clickhouse') {
    // issue 16: on a cluster the baskets stay on the shards; only item counts and patterns come back
    const stats = await loadBasketStats(engine, options);
    const itemsets = await frequentItemsetsOnShards(engine, stats, itemsetOptions(options));
    return finish(engine, options, stats, stats.basketCount, itemsets, associationRules(itemsets, ruleOptions(options)));
  }
  const product = await loadBaskets(engine, { from: options.from, to: options.to });
  const mapped = level === 'category' ? toCategoryLevel(product, options.catalog!) : null;
  const baskets = mapped ? mapped.baskets : product;
  const { itemsets, rules } = mineRules(baskets, options);
  return finish(
    engine,
    options,
    baskets,
    basketCount(baskets),
    itemsets,
    rules,
    mapped ? { products: product.items, map: mapped.itemMap } : undefined,
  );
}

/** The selection, the item values and the table of {@link rulesReport}. */
async function finish(
  engine: Engine,
  options: RulesReportOptions,
  baskets: LogBaskets | BasketStats,
  nBaskets: number,
  itemsets: FrequentItemsets,
  rules: RuleSet,
  itemMap?: { products: readonly string[]; map: Int32Array },
): Promise<RulesReport> {
  const order = queryRules(rules, options);
  let values: ItemValues | null = null;
  const warnings = [...baskets.warnings];
  if (options.costModel) {
    const facts = await loadItemFacts(engine, baskets, options.costModel, itemMap);
    values = facts.values;
    warnings.push(...facts.warnings);
  }
  return {
    level: options.level ?? 'product',
    baskets: nBaskets,
    items: baskets.items.length,
    facts: baskets.facts,
    itemsets: itemsets.counts.length,
    rules,
    order,
    values,
    table: rulesTable(rules, order, values ?? undefined),
    warnings,
  };
}
