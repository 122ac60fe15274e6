import type { Engine } from '../engine/engine.js';
import { sqlIdent, sqlString } from '../engine/sql.js';
import { InputError } from '../errors.js';

/**
 * Reads per-customer segment labels from a CSV with a header: the customer id column (`customer_id`,
 * `customer` or the first column) and the segment column (default `segment`). Empty labels and
 * empty ids are skipped; when an id repeats, the last row wins.
 * @throws InputError `unreadable_segments_file` / `bad_segments_file` (the message lists the header).
 */
export async function loadSegments(engine: Engine, path: string, column = 'segment'): Promise<Map<string, string>> {
  let header: string[];
  const reader = `read_csv(${sqlString(path)}, header = true, all_varchar = true)`;
  try {
    header = (await engine.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => r.column_name);
  } catch (error) {
    throw new InputError(
      'unreadable_segments_file',
      `The segments file ${path} could not be read as CSV: ${String((error as Error).message).split('\n')[0]}`,
      { path },
    );
  }
  const id = header.find((h) => ['customer_id', 'customer', 'customerid'].includes(h.toLowerCase())) ?? header[0]!;
  const seg = header.find((h) => h.toLowerCase() === column.toLowerCase());
  if (seg === undefined || seg === id)
    throw new InputError(
      'bad_segments_file',
      `The segments file ${path} has no column "${column}" (its columns: ${header.join(', ')}); pass --segment-col NAME`,
      { path, column, header },
    );
  const rows = await engine.rows<{ id: string; s: string }>(
    `SELECT trim(${sqlIdent(id)}) AS id, trim(${sqlIdent(seg)}) AS s FROM ${reader} WHERE nullif(trim(${sqlIdent(id)}), '') IS NOT NULL AND nullif(trim(${sqlIdent(seg)}), '') IS NOT NULL`,
  );
  return new Map(rows.map((r) => [r.id, r.s]));
}
