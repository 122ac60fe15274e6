import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { dateRangeSql } from '../summary/summary-sql.js';
import { isoDateOrNull } from '../engine/sql.js';
import { dimensionQuery, type DimensionOptions } from '../inputs/dimension.js';
import { UNKNOWN } from '../inputs/attribution-sql.js';
import { COHORT_PERIODS, periodIndexOf, type CohortPeriod } from './cohort-periods.js';
import { cohortCellsSql } from './cohort-sql.js';
import { buildCohortTable, type CohortActivityRow, type CohortLastRow, type CohortTable, type RetentionMode } from './cohort-table.js';

export interface CohortOptions {
  /** Cohort bucket (default month). */
  by?: CohortPeriod;
  /** Last day read, inclusive (default: the last transaction day). */
  asOf?: string;
  /** Head-count retention mode (default `returned`). */
  mode?: RetentionMode;
  /** Also break down by acquisition channel: `auto` (default) when the log has channels. */
  byChannel?: boolean | 'auto';
  /**
   * Break down by a customer dimension instead (`channel` under an attribution rule, or an attribute
   * of the customers file; see `dimensionQuery`): `byDimension` holds one table per level, `unknown`
   * for customers without a value.
   */
  dimension?: string;
  /** Options of the dimension (attribution rule, numeric bands). */
  dimensionOptions?: DimensionOptions;
}

export interface CohortReport {
  by: CohortPeriod;
  asOf: string;
  /** First purchase day in the log (ISO date): the first cohort's period can start before it (a week starts on Monday). */
  firstDate: string;
  computedAt: string;
  mode: RetentionMode;
  overall: CohortTable;
  /** One table per acquisition channel, or null when the log has no channel. */
  byChannel: { channel: string; table: CohortTable }[] | null;
  /** With `dimension`: its name, the rule of its levels and one table per level; else absent. */
  byDimension?: { name: string; rule: string; levels: { level: string; table: CohortTable }[] };
}

/**
 * Acquisition cohorts × periods since acquisition, computed in SQL (one statement returning two
 * small grouped tables, {@link cohortCellsSql}; nothing per customer is read) and assembled by
 * {@link buildCohortTable}: head-count and revenue retention, cumulative revenue per
 * acquired customer, a weighted average row, and a breakdown by acquisition channel.
 * @throws InputError `bad_cohort_period`, `bad_date`, `empty_log`
 * @example
 * const r = await cohortReport(engine, { by: 'month' });
 * r.overall.rows[0].retention[1]; // share of January's new customers who bought again in February
 */
export async function cohortReport(engine: Engine, options: CohortOptions = {}): Promise<CohortReport> {
  const by = options.by ?? 'month';
  if (!COHORT_PERIODS.includes(by)) throw new InputError('bad_cohort_period', `--by must be week, month or quarter; got "${by}"`, { by });
  const mode = options.mode ?? 'returned';
  const [range] = await engine.rows<{ first_date: string | null; last_date: string | null }>(dateRangeSql(engine.dialect));
  if (!range || range.last_date === null)
    throw new InputError(
      'empty_log',
      'The workspace has no accepted transactions; ingest a log first (cvm ingest FILE --workspace DIR)',
      {},
    );
  const asOf = options.asOf === undefined ? range.last_date : isoDateOrNull(options.asOf);
  if (asOf === null) throw new InputError('bad_date', `--as-of must be a date YYYY-MM-DD; got "${options.asOf}"`, { value: options.asOf });
  if (options.dimension !== undefined)
    return cohortsByDimension(engine, {
      by,
      asOf,
      firstDate: range.first_date!,
      mode,
      name: options.dimension,
      dimensionOptions: options.dimensionOptions ?? {},
    });
  let withChannel = options.byChannel === true;
  if (options.byChannel === undefined || options.byChannel === 'auto') {
    // stops at the first row with a channel instead of counting them all
    withChannel = (await engine.rows('SELECT 1 AS x FROM transactions WHERE channel IS NOT NULL LIMIT 1')).length > 0;
  }
  const o = { by, asOf, byChannel: withChannel };
  const cells = await engine.rows<{ kind: number; cohort: number; k: number; active: number; revenue: number; channel?: string }>(
    cohortCellsSql(engine.dialect, o),
  );
  const activity: (CohortActivityRow & { channel?: string })[] = [];
  const last: (CohortLastRow & { channel?: string })[] = [];
  for (const r of cells) {
    if (r.kind === 0) activity.push({ cohort: r.cohort, k: r.k, active: r.active, revenue: r.revenue, channel: r.channel });
    else last.push({ cohort: r.cohort, last_k: r.k, customers: r.active, channel: r.channel });
  }
  const lastPeriod = periodIndexOf(asOf, by);
  const overall = buildCohortTable(activity, last, by, lastPeriod, mode);
  let byChannel: CohortReport['byChannel'] = null;
  if (withChannel) {
    const channels = [...new Set(last.map((r) => r.channel!))].sort();
    byChannel = channels.map((channel) => ({
      channel,
      table: buildCohortTable(
        activity.filter((r) => r.channel === channel),
        last.filter((r) => r.channel === channel),
        by,
        lastPeriod,
        mode,
      ),
    }));
  }
  return { by, asOf, firstDate: range.first_date!, computedAt: new Date().toISOString(), mode, overall, byChannel };
}

async function cohortsByDimension(
  engine: Engine,
  o: { by: CohortPeriod; asOf: string; firstDate: string; mode: RetentionMode; name: string; dimensionOptions: DimensionOptions },
): Promise<CohortReport> {
  const q = await dimensionQuery(engine, o.name, { asOf: o.asOf, ...o.dimensionOptions });
  const cells = await engine.rows<{ kind: number; cohort: number; k: number; active: number; revenue: number; channel: string }>(
    cohortCellsSql(engine.dialect, { by: o.by, asOf: o.asOf, byChannel: false, dimension: q.localSql }),
  );
  const activity: (CohortActivityRow & { level: string })[] = [];
  const last: (CohortLastRow & { level: string })[] = [];
  const size = new Map<string, number>();
  for (const r of cells) {
    if (r.kind === 0) activity.push({ cohort: r.cohort, k: r.k, active: r.active, revenue: r.revenue, level: r.channel });
    else {
      last.push({ cohort: r.cohort, last_k: r.k, customers: r.active, level: r.channel });
      size.set(r.channel, (size.get(r.channel) ?? 0) + r.active);
    }
  }
  const lastPeriod = periodIndexOf(o.asOf, o.by);
  // levels as the dimension orders them: numeric bands in order, else by customers; unknown last
  const order = q.ordered ?? [...size.keys()].filter((l) => l !== UNKNOWN).sort((a, b) => size.get(b)! - size.get(a)! || (a < b ? -1 : 1));
  const levels = [...order.filter((l) => size.has(l)), ...(size.has(UNKNOWN) ? [UNKNOWN] : [])];
  return {
    by: o.by,
    asOf: o.asOf,
    firstDate: o.firstDate,
    computedAt: new Date().toISOString(),
    mode: o.mode,
    overall: buildCohortTable(activity, last, o.by, lastPeriod, o.mode),
    byChannel: null,
    byDimension: {
      name: o.name,
      rule: `${q.rule}; customers without a value: ${UNKNOWN}`,
      levels: levels.map((level) => ({
        level,
        table: buildCohortTable(
          activity.filter((r) => r.level === level),
          last.filter((r) => r.level === level),
          o.by,
          lastPeriod,
          o.mode,
        ),
      })),
    },
  };
}
