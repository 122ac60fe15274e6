/**
 * The exact-duplicate check of a ClickHouse ingest against earlier files, shard-local (issue 16).
 * The file is validated in a temporary DuckDB (`clickhouse-ingest.ts`), which finds the duplicates
 * within the file; the accepted rows' keys (`rn` and the key as `transactions` stores it) go to a run
 * table `cvm_dedupe_keys_<time>_<random>` (`clickhouse-run-tables.ts`: MergeTree on every shard plus
 * a Distributed table sharded by `cityHash64(customer_id)` as `transactions` is), and each shard
 * compares them with its own `transactions`: a customer's rows are all on one shard, so an equal
 * row can only be there. Only the duplicates' `rn` come back to Node; the earlier rows never leave
 * their shard (before, every earlier row of the workspace was copied into the temporary DuckDB).
 *
 * ## Method
 * ClickHouse 18.16 has no `IS NOT DISTINCT FROM`, and a NULL matches nothing in `IN` or a join, so
 * each nullable column is compared as the pair (`isNull(c)`, `ifNull(c, 0 or '')`), which is equal
 * exactly when both are NULL or both hold the same value (18.16 and current releases alike). Numbers
 * arrive bit for bit (RowBinary, as the transactions were stored), and `+ 0` turns -0 into 0 as
 * DuckDB's `=` would see them; `ts` is a DateTime in whole seconds on both sides (sub-second times
 * were truncated when stored, so two times in the same second compare equal here, unlike DuckDB). A
 * key matches when its tuple is in the set of the shard's earlier rows of the file's customers whose
 * tuple is among the file's keys (`customer_id IN` uses the primary key, though customers spread over
 * the log still touch every granule: the shard's work grows with its rows, what reaches Node does not;
 * the inner set bounds memory by the file, not by the shard's rows). The sources being replaced by this ingest are left out, as on DuckDB.
 *
 * Measured (docs/scaling.md, item 3 of "What must change first"): a 1,000-row file with 100 repeated
 * rows into the 1M-row synthetic log on the 2-shard 18.16 cluster brings 100 `rn` to Node (6.3 KB in
 * all answers) instead of 1,000,000 rows (94 MB); cvm's CPU 0.9–1.0 s instead of 3.1–3.2 s (load 10).
 */
import type { Engine } from '../engine.js';
import type { ClickHouseEngine } from './clickhouse-engine.js';
import { copyRows } from './clickhouse-copy.js';
import { CLICKHOUSE_TABLES } from './clickhouse-schema.js';
import { DUPLICATE_KEY_COLUMNS } from '../../transactions/parse-sql.js';
import { createRunTable, sweepRunTables, type RunTableKind } from './clickhouse-run-tables.js';

/** The key tables of ingests' duplicate checks. */
export const DEDUPE_KEY_TABLES: RunTableKind = { prefix: 'cvm_dedupe_keys_', scope: 'dedupe-keys' };

const TRANSACTION_TYPES = new Map(CLICKHOUSE_TABLES.find((t) => t.name === 'transactions')!.columns);

/** `DUPLICATE_KEY_COLUMNS` (transactions/parse-sql.ts) in the types of `transactions` on ClickHouse (`rn` an Int64). */
export const DEDUPE_KEY_COLUMNS: readonly (readonly [string, string])[] = DUPLICATE_KEY_COLUMNS.map(
  (c) => [c, c === 'rn' ? 'Int64' : TRANSACTION_TYPES.get(c)!] as const,
);

/** One key column NULL-safe and with -0 as 0 (see the module note). */
function keyTerm(column: string, type: string): string {
  const nullable = type.startsWith('Nullable(');
  const value = nullable ? `ifNull(${column}, ${type.includes('String') ? "''" : '0'})` : column;
  const term = type.includes('Float64') ? `${value} + 0` : value;
  return nullable ? `isNull(${column}), ${term}` : term;
}

/** The NULL-safe key tuple of a row of `transactions` or of the key table (same column names). */
const KEY = DEDUPE_KEY_COLUMNS.slice(1)
  .map(([c, type]) => keyTerm(c, type))
  .join(', ');

/**
 * The per-shard query of the key table's `rn` that repeat an earlier row of the shard's `transactions`,
 * leaving out the `replaced` sources. `keys` must be [0-9a-z_] only.
 * @example
 * earlierDuplicatesSql('cvm_dedupe_keys_sn6k0w_3fa2b1c4', [3]); // SELECT rn FROM cvm_dedupe_keys_… WHERE (customer_id, ts, …) IN (…)
 */
export function earlierDuplicatesSql(keys: string, replaced: readonly number[]): string {
  const keep = replaced.length ? ` AND source_id NOT IN (${replaced.map((id) => String(Math.trunc(id))).join(', ')})` : '';
  return `SELECT rn FROM ${keys} WHERE (${KEY}) IN (
  SELECT ${KEY} FROM transactions
  WHERE customer_id IN (SELECT customer_id FROM ${keys})${keep} AND (${KEY}) IN (SELECT ${KEY} FROM ${keys}))`;
}

/** What the check moved: keys sent to the shards, duplicates' `rn` received. */
export interface DedupeTraffic {
  keysSent: number;
  duplicatesFound: number;
}

/**
 * The `rn` of the keys in DuckDB's table `keys` (columns {@link DEDUPE_KEY_COLUMNS}) that equal an
 * accepted row of an earlier, non-replaced source in the ClickHouse workspace, found on the shards as
 * the module note says. Nothing is sent when the workspace holds no earlier row. The caller holds the
 * `transactions:duplicate-check` lease, so no other checked ingest stores rows meanwhile. Stale key
 * tables of killed ingests are dropped first (`sweepRunTables`); this run's is dropped when done.
 * @throws EngineError when ClickHouse refuses a statement (the key table is dropped).
 * @example
 * await earlierDuplicatesOnClickHouse(ch, duck, 'cvm_dup_keys', [], 200_000); // → Float64Array [4, 17]
 */
export async function earlierDuplicatesOnClickHouse(
  ch: ClickHouseEngine,
  duck: Engine,
  keys: string,
  replaced: readonly number[],
  batchRows: number,
  traffic: DedupeTraffic = { keysSent: 0, duplicatesFound: 0 },
): Promise<Float64Array> {
  const keep = replaced.length ? ` WHERE source_id NOT IN (${replaced.map((id) => String(Math.trunc(id))).join(', ')})` : '';
  const [any] = await ch.rows<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM transactions${keep} LIMIT 1)`);
  if (!Number(any!.n)) return new Float64Array(0);
  await sweepRunTables(ch, DEDUPE_KEY_TABLES);
  const run = await createRunTable(ch, DEDUPE_KEY_TABLES, {
    columns: DEDUPE_KEY_COLUMNS,
    orderBy: '(customer_id, ts)',
    shardKey: 'cityHash64(customer_id)',
  });
  try {
    await copyRows(duck, ch, { table: run.table, from: keys, columns: DEDUPE_KEY_COLUMNS }, batchRows);
    traffic.keysSent += (await duck.rows<{ n: number }>(`SELECT count(*) AS n FROM ${keys}`))[0]!.n;
    const found = await ch.columns(`SELECT rn FROM ${ch.dialect.perShard(earlierDuplicatesSql(run.table, replaced))}`, { rn: 'f64' });
    traffic.duplicatesFound += found.length;
    return found.f64.rn ?? new Float64Array(0);
  } finally {
    await run.drop();
  }
}
