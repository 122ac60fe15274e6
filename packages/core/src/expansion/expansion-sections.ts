import type { ReportSection } from '../report/report-section.js';
import type { ReportTable } from '../report/report-table.js';
import type { StageNotComputed } from './expansion-stage.js';
import type { HeadroomReport } from './headroom-report.js';
import type { OfferFit } from './offer-fit.js';
import type { Offers } from './offers.js';
import type { OfferBacktest } from './offers-backtest.js';
import type { RulesReport } from './rules-report.js';

const n = (x: number): string => x.toLocaleString('en-US');
const money = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * The backtest of next best offer as a report section: the verdict against the popularity baseline
 * in words first, then the side-by-side table (hit rate and precision at k of both). A recommender
 * that does not beat the baseline is also a warning, so no surface can show it quietly.
 * @example
 * offersBacktestSection(bt).lines[0]; // 'The recommender beats the popularity baseline on hit rate at 5: 9.6% vs 6.1% …'
 */
export function offersBacktestSection(bt: OfferBacktest): ReportSection {
  const c = bt.comparison;
  const warnings = [...bt.warnings];
  if (c.verdict !== 'beats')
    warnings.push(
      `The offers do not beat the popularity baseline (the ${n(bt.k)} best sellers a customer does not own) in this backtest; prefer the popularity list until the rules do better.`,
    );
  return {
    id: 'expansion.backtest',
    title: 'Next best offer backtest against the popularity baseline',
    lines: [
      c.summary,
      `Offers made on ${bt.calibrationEnd} from the data up to it, scored on purchases to ${bt.holdoutEnd}; k = ${bt.k}; ${n(c.model.customers)} of ${n(bt.calibrationCustomers)} customers evaluated (${n(bt.holdoutBuyers)} bought anything after ${bt.calibrationEnd}).`,
    ],
    warnings,
    tables: [bt.table],
  };
}

/** What the offers section is made from: `offersReport`'s result or the analysis's offers stage with a table of chosen customers. */
export interface OffersSectionInput {
  asOf: string;
  fit: OfferFit;
  offers: Offers;
  /** The offers of the customers listed (`OFFERS_TABLE`), with the rules and exclusions in its notes. */
  table: ReportTable;
  warnings: readonly string[];
}

/**
 * Next best offers as a report section: how many customers and rules, the fit's warnings, and the
 * offers of the listed customers with their reasons.
 * @example
 * offersSection(await offersReport(engine, { k: 5 })).lines[0]; // 'Next best offers on 2011-12-09: 4,339 customers, 1,024 rules from 18,532 baskets'
 */
export function offersSection(r: OffersSectionInput): ReportSection {
  const customers = r.fit.baskets.customers.length,
    k = r.offers.k;
  let withOffers = 0;
  for (let c = 0; c < customers; c++) if (r.offers.item[c * k]! >= 0) withOffers++;
  return {
    id: 'expansion.offers',
    title: 'Cross-sell: next best offers',
    lines: [
      `Next best offers on ${r.asOf}: ${n(customers)} customers, ${n(r.fit.rules.length)} rules from ${n(r.fit.baskets.offsets.length - 1)} baskets; ${n(withOffers)} customers get at least one offer (up to ${k} each).`,
      `Listed: ${n(new Set(r.table.rows.map((row) => row[0])).size)} customers.`,
    ],
    warnings: [...r.warnings],
    tables: [r.table],
  };
}

/**
 * Up-sell headroom as a report section: the window and total in words, the headroom by segment,
 * and the customers with the most (among those likely still active when P(alive) is known).
 * `notes` are extra lines, e.g. where P(alive) came from.
 * @example
 * headroomSection(await headroomReport(engine, { pAlive })).tables.map((t) => t.id); // ['expansion.headroom_groups', 'expansion.headroom_customers']
 */
export function headroomSection(r: HeadroomReport, notes: readonly string[] = []): ReportSection {
  const t = r.result.total;
  return {
    id: 'expansion.headroom',
    title: 'Up-sell headroom',
    lines: [
      `Up-sell headroom from ${r.from} to ${r.asOf}: ${n(r.customers.length)} customers, total headroom ${money(t.headroom)}${r.pAlive ? ` (${money(t.expectedHeadroom)} weighted by P(alive))` : ''} against the ${Math.round(100 * r.result.quantile)}th percentile of each segment.`,
      ...notes,
    ],
    warnings: [...r.warnings],
    tables: [r.groupsTable, r.customersTable],
  };
}

/**
 * Association rules as a report section: baskets, itemsets and rules counted, then the selected rules.
 * @example
 * rulesSection(await rulesReport(engine, { minSupport: 0.006 })).lines[0]; // '463 rules from 9,835 baskets …'
 */
export function rulesSection(r: RulesReport): ReportSection {
  return {
    id: 'expansion.rules',
    title: 'Association rules',
    lines: [
      `${n(r.rules.length)} rules from ${n(r.baskets)} ${r.level} baskets over ${n(r.items)} ${r.level === 'category' ? 'categories' : 'products'} (${n(r.itemsets)} frequent itemsets); ${n(r.order.length)} selected.`,
    ],
    warnings: [...r.warnings],
    tables: [r.table],
  };
}

/**
 * The section of a stage that cannot run on this data: its title and the reason, no table.
 * @example
 * notComputedSection('expansion.offers', 'Next best offers', stage).lines[0]; // 'Not computed: The log has no product ids …'
 */
export function notComputedSection(id: string, title: string, s: StageNotComputed): ReportSection {
  return { id, title, lines: [`Not computed: ${s.reason}`], warnings: [], tables: [] };
}
