import { z } from 'zod';
import { csvLine, tableToCsv, type Cell, type ReportTable } from '@cvm/core/report';

const csvHeaders = (fileName: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
});

/** A core report table as a CSV download (the core CSV writer). */
export function reportTableCsv(t: ReportTable, fileName = `${t.id}.csv`): Response {
  return new Response(tableToCsv(t), { headers: csvHeaders(fileName) });
}

/** A small table (already in memory) as a CSV download (the core CSV writer). */
export function csvDownload(fileName: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Response {
  const body = csvLine(columns) + rows.map((r) => csvLine(r as readonly Cell[])).join('');
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    },
  });
}

/** ISO date query parameter (YYYY-MM-DD, a real calendar day). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(Date.parse(s)).toISOString().slice(0, 10) === s, 'must be a real calendar day');
