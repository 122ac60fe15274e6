import { z } from 'zod';
import { csvLine, tableToCsv, type Cell, type ReportTable } from '@cvm/core/report';

/**
 * The headers of a CSV download: UTF-8 text/csv, saved as `fileName` (any character other than a
 * letter, digit, `.`, `_` or `-` becomes `_`, so a name built from user input cannot break the header).
 * @example csvHeaders('audience "VIP".csv')['content-disposition']; // 'attachment; filename="audience__VIP_.csv"'
 */
export const csvHeaders = (fileName: string): Record<string, string> => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
});

/**
 * CSV text or a stream of it (e.g. the core's `tableCsvStream`) as a download named `fileName`; the
 * one place the server sets CSV headers.
 * @example csvResponse(tableCsvStream(engine, table, q), 'customers.csv');
 */
export function csvResponse(body: string | ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(body, { headers: csvHeaders(fileName) });
}

/** A core report table as a CSV download (the core CSV writer). */
export function reportTableCsv(t: ReportTable, fileName = `${t.id}.csv`): Response {
  return csvResponse(tableToCsv(t), fileName);
}

/** A small table (already in memory) as a CSV download (the core CSV writer). */
export function csvDownload(fileName: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Response {
  return csvResponse(csvLine(columns) + rows.map((r) => csvLine(r as readonly Cell[])).join(''), fileName);
}

/** ISO date query parameter (YYYY-MM-DD, a real calendar day). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(Date.parse(s)).toISOString().slice(0, 10) === s, 'must be a real calendar day');
