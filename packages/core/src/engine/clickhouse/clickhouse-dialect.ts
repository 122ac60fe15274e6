import type { SqlDialect } from '../engine.js';
import { isoDateOrNull } from '../sql.js';

/**
 * A ClickHouse string literal: backslashes and single quotes escaped (ClickHouse reads `\` as an
 * escape character inside literals, unlike standard SQL), NUL rejected.
 * @throws TypeError for a NUL byte.
 * @example
 * clickhouseString("it's a\\b"); // → 'it\'s a\\b'
 */
export function clickhouseString(value: string): string {
  if (value.includes('\u0000')) throw new TypeError('clickhouseString: NUL byte in value');
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** Marker that {@link clickhouseDialect.perShard} leaves in the SQL for the engine to expand. */
export const PER_SHARD_MARKER = /cvm_per_shard\('([A-Za-z0-9+/=]*)'\)/g;

/** `if(countIf(c) > 0, f(…), NULL)`: ClickHouse's -If aggregates return 0 (or nan) on no rows, DuckDB's FILTER returns NULL. */
const nullWhenNone = (agg: string, c: string): string => `if(countIf(${c}) > 0, ${agg}, NULL)`;

/**
 * ClickHouse's SQL for the fragments that differ between engines. Kept to what ClickHouse 18.16
 * (Debian's package) and current releases both accept: no CTEs, window functions or FILTER clauses,
 * one JOIN per SELECT (see docs/scaling.md).
 */
export const clickhouseDialect: SqlDialect = {
  name: 'clickhouse',
  dateDiffDays: (a, b) => `dateDiff('day', ${a}, ${b})`,
  dateLiteral: (iso) => {
    const d = isoDateOrNull(iso);
    if (d === null) throw new TypeError(`dateLiteral: not an ISO date: ${JSON.stringify(iso)}`);
    return `toDate('${d}')`;
  },
  countDistinct: (e) => `uniqExact(${e})`,
  trim: (e) => `replaceRegexpAll(${e}, '^ +| +$', '')`,
  tableExists: (name) =>
    `SELECT toInt32(count()) AS n FROM system.tables WHERE database = currentDatabase() AND name = ${clickhouseString(name)}`,
  string: clickhouseString,
  double: (e) => `toFloat64(${e})`,
  text: (e) => `toString(${e})`,
  sumIf: (e, c) => nullWhenNone(`sumIf(${e}, ${c})`, c),
  minIf: (e, c) => nullWhenNone(`minIf(${e}, ${c})`, c),
  maxIf: (e, c) => nullWhenNone(`maxIf(${e}, ${c})`, c),
  avgIf: (e, c) => nullWhenNone(`avgIf(${e}, ${c})`, c),
  countIf: (c) => `countIf(${c})`,
  argMinIf: (a, v, c) => nullWhenNone(`argMinIf(${a}, ${v}, ${c})`, c),
  customerOrder: (col) => `toInt64OrNull(${col}) NULLS LAST, ${col}`,
  perShard: (sql) => `cvm_per_shard('${Buffer.from(sql, 'utf8').toString('base64')}')`,
  with: inlineCtes,
  cte: (name, alias) => `cvm_cte:${name}:${alias ?? name}`,
  argMax: (a, v) => `argMax(${a}, ${v})`,
  greatest: (xs) => xs.reduce((acc, x) => `greatest(${acc}, ${x})`),
  tableAs: (table, alias) => `(SELECT * FROM ${table}) AS ${alias}`,
  contains: (h, n) => `(position(${h}, ${n}) > 0)`,
  isoDate: (e) => `toString(toDate(${e}))`,
  // 128-bit decimal sums of whole micro-units as DuckDB's DECIMAL(38, 6). toDecimal128(x, 6) of a
  // float truncates (32.8 → 32.799999), so each value goes through the nearest integer of x·10⁶
  // (|x| < 9.2·10¹² currency units; an exact tie at the 7th decimal rounds to even, DuckDB away from zero)
  moneySum: (e) => `(sum(toDecimal128(toInt64(round((${e}) * 1000000)), 6)) / 1000000)`,
  argMin: (v, k) => `argMin(${v}, ${k})`,
  // indexOf is 1-based with 0 for absent (NULL for a NULL argument in 18.16)
  indexIn: (e, values) => `(toInt64(coalesce(indexOf([${values.map(clickhouseString).join(', ')}], ${e}), 0)) - 1)`,
  secondLargest: (e) => `if(uniqExact(${e}) > 1, arrayElement(arrayReverseSort(groupUniqArray(${e})), 2), NULL)`,
  // rowNumberInAllBlocks counts the rows of the sorted subquery's single output stream, in order
  numberedCopy: (name, select, order) =>
    `CREATE TABLE ${name} ENGINE = Memory AS SELECT rowNumberInAllBlocks() + 1 AS __r, * FROM (${select} ${order})`,
  // shard-local: recomputed inside each perShard statement where the rows live (nothing to set up)
  reused: (_name, sql) => ({ setup: [], sql, teardown: [] }),
  listAgg: (e) => `groupArray(${e})`,
  unnest: (e) => `arrayJoin(${e})`,
};

/** ClickHouse 18.16 has no WITH subqueries: each reference becomes the subquery itself, aliased by its name. */
function inlineCtes(ctes: readonly (readonly [string, string])[], body: string): string {
  const done = new Map<string, string>();
  const expand = (sql: string): string =>
    sql.replace(/cvm_cte:([A-Za-z_]\w*):([A-Za-z_]\w*)/g, (_ref, name: string, alias: string) => {
      const inner = done.get(name);
      if (inner === undefined) throw new TypeError(`with: ${name} is referenced before it is defined`);
      return `(${inner}) AS ${alias}`;
    });
  for (const [name, sql] of ctes) done.set(name, expand(sql));
  return expand(body);
}
