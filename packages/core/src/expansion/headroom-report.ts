import type { Engine } from '../engine/engine.js';
import { isoDateOrNull } from '../engine/sql.js';
import { CvmError, InputError } from '../errors.js';
import type { ReportTable } from '../report/report-table.js';
import { valueTiers } from '../segments/value-tiers.js';
import { dateRangeSql } from '../summary/summary-sql.js';
import { loadBaskets } from './baskets.js';
import { basketBreadth } from './basket-breadth.js';
import { customerSpendSql } from './headroom-sql.js';
import { upsellHeadroom, type HeadroomOptions, type HeadroomResult } from './headroom.js';
import { HEADROOM_CUSTOMERS_TABLE, HEADROOM_GROUPS_TABLE } from './headroom-table.js';
import { ownedItems } from './owned-items.js';
import type { ProductCatalog } from './product-catalog.js';
import { MS_PER_DAY } from '../summary/summary.js';
import { idPositions, type IdLookup } from '../customers/id-index.js';

export interface HeadroomReportOptions extends HeadroomOptions {
  /** Last day of the window (default: the last day of the log). */
  asOf?: string;
  /** Window length in days ending on `asOf` (default 365). */
  windowDays?: number;
  /** Product → category for breadth (default: breadth counts distinct products). */
  catalog?: ProductCatalog;
  /** Comparable group per customer id (a tier or micro-segment); default: value tiers of the window's spend. */
  groups?: IdLookup<string>;
  /** The order of the groups in the tables (e.g. Platinum, Gold, Silver, Bronze); groups not listed follow, sorted. Default: sorted by name. */
  groupOrder?: readonly string[];
  /** What the groups are, for the notes (default "the grouping given"). */
  groupLabel?: string;
  /** P(alive) per customer id, e.g. from `predictCustomers`. */
  pAlive?: IdLookup<number>;
}

export interface HeadroomReport {
  asOf: string;
  from: string;
  /** What breadth counts: categories, products, or nothing (a log without product ids). */
  breadthBasis: 'categories' | 'products' | null;
  customers: string[];
  groupOf: Int32Array;
  groupNames: string[];
  spend: Float64Array;
  breadth: Float64Array;
  pAlive: Float64Array | null;
  result: HeadroomResult;
  groupsTable: ReportTable;
  customersTable: ReportTable;
  warnings: string[];
}

const DAY = MS_PER_DAY;
const n = (x: number): string => x.toLocaleString('en-US');
const money = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Up-sell headroom over the log: spend (net revenue) and breadth (distinct categories, or products
 * without a catalog) of each customer who bought in the window, against the upper quartile of
 * their group (see {@link upsellHeadroom}); the groups table and the top customers, declared once.
 * @throws InputError `bad_date`, `bad_window`, `empty_log`, `bad_headroom_input`
 * @example
 * const r = await headroomReport(engine, { windowDays: 365, pAlive });
 * r.groupsTable.rows; // headroom by value tier
 */
export async function headroomReport(engine: Engine, options: HeadroomReportOptions = {}): Promise<HeadroomReport> {
  const [range] = await engine.rows<{ last_date: string | null }>(dateRangeSql(engine.dialect));
  if (!range || range.last_date === null)
    throw new InputError('empty_log', 'The workspace has no accepted transactions; ingest a log first', {});
  const asOf = options.asOf === undefined ? range.last_date : isoDateOrNull(options.asOf);
  if (asOf === null) throw new InputError('bad_date', `The as-of date must be YYYY-MM-DD; got "${options.asOf}"`, { value: options.asOf });
  const days = options.windowDays ?? 365;
  if (!(Number.isInteger(days) && days >= 1))
    throw new InputError('bad_window', `The window must be a whole number of days ≥ 1; got ${days}`, { windowDays: days });
  const from = new Date(Date.parse(`${asOf}T00:00:00Z`) - (days - 1) * DAY).toISOString().slice(0, 10);
  const batch = await engine.columns(customerSpendSql(engine.dialect, { from, to: asOf }), { customer_id: 'string', spend: 'f64' });
  if (batch.length === 0)
    throw new InputError('empty_log', `No purchase from ${from} to ${asOf}; choose another as-of date or a longer window`, { from, asOf });
  const customers = batch.strings.customer_id!,
    spend = batch.f64.spend!;
  const index = idPositions(customers);
  const warnings: string[] = [];
  // breadth from the window's baskets
  const breadth = new Float64Array(customers.length).fill(NaN);
  let breadthBasis: HeadroomReport['breadthBasis'] = null;
  try {
    if (options.catalog) {
      const b = await loadBaskets(engine, { from, to: asOf, level: 'category', catalog: options.catalog });
      const own = ownedItems(b, b.customers.length, b.customer, b.day);
      breadth.fill(0);
      b.customers.forEach((id, c) => {
        const i = index.get(id);
        if (i !== undefined) breadth[i] = own.offsets[c + 1]! - own.offsets[c]!;
      });
      warnings.push(...b.warnings);
    } else {
      // products: one grouped count over the basket lines (the same number; see basketBreadth)
      const b = await basketBreadth(engine, { from, to: asOf });
      breadth.fill(0);
      b.customers.forEach((id, c) => {
        const i = index.get(id);
        if (i !== undefined) breadth[i] = b.breadth[c]!;
      });
      warnings.push(...b.warnings);
    }
    breadthBasis = options.catalog ? 'categories' : 'products';
  } catch (e) {
    if (!(e instanceof CvmError && (e.code === 'no_product_ids' || e.code === 'no_baskets'))) throw e;
    warnings.push('The log has no product ids: breadth is not measured, headroom is on spend only');
  }
  // groups
  let groupNames: string[];
  const groupOf = new Int32Array(customers.length).fill(-1);
  if (options.groups) {
    const present = new Set(options.groups.values());
    const listed = (options.groupOrder ?? []).filter((g) => present.has(g));
    groupNames = [...listed, ...[...present].filter((g) => !listed.includes(g)).sort()];
    const gi = new Map(groupNames.map((g, k) => [g, k]));
    let missing = 0;
    customers.forEach((id, i) => {
      const g = options.groups!.get(id);
      if (g === undefined) missing++;
      else groupOf[i] = gi.get(g)!;
    });
    if (missing > 0) warnings.push(`${n(missing)} of ${n(customers.length)} customers have no group and are left out`);
  } else {
    const t = valueTiers(spend);
    groupNames = t.names;
    for (let i = 0; i < customers.length; i++) groupOf[i] = t.tier[i]!;
  }
  let pAlive: Float64Array | null = null;
  if (options.pAlive) {
    pAlive = new Float64Array(customers.length);
    let missing = 0;
    customers.forEach((id, i) => {
      const p = options.pAlive!.get(id);
      if (p === undefined) {
        missing++;
        pAlive![i] = NaN;
      } else pAlive![i] = p;
    });
    if (missing > 0) warnings.push(`${n(missing)} customers have no P(alive); they are left out of the top list`);
  }
  const result = upsellHeadroom({ spend, breadth, group: groupOf, groupNames, pAlive: pAlive ?? undefined }, options);
  const small = result.groups.filter((g) => Number.isNaN(g.spendTarget) && g.customers > 0);
  if (small.length > 0)
    warnings.push(
      `${small.map((g) => `${g.name} (${n(g.customers)})`).join(', ')}: fewer than ${options.minGroupSize ?? 10} customers, no benchmark`,
    );
  const q = `${Math.round(100 * result.quantile)}th percentile`;
  const notes = [
    `Spend = net revenue from ${from} to ${asOf} (${days} days); breadth = distinct ${breadthBasis ?? 'categories (not measured)'} bought in the window.`,
    `Benchmark = the ${q} of the segment${options.groups ? ` (${options.groupLabel ?? 'the grouping given'})` : ' (value tiers by spend in the window)'}; headroom = max(0, benchmark − spend), in money.`,
    `Total headroom ${money(result.total.headroom)} over ${n(result.total.customers)} customers${pAlive ? `; weighted by P(alive) ${money(result.total.expectedHeadroom)}` : ''}.`,
  ];
  const groupsTable = HEADROOM_GROUPS_TABLE(result.groups, { notes });
  const customersTable = HEADROOM_CUSTOMERS_TABLE(
    Array.from(result.top, (i) => ({
      customerId: customers[i]!,
      segment: groupNames[groupOf[i]!]!,
      spend: spend[i]!,
      spendTarget: result.spendTarget[i]!,
      gap: result.spendGap[i]!,
      breadth: breadth[i]!,
      breadthGap: result.breadthGap[i]!,
      pAlive: pAlive ? pAlive[i]! : null,
      expectedGap: result.expectedGap[i]!,
    })),
    {
      notes: [
        pAlive
          ? `Customers with P(alive) ≥ ${options.minPAlive ?? 0.5}, ranked by headroom × P(alive).`
          : 'No P(alive) given (no CLV model): ranked by headroom alone; some of these customers may have left.',
      ],
    },
  );
  return {
    asOf,
    from,
    breadthBasis,
    customers,
    groupOf,
    groupNames,
    spend,
    breadth,
    pAlive,
    result,
    groupsTable,
    customersTable,
    warnings,
  };
}
