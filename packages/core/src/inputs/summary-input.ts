import type { Engine } from '../engine/engine.js';
import { sqlIdent, sqlString } from '../engine/sql.js';
import { InputError } from '../errors.js';
import { probeFile } from '../transactions/file-probe.js';

/** Accepted names of each summary column (first match wins; case-insensitive). */
export const SUMMARY_ALIASES = {
  id: ['customer_id', 'cust', 'id', 'customer'],
  x: ['frequency', 'x'],
  tx: ['recency', 't_x', 't.x', 'tx'],
  T: ['T', 'T.cal', 't_cal', 'age'],
  mx: ['monetary_value', 'zbar', 'm.x', 'mx'],
  n: ['periods', 'n.cal', 'n_cal', 'n'],
  weights: ['weights', 'weight', 'custs', 'count'],
} as const;

export type SummaryField = keyof typeof SUMMARY_ALIASES;

/** A per-customer (or per-pattern, when weighted) summary read from a file: typed columns. */
export interface SummaryInput {
  length: number;
  ids: string[];
  columns: Partial<Record<Exclude<SummaryField, 'id'>, Float64Array>>;
  /** Which file column fed each field. */
  mapping: Partial<Record<SummaryField, string>>;
}

/**
 * Reads a summary CSV (or Parquet) with either naming: `frequency, recency, T, monetary_value` or the
 * BTYD/Hardie names `x, t_x` (`t.x`), `T` (`T.cal`), `zbar` (`m.x`), with an optional weight column
 * (`weights`, `custs`, `count`) and, for BG/BB, `periods` (`n.cal`). `weightCol` overrides the weight
 * column. Missing or non-numeric values are an error naming the row (nothing is skipped).
 *
 * @throws InputError `missing_columns` naming the required fields and the columns present;
 *   `bad_summary_value` for a non-numeric or negative value.
 */
export async function readSummaryFile(
  engine: Engine,
  path: string,
  required: readonly Exclude<SummaryField, 'id'>[],
  weightCol?: string,
): Promise<SummaryInput> {
  const probe = await probeFile(path);
  const reader = probe.format === 'parquet' ? `read_parquet(${sqlString(path)})` : `read_csv(${sqlString(path)}, header = true)`;
  const columns = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
  const find = (field: SummaryField): string | undefined => {
    if (field === 'weights' && weightCol !== undefined) {
      if (!columns.includes(weightCol))
        throw new InputError(
          'unknown_column',
          `--weight-col "${weightCol}" is not a column of ${probe.fileName}; columns present: ${columns.join(', ')}`,
          { columns },
        );
      return weightCol;
    }
    for (const alias of SUMMARY_ALIASES[field]) {
      const exact = columns.find((c) => c === alias);
      if (exact) return exact;
    }
    for (const alias of SUMMARY_ALIASES[field]) {
      const loose = columns.find((c) => c.toLowerCase() === alias.toLowerCase());
      if (loose) return loose;
    }
    return undefined;
  };
  const mapping: SummaryInput['mapping'] = {};
  for (const f of Object.keys(SUMMARY_ALIASES) as SummaryField[]) {
    const c = find(f);
    if (c !== undefined) mapping[f] = c;
  }
  const missing = required.filter((f) => mapping[f] === undefined);
  if (missing.length) {
    const names = missing.map((f) => SUMMARY_ALIASES[f].join('/')).join(', ');
    throw new InputError('missing_columns', `${probe.fileName} has no ${names} column; columns present: ${columns.join(', ')}`, {
      missing,
      columns,
    });
  }
  const numeric = (Object.keys(mapping) as SummaryField[]).filter((f) => f !== 'id');
  const select = [
    mapping.id ? `CAST(${sqlIdent(mapping.id)} AS VARCHAR) AS id` : `CAST(row_number() OVER () AS VARCHAR) AS id`,
    ...numeric.map((f) => `try_cast(${sqlIdent(mapping[f]!)} AS DOUBLE) AS ${sqlIdent('f_' + f)}`),
  ];
  const kinds: Record<string, 'f64' | 'string'> = { id: 'string' };
  for (const f of numeric) kinds['f_' + f] = 'f64';
  const b = await engine.columns(`SELECT ${select.join(', ')} FROM ${reader}`, kinds);
  const out: SummaryInput['columns'] = {};
  for (const f of numeric) {
    const col = b.f64['f_' + f]!;
    for (let i = 0; i < col.length; i++) {
      if (!(Number.isFinite(col[i]!) && col[i]! >= 0)) {
        throw new InputError(
          'bad_summary_value',
          `${probe.fileName} row ${i + 1} (customer ${b.strings.id![i]}): ${mapping[f]} is not a non-negative number`,
          { row: i + 1, column: mapping[f] },
        );
      }
    }
    out[f as Exclude<SummaryField, 'id'>] = col;
  }
  return { length: b.length, ids: b.strings.id!, columns: out, mapping };
}
