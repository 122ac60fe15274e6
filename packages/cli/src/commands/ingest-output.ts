import { QUARANTINE_REASONS, type IngestReport } from '@cvm/core';
import type { Table } from '../output.js';

/** Text lines describing one ingest (mapping, date format, counts). */
export function ingestLines(r: IngestReport): string[] {
  if (r.status === 'unchanged') return [`${r.file}: unchanged (same content already ingested as source ${r.sourceId}); nothing added`];
  const m = r.mapping!;
  const mapped = Object.entries(m.mapping)
    .map(([f, c]) => `${f}=${c}${m.detected.includes(f as never) ? ' (detected)' : ''}`)
    .join(', ');
  const lines = [
    `${r.file} (${r.format}, ${r.bytes.toLocaleString('en-US')} bytes${r.encoding !== 'utf-8' ? `, ${r.encoding.toUpperCase()} read as UTF-8` : ''})${r.status === 'replaced' ? ': replaced the earlier version of this path' : ''}`,
    `  columns: ${mapped}${m.amountFromPriceQuantity ? '; amount = price x quantity' : ''}`,
    `  dates: ${r.dateFormat!.format}${r.dateFormat!.detected ? ' (detected)' : ''}${r.dateFormat!.ambiguous ? ' — ambiguous: every date reads both month-first and day-first; pass --date-format dmy if days come first' : r.dateFormat!.evidence ? `: ${r.dateFormat!.evidence}` : ''}, time zone ${r.timezone}, accepted range [${r.acceptedRange[0]}, ${r.acceptedRange[1]})`,
    `  rows: ${r.rowsRead.toLocaleString('en-US')} read, ${r.rowsAccepted.toLocaleString('en-US')} accepted (${r.returns.rows.toLocaleString('en-US')} returns, ${r.returns.amount.toFixed(2)}), ${r.rowsQuarantined.toLocaleString('en-US')} quarantined`,
    `  duplicate check: ${r.duplicateCheck ? 'on' : 'off (no order id column: identical rows are kept as separate purchases; --dedupe on to change)'}`,
  ];
  return lines;
}

/** Rows quarantined per reason across ingests, as a table. */
export function quarantineTable(reports: IngestReport[]): Table {
  const rows: [string, string, number, string][] = [];
  for (const r of reports) {
    for (const [reason, n] of Object.entries(r.quarantineByReason))
      rows.push([r.file, reason, n, QUARANTINE_REASONS[reason as keyof typeof QUARANTINE_REASONS]]);
  }
  return { title: 'Quarantined rows by reason', columns: ['file', 'reason', 'rows', 'meaning'], rows };
}
