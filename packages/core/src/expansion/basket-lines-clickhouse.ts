/**
 * The basket lines of one `cvm rules` run on ClickHouse (issue 16), built once: each statement of the
 * rules (the basket count, the item counts, one per Apriori level) would otherwise rebuild the lines
 * from the log on every shard. They go to a run table `cvm_basket_lines_<time>_<random>`
 * (`clickhouse-run-tables.ts`: a MergeTree table on every shard plus a Distributed table sharded by
 * `cityHash64(customer_id)` as the transactions are), filled by an `INSERT … SELECT` that each shard
 * runs on its own rows, so no line leaves its shard. The run holds a lease on the table and drops it
 * when done; a table a killed run left behind is dropped by a later rules run over a day later.
 */
import type { ClickHouseEngine } from '../engine/clickhouse/clickhouse-engine.js';
import { createRunTable, sweepRunTables, type RunTable, type RunTableKind } from '../engine/clickhouse/clickhouse-run-tables.js';
import type { DayWindow } from './baskets-sql.js';
import { basketLinesInsertSql } from './basket-stats-sql.js';

/** The basket-line tables of rules runs. */
export const BASKET_LINE_TABLES: RunTableKind = { prefix: 'cvm_basket_lines_', scope: 'basket-lines' };

const COLUMNS = [
  ['customer_id', 'String'],
  ['o', 'String'],
  ['d', 'Date'],
  ['product_id', 'String'],
  ['day', 'Date'],
] as const;

/**
 * Stores the window's basket lines in a new run table (after dropping the stale ones of killed runs).
 * The caller drops it; nothing is left when storing fails.
 * @example
 * const lines = await storeBasketLines(ch, window);
 * try { await ch.rows(basketCountSql(ch.dialect, window, lines.table)); } finally { await lines.drop(); }
 */
export async function storeBasketLines(ch: ClickHouseEngine, window: DayWindow): Promise<RunTable> {
  await sweepRunTables(ch, BASKET_LINE_TABLES);
  const run = await createRunTable(ch, BASKET_LINE_TABLES, {
    columns: COLUMNS,
    orderBy: '(customer_id, o, d)',
    shardKey: 'cityHash64(customer_id)',
  });
  try {
    // run with each shard's database as the default: `transactions` and the table are the shard's own
    await ch.execOnShards(basketLinesInsertSql(ch.dialect, window, run.table));
  } catch (error) {
    await run.drop().catch(() => {});
    throw error;
  }
  return run;
}
