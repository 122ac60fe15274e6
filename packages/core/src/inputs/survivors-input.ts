import type { Engine } from '../engine/engine.js';
import { sqlIdent, sqlString } from '../engine/sql.js';
import { InputError } from '../errors.js';

/** A survivor table read for the shifted-beta-geometric model. */
export interface SurvivorsInput {
  /** Customers still active at the start of each period, in period order (period 0 first). */
  active: Float64Array;
  /** The period column used (the first column when not named). */
  periodCol: string;
}

/**
 * Reads a survivor table (a CSV with a header: a period column and an active-customers column) for
 * `fitSbg` (Fader & Hardie 2007), keeping the periods up to `fitPeriods` in period order. The file
 * path and column names reach the SQL only quoted (`sqlString`, `sqlIdent`).
 * @throws InputError `unknown_column` when a named column is not in the file (the message lists those present)
 * @example
 * const s = await readSurvivorsFile(engine, 'sbg_retention.csv', { activeCol: 'regular', fitPeriods: 7 });
 * s.active; // → Float64Array [1000, 631, 468, 382, 326, 289, 262, 241]
 */
export async function readSurvivorsFile(
  engine: Engine,
  file: string,
  o: { activeCol: string; periodCol?: string; fitPeriods?: number },
): Promise<SurvivorsInput> {
  const reader = `read_csv(${sqlString(file)}, header = true)`;
  const columns = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
  const periodCol = o.periodCol ?? columns[0]!;
  for (const c of [o.activeCol, periodCol]) {
    if (!columns.includes(c))
      throw new InputError('unknown_column', `"${c}" is not a column of ${file}; columns present: ${columns.join(', ')}`, { columns });
  }
  const period = `CAST(${sqlIdent(periodCol)} AS DOUBLE)`;
  const b = await engine.columns(
    `SELECT CAST(${sqlIdent(o.activeCol)} AS DOUBLE) AS active FROM ${reader} WHERE ${period} <= $1 ORDER BY ${period}`,
    { active: 'f64' },
    [o.fitPeriods !== undefined && Number.isFinite(o.fitPeriods) ? o.fitPeriods : 1e15],
  );
  return { active: b.f64.active!, periodCol };
}
