import { sqlIdent } from '../engine/sql.js';
import type { SqlDialect, SqlValue } from '../engine/engine.js';
import { InputError } from '../errors.js';
import type { Cell } from '../report/report-table.js';
import { isNumericColumn, type FilterOp, type ServedTable, type TableQuery } from './served-table.js';

const OPS: Record<Exclude<FilterOp, 'in' | 'contains'>, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** A filter `column:op:value` split into its parts (the value may itself contain colons). */
export function parseFilter(f: string): { column: string; op: FilterOp; value: string } {
  const [column, op, ...rest] = f.split(':');
  return { column: column!, op: op as FilterOp, value: rest.join(':') };
}

/**
 * Validates a table query against the table and builds the WHERE and ORDER BY clauses; every value
 * is a bound parameter and every column name is checked against the table's columns.
 * @throws InputError `bad_sort`, `bad_filter`
 */
export function compileTableQuery(
  d: SqlDialect,
  t: ServedTable,
  q: Pick<TableQuery, 'sort' | 'dir' | 'q' | 'filter'>,
): { where: string; order: string; params: Record<string, SqlValue>; sort: string; dir: 'asc' | 'desc' } {
  const byKey = new Map(t.columns.filter((c) => !t.perRow?.columns[c.key]).map((c) => [c.key, c]));
  const sort = q.sort ?? t.defaultSort;
  const perRow = (name: string): string =>
    t.perRow?.columns[name] ? ` (${name} is written when its row is read, not stored, so it cannot be sorted or filtered on)` : '';
  if (!byKey.has(sort))
    throw new InputError('bad_sort', `sort must be one of ${[...byKey.keys()].join(', ')}; got "${sort}"${perRow(sort)}`, { sort });
  const dir = q.dir ?? t.defaultDir;
  const params: Record<string, SqlValue> = { ...(t.params ?? {}) };
  const clauses: string[] = [];
  if (q.q !== undefined && q.q !== '' && t.searchColumn) {
    params.q = q.q.toLowerCase();
    clauses.push(d.contains(`lower(${sqlIdent(t.searchColumn)})`, '$q'));
  }
  (q.filter ?? []).forEach((f, i) => {
    const { column: name, op, value } = parseFilter(f);
    const column = byKey.get(name);
    if (!column)
      throw new InputError('bad_filter', `filter column must be one of ${[...byKey.keys()].join(', ')}; got "${name}"${perRow(name)}`, {
        filter: f,
      });
    const numeric = isNumericColumn(column);
    const bind = (v: string, k: string): string => {
      if (numeric) {
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n))
          throw new InputError('bad_filter', `filter ${f}: ${name} is numeric; got "${v}"`, { filter: f });
        params[k] = n;
      } else params[k] = v;
      return `$${k}`;
    };
    const col = sqlIdent(column.key);
    if (op === 'in') {
      const values = value.split('|');
      if (values.length > 200)
        throw new InputError('bad_filter', `filter ${name}:in takes at most 200 values; got ${values.length}`, { filter: f });
      clauses.push(`${col} IN (${values.map((v, j) => bind(v, `f${i}_${j}`)).join(', ')})`);
    } else if (op === 'contains') {
      if (numeric) throw new InputError('bad_filter', `filter ${f}: contains works on text columns; ${name} is numeric`, { filter: f });
      params[`f${i}`] = value.toLowerCase();
      clauses.push(d.contains(`lower(${col})`, `$f${i}`));
    } else {
      clauses.push(`${col} ${OPS[op]} ${bind(value, `f${i}`)}`);
    }
  });
  return {
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    order: `ORDER BY ${sqlIdent(sort)} ${dir.toUpperCase()} NULLS LAST, ${(typeof t.tieBreak === 'string' ? [t.tieBreak] : t.tieBreak).map(sqlIdent).join(', ')}`,
    params,
    sort,
    dir,
  };
}

/** Alias of the per-row key in {@link selectListSql}. */
const PER_ROW_KEY = '__per_row';

/** The table's stored columns as a SELECT list, with the key of its per-row columns (see `ServedTable.perRow`) when it has any. */
export function selectListSql(t: ServedTable): string {
  const p = t.perRow;
  const stored = t.columns.filter((c) => !p?.columns[c.key]).map((c) => sqlIdent(c.key));
  if (p) stored.push(`${sqlIdent(p.key)} AS ${PER_ROW_KEY}`);
  return stored.join(', ');
}

/** Column kinds of {@link selectListSql}'s result, for `engine.columns`. */
export function selectListKinds(t: ServedTable): Record<string, 'f64' | 'string'> {
  const p = t.perRow;
  const kinds: Record<string, 'f64' | 'string'> = {};
  for (const c of t.columns) if (!p?.columns[c.key]) kinds[c.key] = isNumericColumn(c) ? 'f64' : 'string';
  if (p) kinds[PER_ROW_KEY] = 'f64';
  return kinds;
}

/** A row read with {@link selectListSql} completed with the table's per-row columns (the key removed). */
export function withPerRow(t: ServedTable, row: Record<string, Cell>): Record<string, Cell> {
  const p = t.perRow;
  if (!p) return row;
  const key = Number(row[PER_ROW_KEY]);
  delete row[PER_ROW_KEY];
  for (const [k, f] of Object.entries(p.columns)) row[k] = f(key);
  return row;
}

/** The per-row columns of a batch read with {@link selectListSql} (kinds from {@link selectListKinds}), by column key. */
export function perRowColumns(t: ServedTable, b: { length: number; f64: Record<string, Float64Array> }): Record<string, Cell[]> {
  const p = t.perRow;
  if (!p) return {};
  const keys = b.f64[PER_ROW_KEY]!;
  return Object.fromEntries(Object.entries(p.columns).map(([k, f]) => [k, Array.from(keys, f)]));
}
