import { inTransaction } from '../engine/serial-engine.js';
import type { Engine } from '../engine/engine.js';
import { isoDateOrNull, sqlString } from '../engine/sql.js';
import { DataQualityError, EngineError, InputError } from '../errors.js';
import { DATE_FORMATS } from './date-formats.js';
import { probeFile, sha256File } from './file-probe.js';
import { csvLineSql, DUP_EARLIER, DUP_KEYS, DUPS, extraKeySql, PARSED, recordSql, STAGE } from './ingest-sql.js';
import { readIntoStage } from './ingest-read.js';
import { duplicateKeysSql, findDuplicatesSql, insertAcceptedSql, MARK_DUPLICATES_SQL, parsedSql, type ParsePlan } from './parse-sql.js';
import { insertQuarantineSql } from './quarantine-sql.js';
import { QUARANTINE_REASONS, WORKSPACE_DDL } from './schema.js';
import type { IngestOptions, IngestReport } from './ingest-types.js';
import { decideDateFormat, sourceCounts } from './ingest-queries.js';
import { MS_PER_DAY } from '../summary/summary.js';

export type { IngestOptions, IngestReport } from './ingest-types.js';

/** Creates the workspace tables if they do not exist. */
export async function ensureWorkspace(engine: Engine): Promise<void> {
  await engine.exec(WORKSPACE_DDL);
}

const tomorrow = (): string => new Date(Date.now() + MS_PER_DAY).toISOString().slice(0, 10);

/**
 * Reads one file into the workspace: every row is either accepted into `transactions` or kept in
 * `quarantine` with its line and a reason code (see `QUARANTINE_REASONS`). Returns (negative amount
 * or quantity, or an order id with the cancellation prefix) are accepted with a negative amount.
 * Re-ingesting a file with the same content changes nothing; the same path with new content
 * replaces that file's earlier rows.
 *
 * @throws InputError for unreadable input or options (one line, naming what was found), nothing
 *   stored: `file_not_found`, `empty_file`, `binary_file`, `unsupported_encoding`, `truncated_file`,
 *   `corrupt_file`, `unreadable_file`, `missing_columns`, `no_rows`, `unknown_date_format`,
 *   `ambiguous_date_format` (day-first and month-first mixed), `epoch_out_of_range`, `bad_date`,
 *   `bad_date_range`, `bad_date_format`, `bad_timezone`;
 *   DataQualityError with `strict` when any row is rejected (nothing is added then).
 */
export async function ingestFile(engine: Engine, path: string, options: IngestOptions = {}): Promise<IngestReport> {
  const progress = options.onProgress ?? (() => {});
  const timezone = options.timezone ?? 'UTC';
  const minDate = checkDate(options.minDate ?? '1970-01-01', '--min-date');
  const maxDate = checkDate(options.maxDate ?? tomorrow(), '--max-date');
  if (minDate >= maxDate) {
    throw new InputError(
      'bad_date_range',
      `--min-date (${minDate}) must come before --max-date (${maxDate}): the accepted range [min, max) would hold no date`,
      { minDate, maxDate },
    );
  }
  if (options.dateFormat && !['auto', ...DATE_FORMATS].includes(options.dateFormat) && !options.dateFormat.includes('%')) {
    throw new InputError(
      'bad_date_format',
      `Unknown date format "${options.dateFormat}"; use auto, ${DATE_FORMATS.join(', ')} or a strptime pattern such as %d.%m.%Y`,
      { dateFormat: options.dateFormat },
    );
  }
  const probe = await probeFile(path);
  await ensureWorkspace(engine);
  const tz = await engine.rows<{ n: number }>('SELECT count(*) AS n FROM pg_timezone_names() WHERE name = $1', [timezone]);
  if (!tz[0]?.n)
    throw new InputError('bad_timezone', `Unknown time zone "${timezone}"; use an IANA name such as UTC or Europe/Berlin`, { timezone });

  progress('hashing');
  const sha256 = await sha256File(path, probe.gzip);
  const seen = await engine.rows<{ source_id: number; path: string }>('SELECT source_id, path FROM sources WHERE sha256 = $1 LIMIT 1', [
    sha256,
  ]);
  const base = {
    file: path,
    format: probe.format,
    encoding: probe.encoding,
    bytes: probe.bytes,
    sha256,
    timezone,
    acceptedRange: [minDate, maxDate] as [string, string],
  };
  if (seen.length > 0) {
    const counts = await sourceCounts(engine, seen[0]!.source_id);
    return {
      ...base,
      status: 'unchanged',
      sourceId: seen[0]!.source_id,
      mapping: null,
      dateFormat: null,
      duplicateCheck: false,
      ...counts,
    };
  }

  progress('reading');
  const { mapping, layout, hasRejects, staged, rejectedLines } = await readIntoStage(engine, probe, options);
  const types = Object.fromEntries(
    (await engine.rows<{ column_name: string; column_type: string }>(`DESCRIBE ${STAGE}`)).map((r) => [
      r.column_name.replace(/^f_/, ''),
      r.column_type,
    ]),
  );
  const dateFormat = await decideDateFormat(engine, options.dateFormat ?? 'auto', types.date as string, probe.fileName, {
    minDate,
    maxDate,
  });
  const lineSql =
    probe.format === 'parquet'
      ? 'src_row'
      : hasRejects
        ? csvLineSql().replace('+ 2', probe.format === 'ndjson' ? '+ 1' : '+ 2')
        : `rowid + ${probe.format === 'ndjson' ? 1 : 2}`;
  const dedupe = options.dedupe === 'on' || ((options.dedupe ?? 'auto') === 'auto' && mapping.mapping.order !== undefined);

  // The earlier versions of this path are replaced below: their rows are not "earlier accepted
  // rows" for the duplicate check (else unchanged rows would be quarantined as copies of themselves).
  const previous = (await engine.rows<{ source_id: number }>('SELECT source_id FROM sources WHERE path = $1', [path])).map(
    (p) => p.source_id,
  );
  const keep = previous.length === 0 ? '' : ` WHERE source_id NOT IN (${previous.join(', ')})`;
  // with the hook the check against earlier files is the hook's, not this engine's `transactions`
  const priorRows =
    dedupe &&
    !options.earlierDuplicates &&
    (await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM transactions${keep} LIMIT 1)`))[0]!.n > 0;

  progress('validating');
  await engine.exec(`SET TimeZone = ${sqlString(timezone)}`);
  const plan: ParsePlan = {
    fields: new Set(layout.fields.map(([f]) => f)),
    types,
    dateFormat: dateFormat.format,
    amountFromPriceQuantity: mapping.amountFromPriceQuantity,
    lineSql,
    minDate,
    maxDate,
    cancelPrefix: options.cancelPrefix ?? null,
    dedupe,
    priorRows,
    replacedSources: previous,
    ndjson: probe.format === 'ndjson',
    recordSql: recordSql(layout),
    extraKeySql: extraKeySql(layout),
  };
  try {
    await engine.exec(parsedSql(plan));
    if (dedupe) {
      for (const statement of findDuplicatesSql(plan)) await engine.exec(statement);
      if (options.earlierDuplicates) await addEarlierDuplicates(engine, options.earlierDuplicates);
      await engine.exec(MARK_DUPLICATES_SQL);
    }
  } finally {
    await engine.exec(`SET TimeZone = 'UTC'`);
  }

  progress('storing');
  const sourceId = (await engine.rows<{ id: number }>('SELECT coalesce(max(source_id), 0) + 1 AS id FROM sources'))[0]!.id;
  const counts = await inTransaction(engine, async (tx) => {
    for (const id of previous) {
      await tx.exec('DELETE FROM transactions WHERE source_id = $1', [id]);
      await tx.exec('DELETE FROM quarantine WHERE source_id = $1', [id]);
      await tx.exec('DELETE FROM sources WHERE source_id = $1', [id]);
    }
    await tx.exec(insertAcceptedSql(sourceId));
    const rejected = (await tx.rows<{ n: number }>(`SELECT count(*) AS n FROM ${PARSED} WHERE reason IS NOT NULL`))[0]!.n;
    if (rejected > 0 || hasRejects)
      await tx.exec(insertQuarantineSql(sourceId, hasRejects, plan), { file: probe.fileName, range: `[${minDate}, ${maxDate})` });
    const counts = await sourceCounts(tx, sourceId);
    if (counts.rowsAccepted + counts.rowsQuarantined !== staged + rejectedLines) {
      throw new EngineError(
        'row_accounting',
        `Row accounting failed for ${probe.fileName}: read ${staged + rejectedLines}, accepted ${counts.rowsAccepted}, quarantined ${counts.rowsQuarantined}`,
        { path },
      );
    }
    if (options.strict && counts.rowsQuarantined > 0) {
      const reasons = Object.entries(counts.quarantineByReason)
        .map(([r, n]) => `${n} ${r}`)
        .join(', ');
      throw new DataQualityError(
        'strict_rejections',
        `--strict: ${counts.rowsQuarantined} of ${counts.rowsRead} rows of ${probe.fileName} would be quarantined (${reasons}); nothing was added`,
        { ...counts },
      );
    }
    await tx.exec(
      `INSERT INTO sources VALUES ($id, $path, $name, $sha, $bytes, $format, now()::TIMESTAMP, $read, $acc, $quar, $mapping, $options)`,
      {
        id: sourceId,
        path,
        name: probe.fileName,
        sha: sha256,
        bytes: probe.bytes,
        format: probe.format,
        read: counts.rowsRead,
        acc: counts.rowsAccepted,
        quar: counts.rowsQuarantined,
        mapping: JSON.stringify(mapping),
        options: JSON.stringify({
          timezone,
          dateFormat: dateFormat.format,
          minDate,
          maxDate,
          cancelPrefix: options.cancelPrefix ?? null,
          dedupe,
        }),
      },
    );
    return counts;
  });
  await engine.exec(`DROP TABLE IF EXISTS ${STAGE}; DROP TABLE IF EXISTS ${PARSED}; DROP TABLE IF EXISTS ${DUPS};`);
  return {
    ...base,
    status: previous.length > 0 ? 'replaced' : 'ingested',
    sourceId,
    mapping,
    dateFormat,
    duplicateCheck: dedupe,
    ...counts,
  };
}

/** Runs the `earlierDuplicates` hook on the accepted rows' keys and adds the `rn` it returns to the duplicates. */
async function addEarlierDuplicates(engine: Engine, hook: NonNullable<IngestOptions['earlierDuplicates']>): Promise<void> {
  await engine.exec(duplicateKeysSql());
  const found = await hook(engine, DUP_KEYS);
  await engine.exec(`DROP TABLE ${DUP_KEYS}`);
  if (found.length === 0) return;
  await engine.load(DUP_EARLIER, { length: found.length, f64: { rn: Float64Array.from(found) }, strings: {} });
  await engine.exec(`INSERT INTO ${DUPS} SELECT CAST(rn AS BIGINT) FROM ${DUP_EARLIER}; DROP TABLE ${DUP_EARLIER}`);
}

function checkDate(value: string, flag: string): string {
  const d = isoDateOrNull(value);
  if (d === null) throw new InputError('bad_date', `${flag} must be a date YYYY-MM-DD; got "${value}"`, { flag, value });
  return d;
}

export { QUARANTINE_REASONS };
