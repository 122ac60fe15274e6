import type { SqlDialect } from '../engine.js';
import { isoDateOrNull, sqlString } from '../sql.js';

/** DuckDB's SQL for the fragments that differ between engines. */
export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  dateDiffDays: (a, b) => `date_diff('day', ${a}, ${b})`,
  dateLiteral: (iso) => {
    const d = isoDateOrNull(iso);
    if (d === null) throw new TypeError(`dateLiteral: not an ISO date: ${JSON.stringify(iso)}`);
    return `DATE '${d}'`;
  },
  countDistinct: (e) => `count(DISTINCT ${e})`,
  trim: (e) => `trim(${e})`,
  tableExists: (name) => `SELECT CAST(count(*) AS INTEGER) AS n FROM information_schema.tables WHERE table_name = ${sqlString(name)}`,
  // ---- added for the ClickHouse engine ----
  string: sqlString,
  double: (e) => `CAST(${e} AS DOUBLE)`,
  text: (e) => `CAST(${e} AS VARCHAR)`,
  sumIf: (e, c) => `sum(${e}) FILTER (WHERE ${c})`,
  minIf: (e, c) => `min(${e}) FILTER (WHERE ${c})`,
  maxIf: (e, c) => `max(${e}) FILTER (WHERE ${c})`,
  avgIf: (e, c) => `avg(${e}) FILTER (WHERE ${c})`,
  countIf: (c) => `count(*) FILTER (WHERE ${c})`,
  argMinIf: (a, v, c) => `arg_min(${a}, ${v}) FILTER (WHERE ${c})`,
  customerOrder: (col) => `try_cast(${col} AS BIGINT) NULLS LAST, ${col}`,
  perShard: (sql) => `(${sql})`,
  with: (ctes, body) => `WITH ${ctes.map(([name, sql]) => `${name} AS (\n${sql}\n)`).join(', ')}\n${body}`,
  cte: (name, alias) => (alias === undefined ? name : `${name} AS ${alias}`),
  argMax: (a, v) => `arg_max(${a}, ${v})`,
  greatest: (xs) => `greatest(${xs.join(', ')})`,
  tableAs: (table, alias) => `${table} AS ${alias}`,
  numberedCopy: (name, select, order) =>
    `CREATE TEMP TABLE ${name} AS SELECT row_number() OVER (${order}) AS __r, s.* FROM (${select}) s ORDER BY __r`,
  contains: (h, n) => `contains(${h}, ${n})`,
  isoDate: (e) => `strftime(${e}, '%Y-%m-%d')`,
  moneySum: (e) => `sum(CAST(${e} AS DECIMAL(38, 6)))`,
  argMin: (v, k) => `arg_min(${v}, ${k})`,
  indexIn: (e, values) => `coalesce(list_position([${values.map(sqlString).join(', ')}], ${e}), 0) - 1`,
  secondLargest: (e) => `list_sort(list_distinct(list(${e})), 'DESC')[2]`,
  // computed once: the statements reading it scan the temporary table, not the log
  reused: (name, sql) => ({
    setup: [`CREATE OR REPLACE TEMP TABLE ${name} AS ${sql}`],
    sql: `SELECT * FROM ${name}`,
    teardown: [`DROP TABLE IF EXISTS ${name}`],
  }),
  listAgg: (e) => `list(${e})`,
  unnest: (e) => `unnest(${e})`,
};
