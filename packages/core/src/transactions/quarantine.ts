import type { ServedTable } from '../tables/served-table.js';
import type { Engine } from '../engine/engine.js';

/** One quarantined row: where it came from, why it was rejected, and its raw values. */
export interface QuarantineRow {
  source_file: string;
  line: number;
  reason: string;
  detail: string | null;
  customer_raw: string | null;
  date_raw: string | null;
  amount_raw: string | null;
  record: string | null;
}

/** Quarantined rows in file and line order, optionally of one reason. */
export async function listQuarantine(engine: Engine, reason?: string, limit = 1_000_000): Promise<QuarantineRow[]> {
  return engine.rows<QuarantineRow>(
    `SELECT source_file, line, reason, detail, customer_raw, date_raw, amount_raw, record FROM quarantine
     WHERE $reason IS NULL OR reason = $reason ORDER BY source_id, line LIMIT $limit`,
    { reason: reason ?? null, limit },
  );
}

/** The quarantine as a served table: paged, sorted, filtered and downloaded in SQL. */
export const QUARANTINE_TABLE: ServedTable = {
  id: 'quarantine',
  title: 'Quarantined rows',
  from: 'quarantine',
  defaultSort: 'source_file',
  defaultDir: 'asc',
  tieBreak: ['source_id', 'line'],
  searchColumn: 'customer_raw',
  columns: [
    { key: 'source_file', label: 'File', kind: 'text', description: 'file the row came from' },
    { key: 'line', label: 'Line', kind: 'count', unit: 'line number', description: 'physical line (CSV/NDJSON) or row number (Parquet)' },
    { key: 'reason', label: 'Reason', kind: 'text', description: 'reason code' },
    { key: 'detail', label: 'Detail', kind: 'text', description: 'what was found' },
    { key: 'customer_raw', label: 'Customer (raw)', kind: 'text', description: 'customer id as read' },
    { key: 'date_raw', label: 'Date (raw)', kind: 'text', description: 'date as read' },
    { key: 'amount_raw', label: 'Amount (raw)', kind: 'text', description: 'amount as read' },
    { key: 'record', label: 'Record', kind: 'text', description: 'the raw record' },
  ],
};
