import type { Engine } from './engine.js';

let made = 0;

/**
 * Runs `run` with `sql`, a relation that several of its statements read (for use inside
 * `dialect.perShard`), in the engine's reused form (see `SqlDialect.reused`): on DuckDB computed once
 * into a temporary table that `run`'s statements read, dropped afterwards (also when `run` throws);
 * on ClickHouse the relation itself, recomputed on each shard by each statement.
 * @example
 * const n = await withReusedRelation(engine, perCustomerSql, (rel) =>
 *   engine.rows(`SELECT count(*) AS n FROM ${engine.dialect.perShard(rel)} r`));
 */
export async function withReusedRelation<T>(engine: Engine, sql: string, run: (relation: string) => Promise<T>): Promise<T> {
  // a name per use: reports sharing one connection never replace each other's table
  const r = engine.dialect.reused(`cvm_reused_${process.pid}_${++made}`, sql);
  for (const s of r.setup) await engine.exec(s);
  try {
    return await run(r.sql);
  } finally {
    for (const s of r.teardown) await engine.exec(s);
  }
}
