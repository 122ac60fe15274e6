import type { ColumnBatch, Engine } from '../engine/engine.js';
import { withReusedRelation } from '../engine/reused-relation.js';
import {
  acquiredCustomersSql,
  acquiredLevelsSql,
  acquiredLocalSql,
  revenueByMonthSql,
  type AcquiredSqlOptions,
} from './acquisition-sql.js';

/** The acquired customers as the acquisition report reads them from the database. */
export interface Acquired {
  /** Levels in name order with their acquired customers. */
  named: { level: string; n: number }[];
  /** One row per acquired customer: customer_id, lc (position in `named`), am (acquisition month index). */
  customers: ColumnBatch;
  /** Net revenue by level, acquisition month index and months since acquisition k (see `revenueByMonthSql`). */
  revenue: { level: string; am: number; k: number; revenue: number }[];
}

/**
 * Reads the acquired customers' levels, the customers and their revenue by month since acquisition:
 * three statements over one per-customer relation ({@link acquiredLocalSql}), in the engine's
 * reused form (see `withReusedRelation`): DuckDB attributes the customers in one scan of the log
 * into a temporary table the three read; ClickHouse attributes them on each shard in each statement,
 * so only per-customer rows and grouped sums travel.
 */
export async function readAcquired(engine: Engine, o: AcquiredSqlOptions): Promise<Acquired> {
  const d = engine.dialect;
  return withReusedRelation(engine, acquiredLocalSql(d, o), async (lv) => {
    const named = await engine.rows<{ level: string; n: number }>(acquiredLevelsSql(d, lv));
    const customers: ColumnBatch =
      named.length === 0
        ? { length: 0, f64: { lc: new Float64Array(0), am: new Float64Array(0) }, strings: { customer_id: [] } }
        : await engine.columns(
            acquiredCustomersSql(
              d,
              lv,
              named.map((r) => r.level),
            ),
            { customer_id: 'string', lc: 'f64', am: 'f64' },
          );
    const revenue = await engine.rows<Acquired['revenue'][number]>(revenueByMonthSql(d, lv, o.asOf));
    return { named, customers, revenue };
  });
}
