import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { chooseDateFormat, DATE_FORMATS, detectDateFormatSql, type DateFormat } from '../transactions/date-formats.js';
import { STAGE } from '../transactions/ingest-sql.js';
import { attributeProfileSql, stageColumn, type AttributeType } from './input-sql.js';
import type { InputKind, InputQuarantineReason } from './input-schema.js';
import type { InputIngestOptions, InputIngestReport } from './input-ingest.js';

/** Decides each attribute's type from the staged values (see {@link ingestInputFile}). */
export async function attributeTypes(
  engine: Engine,
  kind: InputKind,
  header: string[],
  names: string[],
  options: InputIngestOptions,
): Promise<{ name: string; type: AttributeType }[]> {
  if (names.length === 0) return [];
  const [profile] = await engine.rows<Record<string, number>>(attributeProfileSql(names.map((n) => stageColumn(header, n))));
  const known =
    kind === 'prospects'
      ? new Map(
          (
            await engine.rows<{ name: string; type: AttributeType }>("SELECT name, type FROM input_attributes WHERE kind = 'customers'")
          ).map((r) => [r.name, r.type]),
        )
      : new Map<string, AttributeType>();
  return names.map((name, k) => {
    if (options.numeric?.includes(name)) return { name, type: 'numeric' as const };
    if (options.categorical?.includes(name)) return { name, type: 'categorical' as const };
    const given = known.get(name);
    if (given) return { name, type: given };
    const n = profile![`n${k}`]!,
      numbers = profile![`k${k}`]!,
      distinct = profile![`d${k}`]!;
    return { name, type: n > 0 && numbers >= 0.95 * n && distinct >= 2 ? ('numeric' as const) : ('categorical' as const) };
  });
}

export async function chooseFormat(
  engine: Engine,
  column: string,
  requested: DateFormat,
  fileName: string,
): Promise<Exclude<DateFormat, 'auto'>> {
  if (requested !== 'auto') {
    if (!(DATE_FORMATS as readonly string[]).includes(requested) && !requested.includes('%'))
      throw new InputError(
        'bad_date_format',
        `Unknown date format "${requested}"; use auto, ${DATE_FORMATS.join(', ')} or a strptime pattern`,
        {},
      );
    return requested as Exclude<DateFormat, 'auto'>;
  }
  await engine.exec(
    `CREATE OR REPLACE TEMP TABLE cvm_date_sample AS SELECT DISTINCT trim(${column}) AS v FROM (SELECT ${column} FROM ${STAGE} LIMIT 20000) WHERE nullif(trim(${column}), '') IS NOT NULL LIMIT 2000`,
  );
  const [counts] = await engine.rows<Record<string, number>>(detectDateFormatSql('cvm_date_sample', 'v'));
  if (counts!.n === 0) return 'iso';
  const chosen = chooseDateFormat(counts!);
  if (!chosen) {
    const sample = await engine.rows<{ v: string }>('SELECT v FROM cvm_date_sample LIMIT 3');
    throw new InputError(
      'unknown_date_format',
      `No known date format reads the dates of ${fileName} (e.g. ${sample.map((s) => JSON.stringify(s.v)).join(', ')}); pass a date format (${DATE_FORMATS.join(', ')} or a strptime pattern)`,
      { sample },
    );
  }
  return chosen.format;
}

/** The counts of the stored file of a kind. */
export async function inputCounts(
  engine: Engine,
  kind: InputKind,
  path: string,
  sha256: string,
): Promise<Omit<InputIngestReport, 'status' | 'columns' | 'dateFormat'>> {
  const [src] = await engine.rows<{ read: number; acc: number; quar: number }>(
    'SELECT rows_read AS read, rows_accepted AS acc, rows_quarantined AS quar FROM input_sources WHERE kind = $1',
    [kind],
  );
  const byReason = await engine.rows<{ reason: InputQuarantineReason; n: number }>(
    'SELECT reason, count(*) AS n FROM input_quarantine WHERE kind = $1 GROUP BY reason ORDER BY reason',
    [kind],
  );
  const examples = await engine.rows<InputIngestReport['examples'][number]>(
    'SELECT line, reason, detail FROM input_quarantine WHERE kind = $1 ORDER BY line LIMIT 10',
    [kind],
  );
  const attributes = await engine.rows<{ name: string; type: AttributeType }>(
    'SELECT name, type FROM input_attributes WHERE kind = $1 ORDER BY position',
    [kind],
  );
  return {
    kind,
    file: path,
    sha256,
    attributes,
    rowsRead: src?.read ?? 0,
    rowsAccepted: src?.acc ?? 0,
    rowsQuarantined: src?.quar ?? 0,
    quarantineByReason: Object.fromEntries(byReason.map((r) => [r.reason, r.n])),
    examples,
  };
}
