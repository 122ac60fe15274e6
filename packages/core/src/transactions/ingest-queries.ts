// Read-only queries of an ingest: NDJSON keys, the date format of the staged file, and the counts of one source.
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { chooseDateFormat, DATE_FORMATS, detectDateFormatSql, type DateDetection, type DateFormat } from './date-formats.js';
import { STAGE } from './ingest-sql.js';
import { decideDayMonth, decideEpochUnit } from './date-decision.js';
import type { IngestReport } from './ingest-types.js';
import type { QuarantineReason } from './schema.js';

/** The keys of the first 1,000 NDJSON lines (invalid lines count as {}). */
export async function ndjsonKeys(engine: Engine, reader: string): Promise<string[]> {
  const rows = await engine.rows<{ k: string }>(
    `SELECT DISTINCT unnest(json_keys(CASE WHEN json_valid(json_line) THEN json_line ELSE '{}' END)) AS k FROM (SELECT json_line FROM ${reader} LIMIT 1000)`,
  );
  return rows.map((r) => r.k);
}

/**
 * The date format: typed columns are ISO; a requested format is used as given; `auto` picks a
 * candidate from a 2,000-value sample of the stage, and when the candidate is day/month or epoch,
 * the order or unit is settled on every row (see `decideDayMonth`, `decideEpochUnit`).
 * @throws InputError `unknown_date_format`, `ambiguous_date_format`, `epoch_out_of_range`.
 */
export async function decideDateFormat(
  engine: Engine,
  requested: DateFormat,
  type: string,
  fileName: string,
  range: { minDate: string; maxDate: string },
): Promise<DateDetection & { detected: boolean }> {
  if (type === 'DATE' || type.startsWith('TIMESTAMP')) return { format: 'iso', ambiguous: false, parsedShare: 1, detected: true };
  if (requested !== 'auto')
    return { format: requested as Exclude<DateFormat, 'auto'>, ambiguous: false, parsedShare: Number.NaN, detected: false };
  const column = type === 'VARCHAR' ? 'f_date' : 'CAST(f_date AS VARCHAR)';
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE cvm_date_sample AS SELECT DISTINCT trim(${column}) AS v FROM (SELECT f_date FROM ${STAGE} LIMIT 20000) WHERE nullif(trim(${column}), '') IS NOT NULL LIMIT 2000`,
  );
  const counts = (await engine.rows<Record<string, number>>(detectDateFormatSql('cvm_date_sample', 'v')))[0]!;
  const sample = await engine.rows<{ v: string }>('SELECT v FROM cvm_date_sample LIMIT 3');
  const chosen = chooseDateFormat(counts);
  if (!chosen) {
    throw new InputError(
      'unknown_date_format',
      `No known date format reads the date column of ${fileName} (e.g. ${sample.map((s) => JSON.stringify(s.v)).join(', ') || 'no values'}); pass --date-format (${DATE_FORMATS.join(', ')} or a strptime pattern)`,
      { sample },
    );
  }
  if (chosen.format === 'mdy' || chosen.format === 'dmy')
    return { ...(await decideDayMonth(engine, STAGE, column, fileName)), parsedShare: chosen.parsedShare, detected: true };
  if (chosen.format === 'epoch-s' || chosen.format === 'epoch-ms')
    return { ...(await decideEpochUnit(engine, STAGE, column, range.minDate, range.maxDate, fileName)), detected: true };
  return { ...chosen, detected: true };
}

/** Accepted, returned and quarantined rows of one ingested source, by reason. */
export async function sourceCounts(
  engine: Engine,
  sourceId: number,
): Promise<Pick<IngestReport, 'rowsRead' | 'rowsAccepted' | 'rowsQuarantined' | 'quarantineByReason' | 'returns'>> {
  const d = engine.dialect;
  const [t] = await engine.rows<{ n: number; r: number; ra: number }>(
    `SELECT count(*) AS n, ${d.countIf('is_return')} AS r, coalesce(${d.double(d.moneySum('CASE WHEN is_return THEN amount ELSE 0 END'))}, 0) AS ra FROM transactions WHERE source_id = $1`,
    [sourceId],
  );
  const q = await engine.rows<{ reason: QuarantineReason; n: number }>(
    'SELECT reason, count(*) AS n FROM quarantine WHERE source_id = $1 GROUP BY reason ORDER BY reason',
    [sourceId],
  );
  const quarantineByReason: Partial<Record<QuarantineReason, number>> = {};
  let quarantined = 0;
  for (const row of q) {
    quarantineByReason[row.reason] = row.n;
    quarantined += row.n;
  }
  return {
    rowsRead: t!.n + quarantined,
    rowsAccepted: t!.n,
    rowsQuarantined: quarantined,
    quarantineByReason,
    returns: { rows: t!.r, amount: t!.ra },
  };
}
