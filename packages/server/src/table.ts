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
}

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

/** One page, sorted and filtered in SQL: only `pageSize` rows leave the database. */
export async function tablePage(engine: Engine, spec: TableSpec, q: TableQuery): Promise<TablePage> {
  const c = compileQuery(spec, q);
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

/** The whole (filtered, sorted) table as CSV, read from the database in chunks while it streams. */
export function tableCsv(engine: Engine, spec: TableSpec, q: TableQuery, chunkRows = 50_000): ReadableStream<Uint8Array> {
  const c = compileQuery(spec, q);
  const encoder = new TextEncoder();
  let offset = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(spec.columns.map((col) => col.name))));
        return;
      }
      const rows = await engine.rows<Record<string, unknown>>(
        `SELECT ${selectList(spec)} FROM ${spec.from} ${c.where} ${c.order} LIMIT $limit OFFSET $offset`,
        { ...c.params, limit: chunkRows, offset },
      );
      offset += rows.length;
      if (rows.length) controller.enqueue(encoder.encode(rows.map((r) => csvLine(spec.columns.map((col) => r[col.name]))).join('')));
      if (rows.length < chunkRows) controller.close();
    },
  });
}
