import type { ColumnBatch, Engine } from '../engine/engine.js';
import { channelDictionarySql, channelPresenceSql, MAX_CODED_CHANNELS, type SummaryHistoryOptions } from './summary-history-sql.js';

/**
 * Each customer's history as of an earlier day, read with the summary (same customers, same order,
 * same netted purchase days): what the retention stage needs beyond the summary (issue 12).
 */
export interface SummaryHistory {
  /** The earlier day, ISO date. */
  before: string;
  /** Kept purchase days after `before`, up to the calibration end. */
  daysAfter: Float64Array;
  /** Last kept purchase day on or before `before` (days since 1970-01-01), NaN for a customer acquired since. */
  lastBefore: Float64Array;
  /** The log's channels (code = index), or null when it has none. */
  channels: string[] | null;
  /** Code of the channel of the last kept purchase day (the alphabetically last of that day's), or null without channels. */
  channelCode: Float64Array | null;
}

const DAY_MS = 86_400_000;

/**
 * How `summarize` asks for and reads the history columns (`summaryHistorySql`).
 * - `options`: null unless `lookbackDays` is given and the engine is DuckDB (ClickHouse keeps the
 *   retention stage's own query) and the log has at most `MAX_CODED_CHANNELS` channels; otherwise
 *   the earlier day and the channel dictionary (two small queries, nothing read after the
 *   calibration end).
 * - `kinds`: the column kinds to read; `read`: the columns as a {@link SummaryHistory}.
 * @example
 * const o = await summaryHistory.options(engine, '1998-06-30', 90); // { before: '1998-04-01', channels: null } on CDNOW
 */
export const summaryHistory = {
  async options(engine: Engine, calibrationEnd: string, lookbackDays: number | undefined): Promise<SummaryHistoryOptions | null> {
    if (lookbackDays === undefined || engine.dialect.name !== 'duckdb' || !(lookbackDays >= 0)) return null;
    const before = new Date(Date.parse(`${calibrationEnd}T00:00:00Z`) - lookbackDays * DAY_MS).toISOString().slice(0, 10);
    const asOf = { asOf: calibrationEnd };
    if ((await engine.rows(channelPresenceSql(engine.dialect, asOf))).length === 0) return { before, channels: null };
    const dict = (await engine.rows<{ channel: string }>(channelDictionarySql(engine.dialect, asOf))).map((r) => r.channel);
    return dict.length <= MAX_CODED_CHANNELS ? { before, channels: dict } : null;
  },
  kinds(o: SummaryHistoryOptions): Record<string, 'f64'> {
    return o.channels ? { days_after: 'f64', last_before: 'f64', last_channel_code: 'f64' } : { days_after: 'f64', last_before: 'f64' };
  },
  read(o: SummaryHistoryOptions, b: ColumnBatch): SummaryHistory {
    return {
      before: o.before,
      daysAfter: b.f64.days_after!,
      lastBefore: b.f64.last_before!,
      channels: o.channels ? [...o.channels] : null,
      channelCode: o.channels ? b.f64.last_channel_code! : null,
    };
  },
};
