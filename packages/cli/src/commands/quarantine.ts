import {
  INPUT_KINDS,
  INPUT_QUARANTINE_REASONS,
  InputError,
  inputQuarantineReport,
  listQuarantine,
  QUARANTINE_REASONS,
  quarantineRecords,
} from '@cvm/core';
import { ENGINE_OPTION, formatOf, parse, stringOf, WORKSPACE_OPTION } from '../args.js';
import { openEngine } from '../source.js';
import type { Context } from '../context.js';
import { cliTable } from '../report-table-output.js';

/**
 * `cvm quarantine`: the rejected rows. CSV (the default in a pipe) gives the source rows as they
 * were, every original column, then cvm_source_file, cvm_line, cvm_reason, cvm_detail: fix the
 * values and ingest the file again. The other formats list file, line, reason, detail, the raw
 * customer/date/amount and the whole record (JSON), then the rejected rows of the customers, spend
 * and prospects files (kind, file, line, reason; issue 11). `--kind` picks one kind of file.
 */
export async function quarantineCommand(argv: string[], ctx: Context): Promise<number> {
  const { values } = parse(argv, WORKSPACE_OPTION, ENGINE_OPTION, { reason: { type: 'string' }, kind: { type: 'string' } });
  if (values.help) return ctx.help('quarantine');
  const format = formatOf(values, ctx.stdoutIsTTY, 'csv');
  if (stringOf(values.workspace) === undefined && stringOf(values.engine) === undefined)
    throw new InputError('bad_usage', 'cvm quarantine needs --workspace DIR (or --engine URL)', {});
  const reason = stringOf(values.reason);
  const kind = stringOf(values.kind);
  const kinds = ['transactions', ...Object.keys(INPUT_KINDS)];
  if (kind !== undefined && !kinds.includes(kind))
    throw new InputError('bad_usage', `--kind must be one of ${kinds.join(', ')}; got "${kind}"`, { kind });
  const txReason = reason === undefined || Object.hasOwn(QUARANTINE_REASONS, reason);
  const inReason = reason === undefined || Object.hasOwn(INPUT_QUARANTINE_REASONS, reason);
  if (!txReason && !inReason) {
    throw new InputError(
      'unknown_reason',
      `Unknown quarantine reason "${reason}"; the reason codes are ${Object.keys(QUARANTINE_REASONS).join(', ')} (transactions) and ${Object.keys(INPUT_QUARANTINE_REASONS).join(', ')} (input files)`,
      { reason },
    );
  }
  const withTx = (kind === undefined || kind === 'transactions') && txReason;
  const withInputs = kind !== 'transactions' && inReason;
  const engine = await openEngine(values, true, { readOnly: true });
  try {
    // the customers, spend, prospects and survey files' rejected rows (either engine: cvm ingest stores them on ClickHouse too)
    const inputs = withInputs ? await inputQuarantineReport(engine, { kind, reason }) : null;
    if (format === 'csv') {
      if (!withTx) {
        ctx.print({ tables: [cliTable(inputs!, format)], json: null }, format);
        return 0;
      }
      const { columns, rows } = await quarantineRecords(engine, reason);
      if (inputs?.rows.length)
        process.stderr.write(
          `cvm: note: ${inputs.rows.length.toLocaleString('en-US')} rows of the customers, spend, prospects or survey files are quarantined too: --kind customers|spend|prospects|surveys lists them as CSV\n`,
        );
      ctx.print({ tables: [{ columns, rows }], json: null }, format);
      return 0;
    }
    const rows = withTx ? await listQuarantine(engine, reason) : [];
    const columns = ['source_file', 'line', 'reason', 'detail', 'customer_raw', 'date_raw', 'amount_raw', 'record'] as const;
    const tables = [
      ...(withTx
        ? [
            {
              title: 'Quarantined transactions',
              columns: [...columns],
              rows: rows.map((r) => columns.map((c) => r[c])),
              notes: [`${rows.length.toLocaleString('en-US')} quarantined rows`],
            },
          ]
        : []),
      ...(inputs && (inputs.rows.length || !withTx) ? [cliTable(inputs, format)] : []),
    ];
    ctx.print(
      {
        tables,
        json: { rows, inputRows: inputs ? inputs.rows.map((r) => Object.fromEntries(inputs.columns.map((c, j) => [c.key, r[j]]))) : [] },
      },
      format,
    );
  } finally {
    await engine.close();
  }
  return 0;
}
