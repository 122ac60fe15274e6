import { normalizeCell, type ReportTable } from '../report/report-table.js';
import type { HeadroomGrouping, HeadroomStageResult, OffersResult, StageNotComputed } from './expansion-stage.js';
import type { OfferComparison } from './offer-evaluation.js';
import type { OfferBacktest } from './offers-backtest.js';
import { customerOfferTable } from './offers-page.js';

/** A table with JSON-safe cells (no NaN or Infinity: null). */
const jsonTable = (t: ReportTable, limit = Infinity): ReportTable => ({
  ...t,
  rows: t.rows.slice(0, limit).map((r) => r.map(normalizeCell)),
});

/** The JSON answer of an expansion report that cannot be computed on this data. */
export interface ExpansionNotComputedJson {
  status: 'not_computed';
  report: string;
  code: string;
  reason: string;
}

/** The not_computed answer of `report`, with the stage's reason. */
export const expansionNotComputed = (report: string, s: StageNotComputed): ExpansionNotComputedJson => ({
  status: 'not_computed',
  report,
  code: s.code,
  reason: s.reason,
});

/** Up-sell headroom by segment and the customers with the most, as JSON. */
export interface HeadroomJson {
  status: 'ok';
  asOf: string;
  /** First day of the spend window. */
  from: string;
  groupBy: HeadroomGrouping;
  breadthBasis: 'categories' | 'products' | null;
  /** The benchmark quantile within a segment (0.75: the upper quartile). */
  quantile: number;
  /** Whether headroom is weighted by P(alive) from a fitted model. */
  weightedByPAlive: boolean;
  total: { headroom: number; expectedHeadroom: number; customers: number };
  groups: ReportTable;
  top: ReportTable;
  warnings: string[];
  computedAt: string;
}

/**
 * The headroom stage as JSON: the groups table (every segment, in the segmentation's order) and
 * the first `limit` customers of the top list.
 * @example
 * headroomJson(stage, 20).groups.rows.map((r) => r[0]); // → ['Platinum', 'Gold', 'Silver', 'Bronze']
 */
export function headroomJson(stage: HeadroomStageResult, limit = Infinity): HeadroomJson {
  const r = stage.report;
  return {
    status: 'ok',
    asOf: r.asOf,
    from: r.from,
    groupBy: stage.groupBy,
    breadthBasis: r.breadthBasis,
    quantile: r.result.quantile,
    weightedByPAlive: r.pAlive !== null,
    total: r.result.total,
    groups: jsonTable(r.groupsTable),
    top: jsonTable(r.customersTable, limit),
    warnings: r.warnings,
    computedAt: stage.computedAt,
  };
}

/** The offers backtest as JSON, the verdict in words first. */
export interface BacktestJson {
  status: 'ok';
  /** The verdict in words, with the numbers (e.g. "The recommender beats the popularity baseline on hit rate at 5: …"). */
  summary: string;
  verdict: OfferComparison['verdict'];
  calibrationEnd: string;
  holdoutEnd: string;
  k: number;
  calibrationCustomers: number;
  holdoutBuyers: number;
  rules: number;
  ruleShare: number;
  comparison: OfferComparison;
  table: ReportTable;
  warnings: string[];
  computedAt: string;
}

/** A backtest as JSON. @example backtestJson(bt, computedAt).summary; // 'The recommender beats …' */
export function backtestJson(bt: OfferBacktest, computedAt: string): BacktestJson {
  return {
    status: 'ok',
    summary: bt.comparison.summary,
    verdict: bt.comparison.verdict,
    calibrationEnd: bt.calibrationEnd,
    holdoutEnd: bt.holdoutEnd,
    k: bt.k,
    calibrationCustomers: bt.calibrationCustomers,
    holdoutBuyers: bt.holdoutBuyers,
    rules: bt.rules,
    ruleShare: bt.ruleShare,
    comparison: bt.comparison,
    table: jsonTable(bt.table),
    warnings: bt.warnings,
    computedAt,
  };
}

/** One customer's up-sell headroom (null values where not measured). */
export interface CustomerHeadroomJson {
  from: string;
  asOf: string;
  groupBy: HeadroomGrouping;
  segment: string;
  spend: number;
  spendTarget: number | null;
  gap: number | null;
  breadthBasis: 'categories' | 'products' | null;
  breadth: number | null;
  breadthTarget: number | null;
  breadthGap: number | null;
  pAlive: number | null;
  expectedGap: number | null;
}

/** One customer's next best offers with their reasons, and their up-sell headroom. */
export interface CustomerOffersJson {
  status: 'ok';
  customerId: string;
  asOf: string;
  /** The offers (one row per offer, best first); null when the customer has no basket with a product. */
  offers: ReportTable | null;
  /** Why there are no offers, in words; null when there are. */
  message: string | null;
  headroom: CustomerHeadroomJson | null;
  /** Why there is no headroom, in words; null when there is. */
  headroomMessage: string | null;
  valueKind: 'margin' | 'revenue';
  currency: string | null;
}

const num = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

/**
 * One customer's offers and headroom as JSON (the drill-down).
 * @example
 * customerOffersJson(offers, headroom, '1901').offers?.rows[0]; // ['1901', 1, 'P12', …, 'bought P3; 43% of such baskets also hold P12, …']
 */
export function customerOffersJson(
  offers: OffersResult,
  headroom: HeadroomStageResult | StageNotComputed,
  customerId: string,
): CustomerOffersJson {
  const table = customerOfferTable(offers, customerId);
  const empty = table !== null && table.rows.length === 0;
  let h: CustomerHeadroomJson | null = null;
  let headroomMessage: string | null = headroom.status === 'ok' ? null : headroom.reason;
  if (headroom.status === 'ok') {
    const r = headroom.report,
      i = headroom.customerIndex.get(customerId);
    if (i === undefined) headroomMessage = `No purchase from ${r.from} to ${r.asOf}: no up-sell headroom is measured for this customer.`;
    else {
      h = {
        from: r.from,
        asOf: r.asOf,
        groupBy: headroom.groupBy,
        segment: r.groupNames[r.groupOf[i]!] ?? '',
        spend: r.spend[i]!,
        spendTarget: num(r.result.spendTarget[i]),
        gap: num(r.result.spendGap[i]),
        breadthBasis: r.breadthBasis,
        breadth: num(r.breadth[i]),
        breadthTarget: num(r.result.breadthTarget[i]),
        breadthGap: num(r.result.breadthGap[i]),
        pAlive: r.pAlive ? num(r.pAlive[i]) : null,
        expectedGap: num(r.result.expectedGap[i]),
      };
    }
  }
  return {
    status: 'ok',
    customerId,
    asOf: offers.asOf,
    offers: table,
    message:
      table === null
        ? `No basket with a product up to ${offers.asOf}: nothing to base an offer on.`
        : empty
          ? 'Every product this customer could be offered is excluded (already bought, no longer sold, or no rule or co-occurrence points to it).'
          : null,
    headroom: h,
    headroomMessage,
    valueKind: offers.fit.model.values.kind,
    currency: offers.fit.model.values.currency,
  };
}
