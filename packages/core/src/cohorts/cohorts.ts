import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { logRange } from '../summary/summary.js';
import { isoDateOrNull } from '../engine/sql.js';
import { COHORT_PERIODS, periodIndexOf, type CohortPeriod } from './cohort-periods.js';
import { cohortActivitySql, cohortLastPeriodSql } from './cohort-sql.js';
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
 * Acquisition cohorts × periods since acquisition, computed in SQL (two small grouped results) and
 * assembled by {@link buildCohortTable}: head-count and revenue retention, cumulative revenue per
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
  const range = await logRange(engine);
  if (range.lastDate === null) throw new InputError('empty_log', 'The workspace has no accepted transactions; ingest a log first (cvm ingest FILE --workspace DIR)', {});
  const asOf = options.asOf === undefined ? range.lastDate : isoDateOrNull(options.asOf);
  if (asOf === null) throw new InputError('bad_date', `--as-of must be a date YYYY-MM-DD; got "${options.asOf}"`, { value: options.asOf });
  let withChannel = options.byChannel === true;
  if (options.byChannel === undefined || options.byChannel === 'auto') {
    const [r] = await engine.rows<{ n: number }>('SELECT count(channel) AS n FROM transactions');
    withChannel = (r?.n ?? 0) > 0;
  }
  const o = { by, asOf, byChannel: withChannel };
  const activity = await engine.rows<CohortActivityRow & { channel?: string }>(cohortActivitySql(engine.dialect, o));
  const last = await engine.rows<CohortLastRow & { channel?: string }>(cohortLastPeriodSql(engine.dialect, o));
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
