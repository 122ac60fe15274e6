import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { DAYS_PER_PERIOD, dayToIso, isoToDay, type CustomerSummary } from '../summary/summary.js';
import { channelDictionarySql, channelPresenceSql, MAX_CODED_CHANNELS, retentionHistorySql } from './retention-sql.js';

/**
 * Each customer's history as of an earlier day `before` (the summary's customers and order), as model
 * inputs in the summary's period: x, tₓ, T as of `before`. A customer acquired since then gets the
 * state of their first purchase day (x = tₓ = T = 0) and `acquiredSince` = 1.
 */
export interface RetentionHistory {
  before: string;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  acquiredSince: Uint8Array;
  /** Channel of the last purchase day ('' without one), or null when the log has no channels. */
  channel: string[] | null;
}

/**
 * Reads the history as of `lookbackDays` before the summary's calibration end (one SQL pass over the
 * transactions, see `retentionHistorySql`) and lines it up with the summary; the purchase days up to
 * the earlier day are the summary's purchase days minus those after it. When the summary was read
 * with `historyLookbackDays` equal to `lookbackDays` (`summary.history`), its columns are used and no
 * query runs (the same values, from the same pass over the netted purchase days).
 * @throws InputError `history_mismatch` when the rows do not line up with the summary (the log changed
 *   between the two queries, or the summary was computed on another day)
 * @example
 * const h = await loadRetentionHistory(engine, summary, 90); // h.before = '1998-04-01' for a summary as of 1998-06-30
 */
export async function loadRetentionHistory(engine: Engine, summary: CustomerSummary, lookbackDays: number): Promise<RetentionHistory> {
  const asOfDay = isoToDay(summary.calibrationEnd);
  const beforeDay = asOfDay - lookbackDays;
  const before = dayToIso(beforeDay);
  const carried = summary.history;
  if (carried && carried.before === before && carried.daysAfter.length === summary.length) {
    // read with the summary, from the same netted purchase days (summarize's historyLookbackDays): no second pass
    const dict = carried.channels,
      code = carried.channelCode;
    const channel = dict && code ? Array.from(code, (k) => dict[k] ?? '') : null;
    return { before, ...historyInputs(summary, beforeDay, carried.daysAfter, carried.lastBefore), channel };
  }
  const channel = (await engine.rows(channelPresenceSql(engine.dialect, { asOf: summary.calibrationEnd }))).length > 0;
  const kinds: Record<string, 'f64' | 'string'> = { days_after: 'f64', last_before: 'f64', last_purchase: 'f64' };
  let channels: string[] | 'text' | null = null;
  // coded on DuckDB; ClickHouse's plain GROUP BY form (retentionHistorySql) keeps the 'day|channel' texts
  if (channel && engine.dialect.name !== 'duckdb') channels = 'text';
  else if (channel) {
    const dict = (await engine.rows<{ channel: string }>(channelDictionarySql(engine.dialect, { asOf: summary.calibrationEnd }))).map(
      (r) => r.channel,
    );
    channels = dict.length <= MAX_CODED_CHANNELS ? dict : 'text';
  }
  if (channels === 'text') kinds.last_channel = 'string';
  else if (channels) kinds.last_channel_code = 'f64';
  const b = await engine.columns(
    retentionHistorySql(engine.dialect, { asOf: summary.calibrationEnd, before, channels, netReturns: summary.hasReturns }),
    kinds,
  );
  const n = summary.length;
  const last = b.f64.last_purchase!;
  let aligned = b.length === n;
  for (let i = 0; aligned && i < n; i++) if (last[i] !== summary.lastPurchase[i]) aligned = false;
  if (!aligned) {
    throw new InputError(
      'history_mismatch',
      `The purchase history as of ${before} (${b.length} customers) does not line up with the summary as of ${summary.calibrationEnd} (${n}); compute both on an unchanged log`,
      { before },
    );
  }
  let lastChannel: string[] | null = null;
  if (channels === 'text') lastChannel = b.strings.last_channel!.map((v) => v.slice(11));
  else if (channels) {
    const dict = channels,
      code = b.f64.last_channel_code!;
    lastChannel = Array.from(code, (k) => dict[k] ?? '');
  }
  return { before, ...historyInputs(summary, beforeDay, b.f64.days_after!, b.f64.last_before!), channel: lastChannel };
}

/** x, tₓ, T as of `beforeDay` from the purchase days after it and the last one up to it (NaN: none). */
function historyInputs(
  summary: CustomerSummary,
  beforeDay: number,
  after: Float64Array,
  lastBefore: Float64Array,
): Pick<RetentionHistory, 'x' | 'tx' | 'T' | 'acquiredSince'> {
  const n = summary.length;
  const per = DAYS_PER_PERIOD[summary.period];
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    T = new Float64Array(n),
    acquiredSince = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // purchase days up to `before` = the summary's purchase days − those after `before`
    const days = summary.frequency[i]! + 1 - after[i]!;
    if (!(days > 0) || Number.isNaN(lastBefore[i]!)) {
      acquiredSince[i] = 1;
      continue;
    }
    const first = summary.firstPurchase[i]!;
    x[i] = days - 1;
    tx[i] = (lastBefore[i]! - first) / per;
    T[i] = (beforeDay - first) / per;
  }
  return { x, tx, T, acquiredSince };
}
