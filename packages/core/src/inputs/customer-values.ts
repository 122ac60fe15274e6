import type { Engine } from '../engine/engine.js';
import { sqlIdent, sqlString } from '../engine/sql.js';
import { InputError } from '../errors.js';
import { probeFile } from '../transactions/file-probe.js';

/** One number per customer read from a file, aligned to a list of customer ids. */
export interface AlignedValues {
  values: Float64Array;
  /** Customers of `ids` with no row in the file (they got the fallback). */
  missing: number;
  /** Rows of the file whose customer is not in `ids` (not used). */
  unknown: number;
}

/**
 * Reads a CSV or Parquet file of `customer_id, <column>` (e.g. a per-customer margin) and aligns it to
 * `ids`; customers without a row get `fallback`. The id column is the first of customer_id, customer,
 * id (case-insensitive). Nothing is coerced: an empty or non-numeric value, a value outside
 * [min, max], or a customer listed twice is an error naming the data line.
 * @throws InputError `missing_columns`, `bad_value`, `duplicate_customer`
 * @example
 * // margins.csv: customer_id,margin / 1,0.3 / 2,0.45
 * (await readCustomerValues(engine, 'margins.csv', 'margin', ['1', '2', '3'], 0.25, [-1, 1])).values; // → [0.3, 0.45, 0.25]
 */
export async function readCustomerValues(
  engine: Engine,
  path: string,
  column: string,
  ids: readonly string[],
  fallback: number,
  [min, max]: [number, number],
): Promise<AlignedValues> {
  const probe = await probeFile(path);
  const reader =
    probe.format === 'parquet' ? `read_parquet(${sqlString(path)})` : `read_csv(${sqlString(path)}, header = true, all_varchar = true)`;
  const columns = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
  const idCol = ['customer_id', 'customer', 'id'].map((a) => columns.find((c) => c.toLowerCase() === a)).find((c) => c !== undefined);
  const valueCol = columns.find((c) => c.toLowerCase() === column.toLowerCase());
  if (idCol === undefined || valueCol === undefined) {
    throw new InputError(
      'missing_columns',
      `${probe.fileName} needs a customer_id and a ${column} column; columns present: ${columns.join(', ')}`,
      { columns },
    );
  }
  const rows = await engine.rows<{ id: string | null; v: string | null }>(
    `SELECT CAST(${sqlIdent(idCol)} AS VARCHAR) AS id, CAST(${sqlIdent(valueCol)} AS VARCHAR) AS v FROM ${reader}`,
  );
  const at = new Map<string, number>();
  ids.forEach((id, i) => at.set(id, i));
  const values = new Float64Array(ids.length).fill(NaN);
  let unknown = 0;
  rows.forEach((r, k) => {
    const line = `data line ${k + 1} of ${probe.fileName}`;
    const v = r.v === null || r.v.trim() === '' ? NaN : Number(r.v);
    if (r.id === null || r.id === '') throw new InputError('bad_value', `${line} has no customer id`, { line: k + 1 });
    if (!(v >= min && v <= max))
      throw new InputError('bad_value', `${line}: ${column} "${r.v ?? ''}" for customer ${r.id} is not a number in [${min}, ${max}]`, {
        line: k + 1,
        value: r.v,
      });
    const i = at.get(r.id);
    if (i === undefined) {
      unknown++;
      return;
    }
    if (!Number.isNaN(values[i]!)) throw new InputError('duplicate_customer', `${line}: customer ${r.id} is listed twice`, { line: k + 1 });
    values[i] = v;
  });
  let missing = 0;
  for (let i = 0; i < values.length; i++)
    if (Number.isNaN(values[i]!)) {
      values[i] = fallback;
      missing++;
    }
  return { values, missing, unknown };
}
