import type { SqlDialect } from '../engine/engine.js';
import { summaryCustomersSql, type SummarySqlOptions } from '../summary/summary-sql.js';

/** The columns of a scores table, in order (those of `cvm predict` without intervals). */
export const DATABASE_SCORE_COLUMNS = [
  'customer_id',
  'p_alive',
  'expected_purchases',
  'expected_spend',
  'clv',
  'frequency',
  'recency',
  'T',
  'monetary_value',
] as const;

/**
 * The pattern table's columns: the (x, t_x, T) key as the summary names it, the count-model scores
 * of that pattern, and the constants of the per-customer arithmetic (held as columns, not SQL
 * literals, so they reach the engine bit for bit: ClickHouse 18.16 parses decimal text inexactly).
 */
export const PATTERN_SCORE_COLUMNS = [
  'frequency',
  'recency',
  'T',
  'p_alive',
  'expected_purchases',
  'dert',
  'spend_p',
  'spend_q',
  'spend_gamma',
  'spend_mean',
  'margin',
] as const;

export interface DatabaseScoresSqlOptions {
  /** The staged summary ({@link stagedSummarySql}): a table of each shard's own customers. */
  summaryTable: string;
  /** Table of one row per distinct (x, t_x, T) with {@link PATTERN_SCORE_COLUMNS}. */
  patternTable: string;
  spendModel: 'gamma-gamma' | 'historic';
}

/**
 * The summary columns scoring reads, for a table staged once per scoring (on ClickHouse on every
 * shard from its own rows), so that the patterns, the spend statistics and the per-customer scores
 * read it instead of each recomputing the summary from the log.
 */
export function stagedSummarySql(d: SqlDialect, o: SummarySqlOptions): string {
  // doubles, as in the pattern table: with daily periods recency and T are integers, and ClickHouse joins only keys of one type
  return `SELECT customer_id, ${d.double('frequency')} AS frequency, ${d.double('recency')} AS recency, ${d.double('"T"')} AS "T", monetary_value
FROM (${summaryCustomersSql(d, o)}) s0`;
}

/**
 * Per-customer scores in SQL: the summary's customers joined to their (x, t_x, T) pattern's scores
 * (P(alive), expected purchases over the horizon and `dert`, the discounted expected purchases
 * P(alive) · Σₖ [E(tₖ) − E(tₖ₋₁)] · (1 + D)^(−(tₖ − h/2)/P), computed in Node once per pattern by
 * `scoreCountModel`), then the elementary part per customer, in the same operations and order as
 * the Node scoring so the results are the same doubles:
 *
 * - expected spend, Gamma-Gamma (Fader & Hardie 2013, eq. 5): p(γ + x·m̄ₓ)/(p·x + q − 1) for x > 0,
 *   the population mean pγ/(q − 1) for x = 0 (`gammaGammaExpectedSpend`); historic: m̄ₓ for x > 0,
 *   the mean over repeat buyers otherwise (`estimateSpend`);
 * - CLV = dert · expected spend · margin (`scoreCountModel`).
 *
 * One SQL text for both engines: no qualified columns, one `LEFT JOIN … USING` (ClickHouse 18.16).
 * On a cluster each shard runs it on its own customers against its own copy of the pattern table.
 * Columns: {@link DATABASE_SCORE_COLUMNS}; unordered.
 */
export function databaseScoresSql(o: DatabaseScoresSqlOptions): string {
  const spend =
    o.spendModel === 'gamma-gamma'
      ? '(spend_p * (spend_gamma + frequency * monetary_value)) / (spend_p * frequency + spend_q - 1)'
      : 'monetary_value';
  const population = o.spendModel === 'gamma-gamma' ? '(spend_p * spend_gamma) / (spend_q - 1)' : 'spend_mean';
  return `SELECT customer_id, p_alive, expected_purchases, expected_spend, dert * expected_spend * margin AS clv,
  frequency, recency, "T", monetary_value
FROM (
  SELECT customer_id, frequency, recency, "T", monetary_value, p_alive, expected_purchases, dert, margin,
    CASE WHEN frequency > 0 THEN ${spend} ELSE ${population} END AS expected_spend
  FROM ${o.summaryTable}
  LEFT JOIN ${o.patternTable} USING (frequency, recency, "T")
) j`;
}

/** Distinct (x, t_x, T) of the staged summary with customer counts, grouped on each shard (as `rfmPatternsSql`). */
export function stagedRfmPatternsSql(d: SqlDialect, summaryTable: string): string {
  const perShard = `SELECT frequency AS px, recency AS ptx, "T" AS pt, count(*) AS pn FROM ${summaryTable} GROUP BY frequency, recency, "T"`;
  return `SELECT px AS x, ptx AS tx, pt AS t_cal, ${d.double('sum(pn)')} AS n FROM ${d.perShard(perShard)} p GROUP BY px, ptx, pt ORDER BY x, tx, t_cal`;
}

/** Customers of the staged summary whose repeat purchases average exactly 0 (Gamma-Gamma leaves them out of its fit): the first 20 ids in customer order. */
export function zeroSpendCustomersSql(d: SqlDialect, summaryTable: string): string {
  const perShard = `SELECT customer_id FROM ${summaryTable} WHERE frequency > 0 AND monetary_value = 0`;
  return `SELECT customer_id FROM ${d.perShard(perShard)} z ORDER BY ${d.customerOrder('customer_id')} LIMIT 20`;
}

/** The historic spend model's one number: the sum and count of the repeat buyers' mean repeat spend (`spend_sum`, `buyers`), summed on each shard. */
export function repeatSpendSumSql(d: SqlDialect, summaryTable: string): string {
  const perShard = `SELECT sum(monetary_value) AS ps, count(*) AS pn FROM ${summaryTable} WHERE frequency > 0`;
  return `SELECT ${d.double('sum(ps)')} AS spend_sum, ${d.double('sum(pn)')} AS buyers FROM ${d.perShard(perShard)} r`;
}

/** Customers (`n`), total CLV (`clv`) and customers without a pattern score (`missing`) of a scores table. */
export function scoresTotalsSql(d: SqlDialect, table: string): string {
  return `SELECT ${d.double('count(*)')} AS n, ${d.double('sum(clv)')} AS clv, ${d.countIf('p_alive IS NULL')} AS missing FROM ${table}`;
}
