import { z } from 'zod';
import { InputError, sqlIdent, type Engine, type SqlValue } from '@cvm/core';
import { csvLine } from './csv.js';

/** A column of a served table: its name in SQL and JSON, its kind, unit and meaning. */
export interface ColumnSpec {
  name: string;
  kind: 'string' | 'number';
  /** Unit and period shown beside the number, e.g. "weeks", "USD, to date". */
  unit?: string;
  description: string;
}

/** A table the API pages, sorts, filters and downloads. `from` is a table name or a parenthesised query. */
export interface TableSpec {
  name: string;
  from: string;
  columns: readonly ColumnSpec[];
  defaultSort: string;
  defaultDir: 'asc' | 'desc';
  /** Unique order appended after the chosen sort, so pages never overlap. */
  tieBreak: string;
  /** Column searched by `q` (substring, case-insensitive). */
  searchColumn?: string;
  /**
   * A unique integer column equal to the tie-break order (e.g. `ord`). With it, unfiltered pages are
   * cut from a cached permutation (see {@link Permutations}) instead of sorting per request.
   */
  rowKey?: string;
}

/** Cached sort orders of a table: `get(sort, dir)` resolves to the row keys in that order. */
export type Permutations = (sort: string, dir: 'asc' | 'desc', load: () => Promise<Float64Array>) => Promise<Float64Array>;

/** The query parameters every table route accepts. */
export const tableQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1e9).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  sort: z.string().max(64).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  q: z.string().max(200).optional(),
  filter: z.array(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*:(eq|ne|gt|gte|lt|lte):.{0,200}$/, 'filter must look like column:op:value with op eq, ne, gt, gte, lt or lte')).max(20).default([]),
  format: z.enum(['json', 'csv']).default('json'),
});
export type TableQuery = z.infer<typeof tableQuerySchema>;

/** One page of a table, as the API returns it. */
export interface TablePage {
  table: string;
  columns: readonly ColumnSpec[];
  rows: (string | number | null)[][];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  sort: string;
  dir: 'asc' | 'desc';
  q: string | null;
  filter: string[];
}

const OPS = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** Validates a table query against the spec and builds the WHERE and ORDER BY clauses (values bound). */
export function compileQuery(spec: TableSpec, q: TableQuery): { where: string; order: string; params: Record<string, SqlValue>; sort: string; dir: 'asc' | 'desc' } {
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  const sort = q.sort ?? spec.defaultSort;
  if (!byName.has(sort)) throw new InputError('bad_sort', `sort must be one of ${[...byName.keys()].join(', ')}; got "${sort}"`, { sort });
  const dir = q.dir ?? spec.defaultDir;
  const params: Record<string, SqlValue> = {};
  const clauses: string[] = [];
  if (q.q !== undefined && q.q !== '' && spec.searchColumn) {
    params.q = q.q.toLowerCase();
    clauses.push(`contains(lower(${sqlIdent(spec.searchColumn)}), $q)`);
  }
  q.filter.forEach((f, i) => {
    const [name, op, ...rest] = f.split(':');
    const value = rest.join(':');
    const column = byName.get(name!);
    if (!column) throw new InputError('bad_filter', `filter column must be one of ${[...byName.keys()].join(', ')}; got "${name}"`, { filter: f });
    if (column.kind === 'number') {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw new InputError('bad_filter', `filter ${f}: ${name} is numeric; got "${value}"`, { filter: f });
      params[`f${i}`] = n;
    } else params[`f${i}`] = value;
    clauses.push(`${sqlIdent(column.name)} ${OPS[op as keyof typeof OPS]} $f${i}`);
  });
  return {
    where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    order: `ORDER BY ${sqlIdent(sort)} ${dir.toUpperCase()} NULLS LAST, ${spec.tieBreak}`,
    params, sort, dir,
  };
}

const selectList = (spec: TableSpec): string => spec.columns.map((c) => sqlIdent(c.name)).join(', ');

/**
 * One page, sorted and filtered in SQL: only `pageSize` rows leave the database.
 *
 * ## Method
 * Filtered pages: `ORDER BY … LIMIT … OFFSET …` in SQL (DuckDB's top-N). Unfiltered pages of a table
 * with a `rowKey`, when `permutations` is given: the table's order for (sort, dir) is read once as a
 * Float64Array of row keys (8 MB per million rows, cached by the caller per data version); a page is
 * then the keys at [offset, offset + pageSize) fetched with `WHERE key IN (…)`, so page 1 and page
 * 20,000 cost the same. Both paths use the same order (sort column, NULLS LAST, then the tie-break).
 */
export async function tablePage(engine: Engine, spec: TableSpec, q: TableQuery, permutations?: Permutations): Promise<TablePage> {
  const c = compileQuery(spec, q);
  if (permutations && spec.rowKey && c.where === '') {
    const key = sqlIdent(spec.rowKey);
    const perm = await permutations(c.sort, c.dir, async () => (await engine.columns(`SELECT ${key} AS k FROM ${spec.from} ${c.order}`, { k: 'f64' })).f64.k!);
    const offset = (q.page - 1) * q.pageSize;
    const keys = Array.from(perm.subarray(offset, offset + q.pageSize));
    const rows = keys.length === 0 ? [] : await engine.rows<Record<string, string | number | null>>(
      `SELECT ${selectList(spec)}, ${key} AS __key FROM ${spec.from} WHERE ${key} IN (${keys.join(',')})`);
    const byKey = new Map(rows.map((r) => [Number(r.__key), r]));
    return {
      table: spec.name, columns: spec.columns,
      rows: keys.map((k) => byKey.get(k)!).filter(Boolean).map((r) => spec.columns.map((col) => r[col.name] ?? null)),
      total: perm.length, page: q.page, pageSize: q.pageSize, pages: Math.max(1, Math.ceil(perm.length / q.pageSize)),
      sort: c.sort, dir: c.dir, q: q.q ?? null, filter: q.filter,
    };
  }
  const [{ n }] = (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${spec.from} ${c.where}`, c.params)) as [{ n: number }];
  const offset = (q.page - 1) * q.pageSize;
  const rows = await engine.rows<Record<string, string | number | null>>(
    `SELECT ${selectList(spec)} FROM ${spec.from} ${c.where} ${c.order} LIMIT $limit OFFSET $offset`,
    { ...c.params, limit: q.pageSize, offset },
  );
  return {
    table: spec.name, columns: spec.columns,
    rows: rows.map((r) => spec.columns.map((col) => r[col.name] ?? null)),
    total: n, page: q.page, pageSize: q.pageSize, pages: Math.max(1, Math.ceil(n / q.pageSize)),
    sort: c.sort, dir: c.dir, q: q.q ?? null, filter: q.filter,
  };
}

let exports = 0;

/**
 * The whole (filtered, sorted) table as CSV, streamed chunk by chunk.
 *
 * ## Method
 * The filtered rows are numbered in the requested order once, into a connection-local temporary
 * table stored in that order (`CREATE TEMP TABLE … AS SELECT row_number() OVER (ORDER BY …) …
 * ORDER BY`); each chunk is then a range of row numbers, which DuckDB finds through the zone maps
 * without sorting again. (Cutting chunks with `ORDER BY … LIMIT … OFFSET …` re-sorts the table for
 * every chunk: quadratic in the table size.) The temporary table is dropped at the end, on error,
 * and when the client goes away.
 */
export function tableCsv(engine: Engine, spec: TableSpec, q: TableQuery, chunkRows = 50_000): ReadableStream<Uint8Array> {
  const c = compileQuery(spec, q);
  const encoder = new TextEncoder();
  const tmp = `cvm_server_export_${process.pid}_${++exports}`;
  const kinds = Object.fromEntries(spec.columns.map((col) => [col.name, col.kind === 'number' ? 'f64' : 'string'] as const));
  let started = false, dropped = false, offset = 0;
  const drop = async (): Promise<void> => {
    if (dropped) return;
    dropped = true;
    await engine.exec(`DROP TABLE IF EXISTS ${tmp}`).catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          await engine.exec(`CREATE TEMP TABLE ${tmp} AS SELECT row_number() OVER (${c.order}) AS __r, ${selectList(spec)} FROM ${spec.from} ${c.where} ORDER BY __r`, c.params);
          controller.enqueue(encoder.encode(csvLine(spec.columns.map((col) => col.name))));
          return;
        }
        const b = await engine.columns(`SELECT ${selectList(spec)} FROM ${tmp} WHERE __r > $lo AND __r <= $hi ORDER BY __r`, kinds, { lo: offset, hi: offset + chunkRows });
        offset += b.length;
        const cols = spec.columns.map((col) => (col.kind === 'number' ? b.f64[col.name]! : b.strings[col.name]!));
        const cells = new Array<unknown>(cols.length);
        let text = '';
        for (let i = 0; i < b.length; i++) {
          for (let j = 0; j < cols.length; j++) cells[j] = cols[j]![i];
          text += csvLine(cells);
        }
        if (b.length) controller.enqueue(encoder.encode(text));
        if (b.length < chunkRows) {
          await drop();
          controller.close();
        }
      } catch (error) {
        await drop();
        controller.error(error);
      }
    },
    cancel: drop,
  });
}
