import { normalizeCell, type ReportTable, type TablePageJson } from '../report/report-table.js';
import type { RuleMeasure } from './association-rules.js';
import type { RulesResult } from './expansion-stage.js';
import { queryRules } from './rule-query.js';
import { ruleRows, RULES_TABLE, rulesNotes, rulesTable } from './rules-table.js';

/** Columns of the rules table a page can be sorted by (`baskets` is the rule's count). */
export const RULE_SORT_KEYS = ['lift', 'confidence', 'support', 'leverage', 'conviction', 'baskets'] as const;
export type RuleSortKey = (typeof RULE_SORT_KEYS)[number];

/** Which rules to show and how: an item (exact label) on either side, a sort column and direction, a page. */
export interface RulesQuery {
  item?: string;
  side?: 'any' | 'antecedent' | 'consequent';
  /** Default `lift`. */
  sort?: RuleSortKey;
  /** Default `desc` (the strongest first). */
  dir?: 'asc' | 'desc';
  /** 1-based page (clamped to the last page). */
  page?: number;
  pageSize?: number;
}

/** One page of rules as JSON: the table page (columns from the core's declaration) plus what was mined and how. */
export interface RulesPageJson extends TablePageJson {
  status: 'ok';
  /** Thresholds and definitions printed under the table. */
  notes: string[];
  asOf: string;
  thresholds: RulesResult['thresholds'];
  baskets: number;
  /** How baskets were formed: by order id, by customer-day (no order id), or mixed. */
  basketsBy: 'order' | 'customer-day' | 'mixed';
  /** Distinct products in the baskets, frequent itemsets, rules before the item filter. */
  items: number;
  itemsets: number;
  rules: number;
  item: string | null;
  side: 'any' | 'antecedent' | 'consequent';
  /** The items that appear in at least one rule (sorted; at most 5,000), for an item picker. */
  ruleItems: string[];
  /** `margin` when product costs give the consequent's margin per purchase, else null (no value column). */
  valueKind: 'margin' | null;
  currency: string | null;
  warnings: string[];
  computedAt: string;
}

/**
 * The rule indices a query selects, in its order: the item filter and a sort by any measure
 * (descending ties by support, then rule order; ascending is the exact reverse).
 * @throws InputError `unknown_item` (with the closest labels)
 * @example
 * selectRules(stage, { item: 'herbs', sort: 'confidence' }); // rules mentioning herbs, most confident first
 */
export function selectRules(stage: RulesResult, q: RulesQuery = {}): Int32Array {
  const sort = q.sort ?? 'lift';
  const sortBy: RuleMeasure = sort === 'baskets' ? 'count' : sort;
  const order = queryRules(stage.rules, { item: q.item, side: q.side, sortBy });
  return q.dir === 'asc' ? order.reverse() : order;
}

/** Items named in any rule, sorted, at most `limit`. */
export function ruleItems(stage: RulesResult, limit = 5000): string[] {
  const r = stage.rules;
  const seen = new Uint8Array(r.items.length);
  for (const i of r.antecedents) seen[i] = 1;
  for (const i of r.consequents) seen[i] = 1;
  const out: string[] = [];
  seen.forEach((s, i) => {
    if (s) out.push(r.items[i]!);
  });
  return out.sort().slice(0, limit);
}

/**
 * One page of the rules table: selected and sorted by {@link selectRules}, rows from the core's
 * rules declaration, thresholds and definitions in `notes`.
 * @throws InputError `unknown_item`
 * @example
 * const p = rulesPage(stage, { sort: 'lift', pageSize: 10 });
 * p.rows[0]; // ['{herbs}', '{root vegetables}', 69, 0.00702, 0.431, 3.956, …] on Groceries at support 0.006
 */
export function rulesPage(stage: RulesResult, q: RulesQuery = {}): RulesPageJson {
  const order = selectRules(stage, q);
  const pageSize = q.pageSize ?? 50;
  const pages = Math.max(1, Math.ceil(order.length / pageSize));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const slice = order.subarray((page - 1) * pageSize, page * pageSize);
  const values = stage.values ?? undefined;
  const notes = rulesNotes(stage.rules, values);
  notes.splice(
    1,
    0,
    `Baskets up to ${stage.asOf}; itemsets of at most ${stage.thresholds.maxLength} items; one item on the right-hand side.${q.item === undefined ? '' : ` ${order.length.toLocaleString('en-US')} of the rules mention ${q.item}${q.side && q.side !== 'any' ? ` on the ${q.side === 'antecedent' ? 'left' : 'right'}` : ''}.`}`,
  );
  const b = stage.baskets;
  const t = shownColumns(RULES_TABLE(ruleRows(stage.rules, slice, values)), values !== undefined);
  return {
    status: 'ok',
    table: t.id,
    title: t.title,
    columns: t.columns,
    rows: t.rows.map((r) => r.map(normalizeCell)),
    total: order.length,
    page,
    pageSize,
    pages,
    sort: q.sort ?? 'lift',
    dir: q.dir ?? 'desc',
    q: q.item ?? null,
    filter: [],
    notes,
    asOf: stage.asOf,
    thresholds: stage.thresholds,
    baskets: b.offsets.length - 1,
    basketsBy: b.facts.basketsBy,
    items: b.items.length,
    itemsets: stage.itemsets,
    rules: stage.rules.length,
    item: q.item ?? null,
    side: q.side ?? 'any',
    ruleItems: ruleItems(stage),
    valueKind: stage.values ? 'margin' : null,
    currency: stage.values?.currency ?? null,
    warnings: stage.warnings,
    computedAt: stage.computedAt,
  };
}

/** Every selected rule as a report table (the CSV download), in the query's order. @throws InputError `unknown_item` */
export function rulesCsvTable(stage: RulesResult, q: RulesQuery = {}): ReportTable {
  return shownColumns(rulesTable(stage.rules, selectRules(stage, q), stage.values ?? undefined), stage.values !== null);
}

const VALUE_COLUMNS = new Set(['consequent_value', 'expected_value']);

/** The rules table without the value columns when no product costs give them (they would be empty). */
function shownColumns(t: ReportTable, withValues: boolean): ReportTable {
  if (withValues) return t;
  const keep = t.columns.map((c) => !VALUE_COLUMNS.has(c.key));
  return { ...t, columns: t.columns.filter((_, j) => keep[j]), rows: t.rows.map((r) => r.filter((_, j) => keep[j])) };
}
