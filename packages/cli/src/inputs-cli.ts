import { ingestInputFile, INPUT_QUARANTINE_REASONS, type Engine, type InputIngestReport, type InputKind } from '@cvm/core';
import { stringOf, type OptionSpecs, type Values } from './args.js';
import type { Progress } from './progress.js';

/** Flags naming the input files beside the log. */
export const INPUT_OPTIONS: OptionSpecs = {
  customers: { type: 'string' },
  spend: { type: 'string' },
  channels: { type: 'string' },
  numeric: { type: 'string' },
  categorical: { type: 'string' },
};

const list = (v: Values[string]): string[] | undefined =>
  stringOf(v)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Ingests the input files named by the flags (and `extra`, e.g. a positional prospects file) into the workspace. */
export async function ingestInputs(
  engine: Engine,
  values: Values,
  progress: Progress,
  extra: [InputKind, string][] = [],
): Promise<InputIngestReport[]> {
  const files: [InputKind, string][] = [];
  if (stringOf(values.customers)) files.push(['customers', stringOf(values.customers)!]);
  if (stringOf(values.spend)) files.push(['spend', stringOf(values.spend)!]);
  files.push(...extra);
  const out: InputIngestReport[] = [];
  for (const [kind, path] of files) {
    progress.stage(`reading ${path}`);
    out.push(
      await ingestInputFile(engine, kind, path, {
        channels: list(values.channels),
        numeric: list(values.numeric),
        categorical: list(values.categorical),
      }),
    );
  }
  return out;
}

/** Text lines describing the ingest of input files: counts, attribute types, quarantine by reason with examples. */
export function inputIngestLines(reports: readonly InputIngestReport[]): string[] {
  const lines: string[] = [];
  for (const r of reports) {
    if (r.status === 'unchanged') {
      lines.push(`${r.file}: unchanged (same content already in the workspace as the ${r.kind} file)`);
      continue;
    }
    const roles = r.columns
      ? Object.entries(r.columns.roles)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')
      : '';
    lines.push(
      `${r.file} (${r.kind} file): ${r.rowsRead.toLocaleString('en-US')} rows read, ${r.rowsAccepted.toLocaleString('en-US')} accepted, ${r.rowsQuarantined.toLocaleString('en-US')} quarantined; columns: ${roles}`,
    );
    if (r.attributes.length) lines.push(`  attributes: ${r.attributes.map((a) => `${a.name} (${a.type})`).join(', ')}`);
    for (const [reason, n] of Object.entries(r.quarantineByReason)) {
      const ex = r.examples
        .filter((e) => e.reason === reason)
        .slice(0, 3)
        .map((e) => `line ${e.line}${e.detail ? ` (${e.detail})` : ''}`)
        .join(', ');
      lines.push(
        `  quarantined ${n.toLocaleString('en-US')} ${reason}: ${INPUT_QUARANTINE_REASONS[reason as keyof typeof INPUT_QUARANTINE_REASONS]}${ex ? `; e.g. ${ex}` : ''}`,
      );
    }
  }
  return lines;
}
