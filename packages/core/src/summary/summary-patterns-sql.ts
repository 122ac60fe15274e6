import type { SqlDialect } from '../engine/engine.js';
import { summaryCustomersSql, type SummarySqlOptions } from './summary-sql.js';

/**
 * The count models' sufficient statistics: distinct (x, t_x, T) = (frequency, recency, T) patterns
 * of the summary with the number of customers `n` of each, ordered by x, t_x, T. Each shard groups
 * its own customers (`dialect.perShard`) and the outer GROUP BY adds the counts of equal patterns,
 * so what leaves the database grows with distinct patterns, not customers.
 */
export function rfmPatternsSql(d: SqlDialect, o: SummarySqlOptions): string {
  const perShard = `SELECT frequency AS px, recency AS ptx, "T" AS pt, count(*) AS pn
FROM (${summaryCustomersSql(d, o)}) s GROUP BY frequency, recency, "T"`;
  return `SELECT px AS x, ptx AS tx, pt AS t_cal, ${d.double('sum(pn)')} AS n
FROM ${d.perShard(perShard)} p
GROUP BY px, ptx, pt
ORDER BY x, tx, t_cal`;
}

/**
 * Gamma-Gamma's sufficient statistics: distinct (x, m_x) pairs of the repeat buyers (x > 0) with
 * their customer counts, ordered. Spend is continuous, so this compresses only exact ties: close to
 * one row per repeat buyer (see docs/scaling.md).
 */
export function spendPatternsSql(d: SqlDialect, o: SummarySqlOptions): string {
  const perShard = `SELECT frequency AS px, monetary_value AS pm, count(*) AS pn
FROM (${summaryCustomersSql(d, o)}) s WHERE frequency > 0 GROUP BY frequency, monetary_value`;
  return `SELECT px AS x, pm AS mx, ${d.double('sum(pn)')} AS n
FROM ${d.perShard(perShard)} p
GROUP BY px, pm
ORDER BY x, mx`;
}
