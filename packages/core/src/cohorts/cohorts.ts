import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { dateRangeSql } from '../summary/summary-sql.js';
import { isoDateOrNull } from '../engine/sql.js';
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
}

export interface CohortReport {
  by: CohortPeriod;
  asOf: string;
  computedAt: string;
  mode: RetentionMode;
  overall: CohortTable;
  /** One table per acquisition channel, or null when the log has no channel. */
  byChannel: { channel: string; table: CohortTable }[] | null;
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
  const [range] = await engine.rows<{ last_date: string | null }>(dateRangeSql(engine.dialect));
  if (!range || range.last_date === null) throw new InputError('empty_log', 'The workspace has no accepted transactions; ingest a log first (cvm ingest FILE --workspace DIR)', {});
  const asOf = options.asOf === undefined ? range.last_date : isoDateOrNull(options.asOf);
  if (asOf === null) throw new InputError('bad_date', `--as-of must be a date YYYY-MM-DD; got "${options.asOf}"`, { value: options.asOf });
  let withChannel = options.byChannel === true;
  if (options.byChannel === undefined || options.byChannel === 'auto') {
    // stops at the first row with a channel instead of counting them all
    withChannel = (await engine.rows('SELECT 1 AS x FROM transactions WHERE channel IS NOT NULL LIMIT 1')).length > 0;
  }
  const o = { by, asOf, byChannel: withChannel };
  const cells = await engine.rows<{ kind: number; cohort: number; k: number; active: number; revenue: number; channel?: string }>(cohortCellsSql(engine.dialect, o));
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
      table: buildCohortTable(activity.filter((r) => r.channel === channel), last.filter((r) => r.channel === channel), by, lastPeriod, mode),
    }));
  }
  return { by, asOf, computedAt: new Date().toISOString(), mode, overall, byChannel };
}
