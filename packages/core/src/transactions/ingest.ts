import type { Engine } from '../engine/engine.js';
import { isoDateOrNull, sqlString } from '../engine/sql.js';
import { DataQualityError, EngineError, InputError } from '../errors.js';
import { resolveMapping, type ColumnMapping, type ResolvedMapping, type TransactionField } from './column-mapping.js';
import { chooseDateFormat, DATE_FORMATS, detectDateFormatSql, type DateDetection, type DateFormat } from './date-formats.js';
import { probeFile, sha256File } from './file-probe.js';
import { csvLineSql, DUPS, PARSED, readerSql, REJECTS, STAGE, stageSql, type FileFormat } from './ingest-sql.js';
import { dedupeSql, insertAcceptedSql, insertQuarantineSql, parsedSql, type ParsePlan } from './parse-sql.js';
import { QUARANTINE_REASONS, WORKSPACE_DDL, type QuarantineReason } from './schema.js';

export interface IngestOptions {
  /** Explicit column mapping; unmapped fields are auto-detected from the header. */
  mapping?: ColumnMapping;
  /** Date format (default `auto`). */
  dateFormat?: DateFormat;
  /** IANA time zone of naive timestamps and of the business day (default `UTC`). */
  timezone?: string;
  /** CSV delimiter (default: sniffed by DuckDB). */
  delimiter?: string;
  /** Accepted dates: [minDate, maxDate), ISO `YYYY-MM-DD`. Defaults 1970-01-01 and tomorrow (UTC). */
  minDate?: string;
  maxDate?: string;
  /** Order ids starting with this text are cancellations (kept as returns), e.g. `C`. */
  cancelPrefix?: string | null;
  /** Exact-duplicate check: `auto` (default) turns it on when an order id column is mapped. */
  dedupe?: 'auto' | 'on' | 'off';
  /** Fail (and add nothing) when any row would be quarantined. */
  strict?: boolean;
  /** Progress callback for long work (a stage name). */
  onProgress?: (stage: string) => void;
}

export interface IngestReport {
  file: string;
  format: FileFormat;
  bytes: number;
  sha256: string;
  /** `ingested` (new), `replaced` (same path, new content: old rows removed), `unchanged` (same content seen before). */
  status: 'ingested' | 'replaced' | 'unchanged';
  sourceId: number;
  mapping: ResolvedMapping | null;
  dateFormat: (DateDetection & { detected: boolean }) | null;
  timezone: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsQuarantined: number;
  quarantineByReason: Partial<Record<QuarantineReason, number>>;
  returns: { rows: number; amount: number };
  duplicateCheck: boolean;
  acceptedRange: [string, string];
}

/** Creates the workspace tables if they do not exist. */
export async function ensureWorkspace(engine: Engine): Promise<void> {
  await engine.exec(WORKSPACE_DDL);
}

const tomorrow = (): string => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

/**
 * Reads one file into the workspace: every row is either accepted into `transactions` or kept in
 * `quarantine` with its line and a reason code (see `QUARANTINE_REASONS`). Returns (negative amount
 * or quantity, or an order id with the cancellation prefix) are accepted with a negative amount.
 * Re-ingesting a file with the same content changes nothing; the same path with new content
 * replaces that file's earlier rows.
 *
 * @throws InputError for unreadable input or options (one line, naming what was found);
 *   DataQualityError with `strict` when any row is rejected (nothing is added then).
 */
export async function ingestFile(engine: Engine, path: string, options: IngestOptions = {}): Promise<IngestReport> {
  const progress = options.onProgress ?? (() => {});
  const timezone = options.timezone ?? 'UTC';
  const minDate = checkDate(options.minDate ?? '1970-01-01', '--min-date');
  const maxDate = checkDate(options.maxDate ?? tomorrow(), '--max-date');
  if (options.dateFormat && !['auto', ...DATE_FORMATS].includes(options.dateFormat) && !options.dateFormat.includes('%')) {
    throw new InputError('bad_date_format', `Unknown date format "${options.dateFormat}"; use auto, ${DATE_FORMATS.join(', ')} or a strptime pattern such as %d.%m.%Y`, { dateFormat: options.dateFormat });
  }
  const probe = await probeFile(path);
  await ensureWorkspace(engine);
  const tz = await engine.rows<{ n: number }>('SELECT count(*) AS n FROM pg_timezone_names() WHERE name = $1', [timezone]);
  if (!tz[0]?.n) throw new InputError('bad_timezone', `Unknown time zone "${timezone}"; use an IANA name such as UTC or Europe/Berlin`, { timezone });

  progress('hashing');
  const sha256 = await sha256File(path);
  const seen = await engine.rows<{ source_id: number; path: string }>('SELECT source_id, path FROM sources WHERE sha256 = $1 LIMIT 1', [sha256]);
  const base = { file: path, format: probe.format, bytes: probe.bytes, sha256, timezone, acceptedRange: [minDate, maxDate] as [string, string] };
  if (seen.length > 0) {
    const counts = await sourceCounts(engine, seen[0]!.source_id);
    return { ...base, status: 'unchanged', sourceId: seen[0]!.source_id, mapping: null, dateFormat: null, duplicateCheck: false, ...counts };
  }

  progress('reading');
  await engine.exec(`DROP TABLE IF EXISTS ${REJECTS}; DROP TABLE IF EXISTS cvm_reject_scans;`);
  const reader = readerSql(path, probe.format, options.delimiter);
  let columns: string[];
  try {
    columns = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
    if (probe.format === 'ndjson') columns = await ndjsonKeys(engine, reader);
  } catch (error) {
    throw new InputError('unreadable_file', `${probe.fileName} could not be read as ${probe.format.toUpperCase()}: ${firstLine(error)}`, { path, format: probe.format });
  }
  const mapping = resolveMapping(columns, options.mapping ?? {}, probe.fileName);
  const fields = Object.entries(mapping.mapping) as [TransactionField, string][];
  try {
    await engine.exec(stageSql(reader, probe.format, fields));
  } catch (error) {
    throw new InputError('unreadable_file', `${probe.fileName} could not be read as ${probe.format.toUpperCase()}: ${firstLine(error)}`, { path, format: probe.format });
  }
  const hasRejects = probe.format !== 'parquet' && (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${REJECTS}`))[0]!.n > 0;
  const staged = (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${STAGE}`))[0]!.n;
  const rejectedLines = hasRejects ? (await engine.rows<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM ${REJECTS}`))[0]!.n : 0;
  if (staged + rejectedLines === 0) throw new InputError('no_rows', `${probe.fileName} has a header but no data rows; columns present: ${columns.join(', ')}`, { path, columns });

  const types = Object.fromEntries((await engine.rows<{ column_name: string; column_type: string }>(`DESCRIBE ${STAGE}`)).map((r) => [r.column_name.replace(/^f_/, ''), r.column_type]));
  const dateFormat = await decideDateFormat(engine, options.dateFormat ?? 'auto', types.date as string, probe.fileName);
  const lineSql = probe.format === 'parquet' ? 'src_row' : hasRejects ? csvLineSql().replace('+ 2', probe.format === 'ndjson' ? '+ 1' : '+ 2') : `rowid + ${probe.format === 'ndjson' ? 1 : 2}`;
  const dedupe = options.dedupe === 'on' || ((options.dedupe ?? 'auto') === 'auto' && mapping.mapping.order !== undefined);

  // The earlier versions of this path are replaced below: their rows are not "earlier accepted
  // rows" for the duplicate check (else unchanged rows would be quarantined as copies of themselves).
  const previous = (await engine.rows<{ source_id: number }>('SELECT source_id FROM sources WHERE path = $1', [path])).map((p) => p.source_id);
  const keep = previous.length === 0 ? '' : ` WHERE source_id NOT IN (${previous.join(', ')})`;
  const priorRows = dedupe && (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM transactions${keep} LIMIT 1)`))[0]!.n > 0;

  progress('validating');
  await engine.exec(`SET TimeZone = ${sqlString(timezone)}`);
  const plan: ParsePlan = {
    fields: new Set(fields.map(([f]) => f)), types, dateFormat: dateFormat.format, amountFromPriceQuantity: mapping.amountFromPriceQuantity,
    lineSql, minDate, maxDate, cancelPrefix: options.cancelPrefix ?? null, dedupe, priorRows, replacedSources: previous, ndjson: probe.format === 'ndjson',
  };
  try {
    await engine.exec(parsedSql(plan));
    for (const statement of dedupeSql(plan)) await engine.exec(statement);
  } finally {
    await engine.exec(`SET TimeZone = 'UTC'`);
  }

  progress('storing');
  const sourceId = (await engine.rows<{ id: number }>('SELECT coalesce(max(source_id), 0) + 1 AS id FROM sources'))[0]!.id;
  await engine.exec('BEGIN TRANSACTION');
  try {
    for (const id of previous) {
      await engine.exec('DELETE FROM transactions WHERE source_id = $1', [id]);
      await engine.exec('DELETE FROM quarantine WHERE source_id = $1', [id]);
      await engine.exec('DELETE FROM sources WHERE source_id = $1', [id]);
    }
    await engine.exec(insertAcceptedSql(sourceId));
    const rejected = (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM ${PARSED} WHERE reason IS NOT NULL`))[0]!.n;
    if (rejected > 0 || hasRejects) await engine.exec(insertQuarantineSql(sourceId, hasRejects, plan), { file: probe.fileName, range: `[${minDate}, ${maxDate})` });
    const counts = await sourceCounts(engine, sourceId);
    if (counts.rowsAccepted + counts.rowsQuarantined !== staged + rejectedLines) {
      throw new EngineError('row_accounting', `Row accounting failed for ${probe.fileName}: read ${staged + rejectedLines}, accepted ${counts.rowsAccepted}, quarantined ${counts.rowsQuarantined}`, { path });
    }
    if (options.strict && counts.rowsQuarantined > 0) {
      const reasons = Object.entries(counts.quarantineByReason).map(([r, n]) => `${n} ${r}`).join(', ');
      throw new DataQualityError('strict_rejections', `--strict: ${counts.rowsQuarantined} of ${counts.rowsRead} rows of ${probe.fileName} would be quarantined (${reasons}); nothing was added`, { ...counts });
    }
    await engine.exec(`INSERT INTO sources VALUES ($id, $path, $name, $sha, $bytes, $format, now()::TIMESTAMP, $read, $acc, $quar, $mapping, $options)`, {
      id: sourceId, path, name: probe.fileName, sha: sha256, bytes: probe.bytes, format: probe.format,
      read: counts.rowsRead, acc: counts.rowsAccepted, quar: counts.rowsQuarantined,
      mapping: JSON.stringify(mapping), options: JSON.stringify({ timezone, dateFormat: dateFormat.format, minDate, maxDate, cancelPrefix: options.cancelPrefix ?? null, dedupe }),
    });
    await engine.exec('COMMIT');
    await engine.exec(`DROP TABLE IF EXISTS ${STAGE}; DROP TABLE IF EXISTS ${PARSED}; DROP TABLE IF EXISTS ${DUPS};`);
    return { ...base, status: previous.length > 0 ? 'replaced' : 'ingested', sourceId, mapping, dateFormat, duplicateCheck: dedupe, ...counts };
  } catch (error) {
    await engine.exec('ROLLBACK');
    throw error;
  }
}

function checkDate(value: string, flag: string): string {
  const d = isoDateOrNull(value);
  if (d === null) throw new InputError('bad_date', `${flag} must be a date YYYY-MM-DD; got "${value}"`, { flag, value });
  return d;
}

const firstLine = (error: unknown): string => String((error as Error).message ?? error).split('\n')[0]!.replace(/^DuckDB query failed: /, '');

async function ndjsonKeys(engine: Engine, reader: string): Promise<string[]> {
  const rows = await engine.rows<{ k: string }>(`SELECT DISTINCT unnest(json_keys(CASE WHEN json_valid(json_line) THEN json_line ELSE '{}' END)) AS k FROM (SELECT json_line FROM ${reader} LIMIT 1000)`);
  return rows.map((r) => r.k);
}

async function decideDateFormat(engine: Engine, requested: DateFormat, type: string, fileName: string): Promise<DateDetection & { detected: boolean }> {
  if (type === 'DATE' || type.startsWith('TIMESTAMP')) return { format: 'iso', ambiguous: false, parsedShare: 1, detected: true };
  if (requested !== 'auto') return { format: requested as Exclude<DateFormat, 'auto'>, ambiguous: false, parsedShare: Number.NaN, detected: false };
  const column = type === 'VARCHAR' ? 'f_date' : 'CAST(f_date AS VARCHAR)';
  await engine.exec(`CREATE OR REPLACE TEMP TABLE cvm_date_sample AS SELECT DISTINCT trim(${column}) AS v FROM (SELECT f_date FROM ${STAGE} LIMIT 20000) WHERE nullif(trim(${column}), '') IS NOT NULL LIMIT 2000`);
  const counts = (await engine.rows<Record<string, number>>(detectDateFormatSql('cvm_date_sample', 'v')))[0]!;
  const sample = await engine.rows<{ v: string }>('SELECT v FROM cvm_date_sample LIMIT 3');
  const chosen = chooseDateFormat(counts);
  if (!chosen) {
    throw new InputError('unknown_date_format', `No known date format reads the date column of ${fileName} (e.g. ${sample.map((s) => JSON.stringify(s.v)).join(', ') || 'no values'}); pass --date-format (${DATE_FORMATS.join(', ')} or a strptime pattern)`, { sample });
  }
  return { ...chosen, detected: true };
}

async function sourceCounts(engine: Engine, sourceId: number): Promise<Pick<IngestReport, 'rowsRead' | 'rowsAccepted' | 'rowsQuarantined' | 'quarantineByReason' | 'returns'>> {
  const [t] = await engine.rows<{ n: number; r: number; ra: number }>('SELECT count(*) AS n, count(*) FILTER (WHERE is_return) AS r, coalesce(sum(amount) FILTER (WHERE is_return), 0) AS ra FROM transactions WHERE source_id = $1', [sourceId]);
  const q = await engine.rows<{ reason: QuarantineReason; n: number }>('SELECT reason, count(*) AS n FROM quarantine WHERE source_id = $1 GROUP BY reason ORDER BY reason', [sourceId]);
  const quarantineByReason: Partial<Record<QuarantineReason, number>> = {};
  let quarantined = 0;
  for (const row of q) {
    quarantineByReason[row.reason] = row.n;
    quarantined += row.n;
  }
  return { rowsRead: t!.n + quarantined, rowsAccepted: t!.n, rowsQuarantined: quarantined, quarantineByReason, returns: { rows: t!.r, amount: t!.ra } };
}

export { QUARANTINE_REASONS };
