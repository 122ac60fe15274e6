import type { SqlValue } from '../engine.js';
import { clickhouseString } from './clickhouse-dialect.js';

/**
 * Inlines bound parameters (`$1`, `$2`, … or `$name`, the placeholders the core's SQL uses for
 * DuckDB) as ClickHouse literals: ClickHouse 18.16's HTTP interface has no server-side parameters.
 * Placeholders inside string literals, quoted identifiers and comments are left alone; strings go
 * through {@link clickhouseString}, booleans become 1/0.
 *
 * @throws TypeError for a placeholder without a value, or a non-finite number.
 * @example
 * bindParams('SELECT * FROM t WHERE id = $1 AND s = \'$1\'', ["o'k"]); // → "... id = 'o\\'k' AND s = '$1'"
 */
export function bindParams(sql: string, params?: SqlValue[] | Record<string, SqlValue>): string {
  if (params === undefined || (Array.isArray(params) ? params.length === 0 : Object.keys(params).length === 0)) return sql;
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = quotedEnd(sql, i, ch);
      out += sql.slice(i, end);
      i = end;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (ch === '$') {
      const m = /^\$(\d+|[A-Za-z_]\w*)/.exec(sql.slice(i, i + 64));
      if (!m) {
        out += ch;
        i += 1;
        continue;
      }
      const key = m[1]!;
      const value = Array.isArray(params)
        ? /^\d+$/.test(key)
          ? params[Number(key) - 1]
          : undefined
        : (params as Record<string, SqlValue>)[key];
      if (value === undefined) throw new TypeError(`bindParams: no value for $${key}`);
      out += literal(value);
      i += m[0].length;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '\\') i += 2;
    else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}

function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`bindParams: not a finite number: ${value}`);
    return String(value);
  }
  return clickhouseString(value);
}

/**
 * Splits a script into statements at top-level semicolons (not inside literals, quoted identifiers
 * or comments): ClickHouse's HTTP interface runs one statement per request.
 * @example
 * splitStatements("DROP TABLE a; SELECT ';'"); // → ['DROP TABLE a', "SELECT ';'"]
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"' || ch === '`') i = quotedEnd(sql, i, ch);
    else if (ch === '-' && sql[i + 1] === '-') i = sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i);
    else if (ch === '/' && sql[i + 1] === '*') i = sql.indexOf('*/', i + 2) < 0 ? sql.length : sql.indexOf('*/', i + 2) + 2;
    else if (ch === ';') {
      out.push(sql.slice(start, i));
      start = i + 1;
      i += 1;
    } else i += 1;
  }
  out.push(sql.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}
