import type { ServedTable } from '../tables/served-table.js';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { QUARANTINE_REASONS } from './schema.js';

/** One quarantined row: where it came from, why it was rejected, and its raw values. */
export interface QuarantineRow {
  source_file: string;
  line: number;
  reason: string;
  detail: string | null;
  customer_raw: string | null;
  date_raw: string | null;
  amount_raw: string | null;
  /** The whole source row: a JSON object of every column as read, or the raw line when it could not be split. */
  record: string | null;
}

/**
 * Checks a reason code against `QUARANTINE_REASONS`.
 * @throws InputError `unknown_reason` listing the valid codes.
 */
export function checkQuarantineReason(reason: string): void {
  if (!Object.hasOwn(QUARANTINE_REASONS, reason)) {
    throw new InputError(
      'unknown_reason',
      `Unknown quarantine reason "${reason}"; the reason codes are ${Object.keys(QUARANTINE_REASONS).join(', ')}`,
      { reason },
    );
  }
}

/**
 * Quarantined rows in file and line order, optionally of one reason.
 * @throws InputError `unknown_reason` for a reason that is not a code of `QUARANTINE_REASONS`.
 */
export async function listQuarantine(engine: Engine, reason?: string, limit = 1_000_000): Promise<QuarantineRow[]> {
  if (reason !== undefined) checkQuarantineReason(reason);
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
/** The columns that {@link quarantineRecords} appends after the source columns. */
export const QUARANTINE_RECORD_COLUMNS = ['cvm_source_file', 'cvm_line', 'cvm_reason', 'cvm_detail'] as const;

/**
 * The quarantined rows as the source rows they were, for fixing and re-ingesting: one column per
 * source column (the union over the files, in the order first seen), then `cvm_source_file`,
 * `cvm_line`, `cvm_reason`, `cvm_detail`, and `cvm_raw_line` when some row could not be split into
 * columns (its raw text is there and its source columns are empty). Rows quarantined by an older
 * cvm without a record give the customer, date and amount under their mapped column names.
 * @throws InputError `unknown_reason`.
 * @example
 * await quarantineRecords(engine);
 * // → { columns: ['customer_id', 'date', 'amount', 'cvm_source_file', …], rows: [['b', '2020-13-01', '5', 'log.csv', 3, …]] }
 */
export async function quarantineRecords(
  engine: Engine,
  reason?: string,
): Promise<{ columns: string[]; rows: (string | number | null)[][] }> {
  if (reason !== undefined) checkQuarantineReason(reason);
  const rows = await engine.rows<{
    source_file: string;
    line: number;
    reason: string;
    detail: string | null;
    record: string | null;
    keys: string[] | null;
    customer_raw: string | null;
    date_raw: string | null;
    amount_raw: string | null;
    mapping: string | null;
  }>(
    `SELECT q.source_file, q.line, q.reason, q.detail, q.record, q.customer_raw, q.date_raw, q.amount_raw, s.mapping,
       CASE WHEN CASE WHEN json_valid(q.record) THEN json_type(q.record) = 'OBJECT' ELSE false END THEN json_keys(q.record) END AS keys
     FROM quarantine q LEFT JOIN sources s USING (source_id)
     WHERE $reason IS NULL OR q.reason = $reason ORDER BY q.source_id, q.line`,
    { reason: reason ?? null },
  );
  const columns: string[] = [];
  const index = new Map<string, number>();
  const add = (name: string): number => {
    if (!index.has(name)) {
      index.set(name, columns.length);
      columns.push(name);
    }
    return index.get(name)!;
  };
  const records = rows.map((r) => {
    const values = new Map<number, string | null>();
    if (r.keys !== null) {
      const object = JSON.parse(r.record!) as Record<string, unknown>;
      for (const key of r.keys) values.set(add(key), text(object[key]));
    } else if (r.record === null && r.mapping !== null) {
      const m = (JSON.parse(r.mapping) as { mapping: Record<string, string> }).mapping;
      for (const [field, raw] of [
        ['customer', r.customer_raw],
        ['date', r.date_raw],
        ['amount', r.amount_raw],
      ] as const)
        if (m[field] !== undefined) values.set(add(m[field]), raw);
    }
    return { r, values, raw: r.keys === null ? r.record : null };
  });
  const sourceColumns = columns.length;
  const withRaw = records.some((x) => x.raw !== null);
  const out = records.map(({ r, values, raw }) => {
    const row: (string | number | null)[] = Array.from({ length: sourceColumns }, (_, j) => values.get(j) ?? null);
    row.push(r.source_file, r.line, r.reason, r.detail);
    if (withRaw) row.push(raw);
    return row;
  });
  return { columns: [...columns, ...QUARANTINE_RECORD_COLUMNS, ...(withRaw ? ['cvm_raw_line'] : [])], rows: out };
}

/** A JSON value as the text a CSV cell holds (null stays null). */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
