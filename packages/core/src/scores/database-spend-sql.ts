import type { SqlDialect } from '../engine/engine.js';

/**
 * A positive finite double as SQL that evaluates to exactly that double on DuckDB and on every
 * ClickHouse (18.16 parses decimal text inexactly): its integer significand divided by powers of
 * two, each an integer literal converted exactly, each division exact.
 * @example exactDoubleSql(d, 16.000000000000004) // → (CAST(4503599627370497 AS DOUBLE) / CAST(281474976710656 AS DOUBLE)) on DuckDB
 */
export function exactDoubleSql(d: SqlDialect, v: number): string {
  if (!(v > 0 && v < Infinity)) throw new RangeError(`exactDoubleSql: ${v} is not a positive finite double`);
  let m = v,
    k = 0;
  while (!Number.isInteger(m)) {
    m *= 2; // exact: doubling a double
    k++;
  }
  let sql = d.double(BigInt(m).toString());
  for (; k > 0; k -= Math.min(k, 60)) sql = `(${sql} / ${d.double((2n ** BigInt(Math.min(k, 60))).toString())})`;
  return sql;
}

/**
 * Per distinct x of the staged summary's repeat buyers (x > 0), summed on each shard then over
 * shards: over those with m̄ₓ > 0 (the Gamma-Gamma fit's customers) `n` = count, `lnm` = Σ ln m̄ₓ,
 * `m1` = Σ m̄ₓ, `m2` = Σ m̄ₓ²; `zeros` = count with m̄ₓ = 0 (left out of the fit) and `bad` = count
 * with m̄ₓ negative or not finite (an error). Rows: distinct x, ordered.
 */
export function spendXStatsSql(d: SqlDialect, summaryTable: string): string {
  const pos = (e: string): string => `sum(CASE WHEN monetary_value > 0 THEN ${e} ELSE 0 END)`;
  const perShard = `SELECT frequency AS px, ${d.countIf('monetary_value > 0')} AS pn, ${pos('ln(monetary_value)')} AS pl,
  ${pos('monetary_value')} AS pm1, ${pos('monetary_value * monetary_value')} AS pm2, ${d.countIf('monetary_value = 0')} AS pz,
  ${d.countIf('NOT (monetary_value >= 0 AND monetary_value - monetary_value = 0)')} AS pbad
FROM ${summaryTable} WHERE frequency > 0 GROUP BY frequency`;
  const sum = (c: string): string => d.double(`sum(${c})`);
  return `SELECT px AS x, ${sum('pn')} AS n, ${sum('pl')} AS lnm, ${sum('pm1')} AS m1, ${sum('pm2')} AS m2, ${sum('pz')} AS zeros, ${sum('pbad')} AS bad
FROM ${d.perShard(perShard)} s GROUP BY px ORDER BY x`;
}

/** Customers in the staged summary (`n`), counted on each shard then summed: for the message when too few repeat. */
export function stagedCustomerCountSql(d: SqlDialect, summaryTable: string): string {
  return `SELECT ${d.double('sum(pc)')} AS n FROM ${d.perShard(`SELECT count(*) AS pc FROM ${summaryTable}`)} s`;
}

/** Terms of the series in {@link spendGammaSumsSql}: powers 1 … SERIES_TERMS of 1/(γ + x·m̄ₓ). */
export const SERIES_TERMS = 13;

/**
 * The γ-dependent sums of the Gamma-Gamma likelihood (`GammaGammaGammaSums`) at each of `gammas`
 * and what expands them around it, per distinct x of the customers with x > 0 and m̄ₓ > 0, summed on
 * each shard then over shards. With r = 1/(γ + x·m̄ₓ): `a` = Σ log1p(x·m̄ₓ/γ), `b` = Σ ln(γ + x·m̄ₓ),
 * `s1` … `s13` = Σ rᵏ, `t1` … `t13` = Σ x·m̄ₓ·rᵏ (so d = t1, e = s1). Rows: one per (x, γ) (`g` is γ
 * bit for bit, see {@link exactDoubleSql}), ordered by x then γ.
 *
 * log1p is not in ClickHouse 18.16 nor DuckDB: it is ln(1 + u)·u/((1 + u) − 1), exact to a few
 * ulps (Goldberg 1991, "What every computer scientist should know about floating-point
 * arithmetic", theorem 4), and u itself where 1 + u rounds to 1.
 */
export function spendGammaSumsSql(d: SqlDialect, summaryTable: string, gammas: readonly number[]): string {
  const list = `[${gammas.map((g) => exactDoubleSql(d, g)).join(', ')}]`;
  const rows = `SELECT frequency AS fx, frequency * monetary_value AS xm, ${d.unnest(list)} AS g FROM ${summaryTable} WHERE frequency > 0 AND monetary_value > 0`;
  const terms = `SELECT fx, g, xm, xm / g AS u, g + xm AS den, 1 / (g + xm) AS r FROM (${rows}) s1`;
  const ks = Array.from({ length: SERIES_TERMS }, (_, i) => i + 1);
  // rᵏ as a product (a few ulps for k ≤ 13): pow() on 18.16 is ~10× slower (12 powers of 10M doubles: 4.4–5.5 s vs 0.43–0.46 s)
  const pw = (k: number): string => Array.from({ length: k }, () => 'r').join(' * ');
  const perShard = `SELECT fx AS px, g AS pg, sum(CASE WHEN 1 + u = 1 THEN u ELSE ln(1 + u) * u / ((1 + u) - 1) END) AS pa,
  sum(ln(den)) AS pb, ${ks.map((k) => `sum(${pw(k)}) AS ps${k}, sum(xm * ${pw(k)}) AS pt${k}`).join(', ')}
FROM (${terms}) s2 GROUP BY fx, g`;
  const outer = ks.map((k) => `sum(ps${k}) AS s${k}, sum(pt${k}) AS t${k}`).join(', ');
  return `SELECT px AS x, pg AS g, sum(pa) AS a, sum(pb) AS b, ${outer} FROM ${d.perShard(perShard)} s GROUP BY px, pg ORDER BY x, g`;
}
