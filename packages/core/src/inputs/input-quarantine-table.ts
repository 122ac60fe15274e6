import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { defineTable, type ReportTable } from '../report/report-table.js';
import { INPUT_KINDS, INPUT_QUARANTINE_REASONS } from './input-schema.js';
import type { InputQuarantineRow } from './input-quarantine.js';

/** The rejected rows of the files beside the log (customers, spend, prospects), declared once for the CLI, the API and the dashboard. */
export const inputQuarantineTable = defineTable<InputQuarantineRow>(
  'quarantine.inputs',
  'Quarantined rows of the customers, spend and prospects files',
  [
    { key: 'kind', label: 'File kind', kind: 'text', value: (r) => r.kind, description: 'customers, spend or prospects' },
    { key: 'source_file', label: 'File', kind: 'text', value: (r) => r.source_file, description: 'file the row came from' },
    {
      key: 'line',
      label: 'Line',
      kind: 'count',
      unit: 'line number',
      value: (r) => r.line,
      description: 'physical line of the file (the header is line 1)',
    },
    { key: 'reason', label: 'Reason', kind: 'text', value: (r) => r.reason, description: 'reason code' },
    {
      key: 'meaning',
      label: 'Meaning',
      kind: 'text',
      value: (r) => INPUT_QUARANTINE_REASONS[r.reason as keyof typeof INPUT_QUARANTINE_REASONS] ?? r.reason,
      description: 'the reason in words',
    },
    { key: 'detail', label: 'Detail', kind: 'text', value: (r) => r.detail, description: 'what was found' },
    { key: 'record', label: 'Record', kind: 'text', value: (r) => r.record, description: 'the raw record' },
  ],
);

/**
 * The quarantined rows of the input files as a report table, optionally of one kind and reason;
 * empty (not an error) in a workspace that never had an input file, so read-only workspaces work.
 * @throws InputError `unknown_input_kind`, `unknown_reason` naming the codes there are.
 * @example (await inputQuarantineReport(engine, { kind: 'spend' })).rows[0]; // → ['spend', 'marketing-spend.csv', 5, 'negative_amount', …]
 */
export async function inputQuarantineReport(
  engine: Engine,
  options: { kind?: string; reason?: string; limit?: number } = {},
): Promise<ReportTable> {
  if (options.kind !== undefined && !Object.hasOwn(INPUT_KINDS, options.kind))
    throw new InputError(
      'unknown_input_kind',
      `Unknown input file kind "${options.kind}"; the kinds are ${Object.keys(INPUT_KINDS).join(', ')}`,
      { kind: options.kind },
    );
  if (options.reason !== undefined && !Object.hasOwn(INPUT_QUARANTINE_REASONS, options.reason)) {
    throw new InputError(
      'unknown_reason',
      `Unknown input quarantine reason "${options.reason}"; the reason codes are ${Object.keys(INPUT_QUARANTINE_REASONS).join(', ')}`,
      { reason: options.reason },
    );
  }
  const [t] = await engine.rows<{ n: number }>(engine.dialect.tableExists('input_quarantine'));
  const rows =
    t!.n === 0
      ? []
      : await engine.rows<InputQuarantineRow>(
          `SELECT kind, source_file, line, reason, detail, record FROM input_quarantine
     WHERE ($kind IS NULL OR kind = $kind) AND ($reason IS NULL OR reason = $reason) ORDER BY kind, source_file, line LIMIT $limit`,
          { kind: options.kind ?? null, reason: options.reason ?? null, limit: options.limit ?? 1_000_000 },
        );
  return inputQuarantineTable(rows, {
    notes: [
      `${rows.length.toLocaleString('en-US')} quarantined rows of input files; fix them and ingest the file again (cvm ingest --customers|--spend|--prospects|--surveys FILE).`,
    ],
  });
}
