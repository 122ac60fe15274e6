import { randomBytes } from 'node:crypto';
import type { ColumnBatch, Engine } from '../engine/engine.js';
import { innerEngine } from '../engine/serial-engine.js';
import { leaseRunTables, sweepRunTables, type RunTableKind } from '../engine/clickhouse/clickhouse-run-tables.js';
import { ensureClickHouseWorkspace, type ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import { InputError } from '../errors.js';
import { DAYS_PER_PERIOD, resolveSummaryPeriod, type Period, type SummaryOptions } from '../summary/summary.js';
import { hasReturns } from '../summary/summary-patterns.js';
import { DATABASE_SCORE_COLUMNS, PATTERN_SCORE_COLUMNS, stagedSummarySql } from './database-scores-sql.js';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The work tables of a scoring on ClickHouse, run tables (`clickhouse-run-tables.ts`) under one lease
 * for the run: the staged summary and the pattern scores. Names of before the time was in them
 * (12 hex digits) are aged by their metadata time.
 */
export const SUMMARY_TABLES: RunTableKind = {
  prefix: 'cvm_summary_',
  scope: 'scoring',
  runLease: true,
  legacy: /^cvm_summary_[0-9a-f]{12}$/,
};
export const PATTERN_SCORE_TABLES: RunTableKind = {
  prefix: 'cvm_pattern_scores_',
  scope: 'scoring',
  runLease: true,
  legacy: /^cvm_pattern_scores_[0-9a-f]{12}$/,
};

/** The names of a scoring's work tables; `drop` drops them (if created) and ends the run's lease. */
export interface ScoringTables {
  summary: string;
  patterns: string;
  drop(): Promise<void>;
}

/**
 * Names the work tables of a scoring. On ClickHouse first drops those of scorings killed over a day
 * ago that no live process holds (`sweepRunTables`, on every node), then names the run's
 * `cvm_summary_<time>_<random>` and `cvm_pattern_scores_<time>_<random>` and takes their lease; on
 * DuckDB (temporary tables) random names and nothing to sweep.
 */
export async function scoringTables(engine: Engine): Promise<ScoringTables> {
  const ch = innerEngine(engine);
  if (!isClickHouseEngine(ch)) {
    const r = randomBytes(6).toString('hex');
    return { summary: `cvm_summary_${r}`, patterns: `cvm_pattern_scores_${r}`, drop: async () => {} };
  }
  for (const kind of [SUMMARY_TABLES, PATTERN_SCORE_TABLES]) await sweepRunTables(ch, kind);
  const run = await leaseRunTables(ch, [SUMMARY_TABLES, PATTERN_SCORE_TABLES]);
  return { summary: run.tables[0]!, patterns: run.tables[1]!, drop: run.drop };
}

/**
 * Checks that `table` may receive scores: a plain identifier, and either absent or a table holding
 * exactly the score columns (an earlier scoring), so a workspace table is never replaced.
 * @throws InputError `bad_table_name`, `table_not_scores`
 */
export async function checkScoresTable(engine: Engine, table: string): Promise<void> {
  if (!PLAIN.test(table))
    throw new InputError('bad_table_name', `The scores table name must be a plain identifier (letters, digits, _); got "${table}"`, {
      table,
    });
  const [e] = await engine.rows<{ n: number }>(engine.dialect.tableExists(table));
  if (Number(e!.n) === 0) return;
  const cols = DATABASE_SCORE_COLUMNS.map((c) => `"${c}"`).join(', ');
  const [c] = await engine
    .rows<{ n: number }>(`SELECT count(*) AS n FROM (SELECT ${cols} FROM ${table}) t WHERE 1 = 0`)
    .catch(() => [{ n: -1 }]);
  if (Number(c!.n) !== 0)
    throw new InputError(
      'table_not_scores',
      `Table ${table} exists and is not a scores table (it lacks the columns ${DATABASE_SCORE_COLUMNS.join(', ')}): choose another name`,
      { table },
    );
}

/**
 * Stages `select` (the summary columns scoring reads, `stagedSummarySql`) in `table` (named by
 * {@link scoringTables}): on DuckDB a temporary table; on ClickHouse a MergeTree table on every shard
 * holding that shard's own customers (`CREATE … AS SELECT` run by each shard on its own rows), read
 * by per-shard statements. The summary is computed once instead of once per statement.
 */
export async function stageSummary(engine: Engine, select: string, table: string): Promise<{ table: string; drop: () => Promise<void> }> {
  const ch = innerEngine(engine);
  if (!isClickHouseEngine(ch)) {
    await engine.exec(`CREATE TEMP TABLE ${table} AS ${select}`);
    return { table, drop: () => engine.exec(`DROP TABLE IF EXISTS ${table}`) };
  }
  const drop = (): Promise<void> => ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${table}`);
  try {
    await ch.execOnShards(`CREATE TABLE ${ch.localDatabase}.${table} ENGINE = MergeTree ORDER BY tuple() AS ${select}`);
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  return { table, drop };
}

/**
 * Runs `body` on the customer summary staged where the data lives (as of `options`' calibration end
 * and period, returns netted when the log has any) with the run's scoring tables: on ClickHouse those
 * a killed run left are swept, this run's are named and leased, and both are dropped when `body` ends
 * or fails. Shared by `scoreInDatabase` and `fitGammaGammaInDatabase`.
 * @example
 * await withStagedSummary(engine, { period: 'week' }, (summary, patterns, period) => …);
 */
export async function withStagedSummary<T>(
  engine: Engine,
  options: SummaryOptions,
  body: (summaryTable: string, patternTable: string, period: Period) => Promise<T>,
): Promise<T> {
  const r = await resolveSummaryPeriod(engine, options);
  const netReturns = await hasReturns(engine, r.calibrationEnd);
  const work = await scoringTables(engine);
  try {
    const select = stagedSummarySql(engine.dialect, {
      calibrationEnd: r.calibrationEnd,
      daysPerPeriod: DAYS_PER_PERIOD[r.period],
      netReturns,
    });
    const summary = await stageSummary(engine, select, work.summary);
    try {
      return await body(summary.table, work.patterns, r.period);
    } finally {
      await summary.drop();
    }
  } finally {
    await work.drop();
  }
}

/**
 * Writes the scores into `table` (replaced): the pattern scores `patterns` (columns
 * {@link PATTERN_SCORE_COLUMNS}) go to `patternTable` (named by {@link scoringTables}), `select(patternTable)` computes each
 * customer's row from them, and the pattern table is dropped afterwards (also after a failure).
 *
 * - DuckDB: the patterns are a temporary table and `CREATE OR REPLACE TABLE table AS select`.
 * - ClickHouse: the patterns are written to a MergeTree table on every shard (the same rows on each,
 *   RowBinary, bit for bit), `table` is a MergeTree on every shard plus a Distributed table sharded
 *   by `cityHash64(customer_id)` like the transactions, and each shard runs `INSERT … select` on its
 *   own customers: no customer row leaves its shard, only the patterns travel (to every shard).
 */
export async function writeDatabaseScores(
  engine: Engine,
  table: string,
  patterns: ColumnBatch,
  select: (patternTable: string) => string,
  patternTable: string,
): Promise<void> {
  const ch = innerEngine(engine);
  if (!isClickHouseEngine(ch)) {
    try {
      await engine.load(patternTable, patterns, { temporary: true, order: PATTERN_SCORE_COLUMNS });
      await engine.exec(`CREATE OR REPLACE TABLE ${table} AS ${select(patternTable)}`);
    } finally {
      await engine.exec(`DROP TABLE IF EXISTS ${patternTable}`);
    }
    return;
  }
  const columns = PATTERN_SCORE_COLUMNS.map((c) => [c, 'Float64'] as const);
  const dropPatterns = (): Promise<void> => ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${patternTable}`);
  try {
    await ch.execOnShards(
      `CREATE TABLE ${ch.localDatabase}.${patternTable} (${columns.map(([c, t]) => `"${c}" ${t}`).join(', ')}) ENGINE = MergeTree ORDER BY tuple()`,
    );
    for (const url of await ch.shardUrls()) await ch.insertColumns(patternTable, columns, patterns, url);
    await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.database}.${table}`);
    if (ch.localDatabase !== ch.database) await ch.execOnShards(`DROP TABLE IF EXISTS ${ch.localDatabase}.${table}`);
    const spec: ClickHouseTableSpec = {
      name: table,
      columns: [['customer_id', 'String'], ...DATABASE_SCORE_COLUMNS.slice(1).map((c) => [c, 'Float64'] as const)],
      orderBy: 'customer_id',
      shardKey: 'cityHash64(customer_id)',
    };
    await ensureClickHouseWorkspace(ch, [spec]);
    const cols = DATABASE_SCORE_COLUMNS.map((c) => `"${c}"`).join(', ');
    await ch.execOnShards(`INSERT INTO ${ch.localDatabase}.${table} (${cols}) ${select(patternTable)}`);
  } finally {
    await dropPatterns();
  }
}

/**
 * The `limit` customers with the highest CLV in a scores table written by `scoreInDatabase`
 * (ties in customer order), as rows of {@link DATABASE_SCORE_COLUMNS}: a small read for display.
 */
export async function topDatabaseScores(engine: Engine, table: string, limit = 20): Promise<Record<string, unknown>[]> {
  if (!PLAIN.test(table)) throw new InputError('bad_table_name', `Not a plain table name: "${table}"`, { table });
  const cols = DATABASE_SCORE_COLUMNS.map((c) => `"${c}"`).join(', ');
  return engine.rows(
    `SELECT ${cols} FROM ${table} ORDER BY clv DESC, ${engine.dialect.customerOrder('customer_id')} LIMIT ${Math.max(0, Math.floor(limit))}`,
  );
}
