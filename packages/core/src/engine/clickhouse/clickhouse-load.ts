import type { ColumnBatch } from '../engine.js';

/** What {@link loadTablePlan} returns: the statements to run and the RowBinary columns to insert. */
export interface LoadTablePlan {
  drop: string;
  create: string;
  /** [name, ClickHouse type] in table order, for `encodeRowBinary`. */
  columns: [string, string][];
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The statements behind `Engine.load` on ClickHouse: the table `database.table` dropped and created
 * again with the batch's columns in `order`, each `f64` column `Nullable(Float64)` (NaN → NULL, as
 * DuckDB's DOUBLE) and each `strings` column `String` (DuckDB's VARCHAR). A temporary table uses the
 * `Memory` engine (kept in the server's RAM, gone when the engine closes or the server restarts); a
 * lasting one `MergeTree` without a sort key. Both live on the node the engine talks to and are
 * read there: on a cluster they are not Distributed (a per-customer result computed in Node is
 * small next to the transactions, and is read alone: paged, sorted and filtered).
 *
 * @throws TypeError when a name is not a plain identifier or a column is missing from the batch.
 * @example
 * loadTablePlan('cvm', 't', { length: 0, f64: { v: new Float64Array(0) }, strings: { id: [] } }, ['id', 'v'], true).create;
 * // → 'CREATE TABLE cvm.t (id String, v Nullable(Float64)) ENGINE = Memory'
 */
export function loadTablePlan(
  database: string,
  table: string,
  batch: ColumnBatch,
  order: readonly string[],
  temporary: boolean,
): LoadTablePlan {
  for (const name of [table, ...order]) if (!PLAIN.test(name)) throw new TypeError(`load: "${name}" is not a plain identifier`);
  const columns = order.map((name): [string, string] => {
    if (name in batch.f64) return [name, 'Nullable(Float64)'];
    if (name in batch.strings) return [name, 'String'];
    throw new TypeError(`load: the batch has no column ${name}`);
  });
  const target = `${database}.${table}`;
  return {
    drop: `DROP TABLE IF EXISTS ${target}`,
    create: `CREATE TABLE ${target} (${columns.map(([n, t]) => `${n} ${t}`).join(', ')}) ENGINE = ${temporary ? 'Memory' : 'MergeTree ORDER BY tuple()'}`,
    columns,
  };
}
