/**
 * Building blocks of the HTTP API's response schemas (issue 19, "types end to end"): the report
 * table and section every surface renders, the table page, "not computed" and the error body.
 * Only zod is imported here, so the dashboard can import the inferred types (type-only: nothing
 * of zod reaches its bundle) and the server can generate its OpenAPI document from the same schemas.
 */
import { z } from 'zod';

/** A cell of a report table; NaN and ±Infinity arrive as null (JSON has no such numbers). */
export const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** How a column is shown (see `DisplayKind` in core/report). */
export const displayKindSchema = z.enum([
  'text',
  'id',
  'count',
  'money',
  'number',
  'share',
  'probability',
  'ratio',
  'points',
  'p_value',
  'date',
  'duration',
]);

/** A column of a report table: key, label, kind, unit and meaning. */
export const reportColumnSchema = z
  .strictObject({
    key: z.string(),
    label: z.string(),
    kind: displayKindSchema,
    unit: z.string().optional(),
    description: z.string().optional(),
    codes: z.record(z.string(), z.string()).optional().describe('a coded text column: code → the words shown to people'),
    decimals: z.number().int().min(0).max(10).optional().describe("a number column's decimals for people (values ≥ 1 and whole numbers)"),
    perRow: z.boolean().optional().describe('written when its row is read, not stored: not sortable or filterable'),
  })
  .meta({ id: 'ReportColumn', description: 'A column of a report table: machine key, human label, display kind, unit and meaning' });

/** A report table as the core renders it (`ReportTable`). */
export const reportTableSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    columns: z.array(reportColumnSchema),
    rows: z.array(z.array(cellSchema)),
    notes: z.array(z.string()),
  })
  .meta({ id: 'ReportTable', description: 'A report table declared once in core: columns with labels and units, rows of cells, notes' });

/** A titled report section: lines of text, warnings and tables (`ReportSection`). */
export const reportSectionSchema = z
  .strictObject({
    id: z.string(),
    title: z.string(),
    lines: z.array(z.string()),
    warnings: z.array(z.string()),
    tables: z.array(reportTableSchema),
  })
  .meta({ id: 'ReportSection', description: 'A titled section of a report: lines, warnings and tables, as the CLI prints it' });

/** One page of a served table (`TablePageJson`). */
export const tablePageSchema = z
  .strictObject({
    table: z.string(),
    title: z.string(),
    columns: z.array(reportColumnSchema).readonly(),
    rows: z.array(z.array(cellSchema)),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    pages: z.number().int(),
    sort: z.string(),
    dir: z.enum(['asc', 'desc']),
    q: z.string().nullable(),
    filter: z.array(z.string()),
  })
  .meta({ id: 'TablePage', description: 'One page of a table, filtered and sorted on the server' });

/** The answer for a report that cannot be computed on this workspace: no numbers, the reason. */
export const notComputedSchema = z
  .strictObject({ status: z.literal('not_computed'), report: z.string(), reason: z.string() })
  .meta({ id: 'NotComputed', description: 'The report was not computed; the reason says why and what to do' });

/** "Not computed" with the core's stable code of the reason. */
export const notComputedCodeSchema = notComputedSchema.extend({ code: z.string() });

/** The error body of every 4xx/5xx answer. */
export const apiErrorSchema = z
  .strictObject({
    error: z.strictObject({ code: z.string(), message: z.string(), context: z.record(z.string(), z.unknown()).optional() }),
  })
  .meta({ id: 'Error', description: "An error with the core's stable code" });

/**
 * The answer of a read that is still being computed (202, with `Retry-After`): `cvm serve` answers at
 * once and fills its pages in the background (issue 18); the dashboard shows the reason and asks again.
 */
export const computingSchema = z
  .strictObject({ status: z.literal('computing'), report: z.string(), computing: z.string(), reason: z.string(), since: z.string() })
  .meta({
    id: 'Computing',
    description: 'Still computing (202): what is under way (computing) since when; ask again after Retry-After seconds',
  });

/** `status: 'ok'`. */
export const ok = z.literal('ok');

/** A start and end day (ISO dates). */
export const periodSchema = z.strictObject({ start: z.string(), end: z.string() });

export type Cell = z.infer<typeof cellSchema>;
export type ApiReportTable = z.infer<typeof reportTableSchema>;
export type ApiReportSection = z.infer<typeof reportSectionSchema>;
export type ApiTablePage = z.infer<typeof tablePageSchema>;
export type ApiNotComputed = z.infer<typeof notComputedSchema>;
/** The `status: 'ok'` branch of an answer that may also be "not computed". */
export type ApiOk<T> = Extract<T, { status: 'ok' }>;
export type ApiError = z.infer<typeof apiErrorSchema>;
export type ApiComputing = z.infer<typeof computingSchema>;
