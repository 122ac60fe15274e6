import { z } from 'zod';
import type { Cell, ReportColumn, TablePageJson } from '../report/report-table.js';
import type { SqlValue } from '../engine/engine.js';

/**
 * A table that is paged, sorted, filtered and downloaded in SQL (the customer table, the quarantine):
 * its columns are report columns (key = SQL column name), its rows come from a relation in the
 * workspace. Declared once in core; the API serves it and the dashboard renders it from the page's
 * column metadata.
 */
export interface ServedTable {
  id: string;
  title: string;
  /** A table name or a parenthesised query (built in core; never user text). */
  from: string;
  columns: readonly ReportColumn[];
  defaultSort: string;
  defaultDir: 'asc' | 'desc';
  /** Unique order (one column or several) appended after the chosen sort, so pages never overlap. */
  tieBreak: string | readonly string[];
  /** Column searched by `q` (substring, case-insensitive). */
  searchColumn?: string;
  /**
   * A unique integer column equal to the tie-break order (e.g. `ord`). With it, unfiltered pages are
   * cut from a cached permutation (see {@link Permutations}) instead of sorting per request.
   */
  rowKey?: string;
  /** Bound parameters used by `from` (e.g. a migration cell's states), named so they cannot clash with the query's (`m_…`). */
  params?: Record<string, SqlValue>;
  /**
   * Columns written when their row is read instead of stored in `from` (e.g. retention's reasons in
   * words: a sentence per customer, read a page at a time): `key` names a stored numeric column whose
   * value is handed to the column's function (e.g. `ord`). They are filled on every page, exported
   * chunk and single row, are marked `perRow` in `columns`, and cannot be sorted, filtered or searched.
   */
  perRow?: { key: string; columns: Readonly<Record<string, (key: number) => Cell>> };
}

/** Filter operators: comparisons, `in` (values separated by `|`) and `contains` (substring, text). */
export const FILTER_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

/** One filter `column:op:value`; several are AND-ed. The same form is a saved audience's rule. */
export const filterSchema = z
  .string()
  .regex(
    /^[a-zA-Z_][a-zA-Z0-9_]*:(eq|ne|gt|gte|lt|lte|in|contains):.{0,500}$/,
    'filter must look like column:op:value with op eq, ne, gt, gte, lt, lte, in (values separated by |) or contains',
  );

/** The query every served table accepts (page numbers from 1). */
export const tableQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(1e9).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  sort: z.string().max(64).optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  q: z.string().max(200).optional(),
  filter: z.array(filterSchema).max(20).default([]),
  format: z.enum(['json', 'csv']).default('json'),
});
export type TableQuery = z.infer<typeof tableQuerySchema>;

/** One page of a served table: the JSON the API sends (`TablePageJson`, declared once in report-table.ts), its columns read-only. */
export interface TablePage extends Omit<TablePageJson, 'columns'> {
  columns: readonly ReportColumn[];
}

/** Cached sort orders of a table: resolves to the row keys in (sort, dir) order, loading once. */
export type Permutations = (sort: string, dir: 'asc' | 'desc', load: () => Promise<Float64Array>) => Promise<Float64Array>;

/** Whether a column holds numbers in SQL (everything but text, ids and dates). */
export function isNumericColumn(c: ReportColumn): boolean {
  return c.kind !== 'text' && c.kind !== 'id' && c.kind !== 'date';
}
