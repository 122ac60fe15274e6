import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ColumnBatch, ColumnKind, SqlValue } from '../engine.js';
import { EngineError } from '../../errors.js';
import { toDouble } from './duckdb-values.js';
import { duckdbModule } from './duckdb-module.js';

/** Bound parameters of a query: positional ($1, $2 …) or named. */
export type Params = SqlValue[] | Record<string, SqlValue> | undefined;

/**
 * Copies a DOUBLE vector's values in one `Float64Array.set`, then writes NaN where the validity mask
 * marks NULL (64 rows per mask word; all-valid words are skipped). Returns false, having written
 * nothing, for any other vector (or if the client's internal layout is not the expected one), and
 * the caller reads item by item.
 *
 * ## Why
 * `getItem` checks validity with BigInt arithmetic for every row: reading 1M rows × 11 DOUBLE
 * columns that way costs ~1 s; the bulk copy is a memcpy. This reads the (TypeScript-private)
 * `items` and `validity` fields of @duckdb/node-api 1.5's `DuckDBDoubleVector`, guarded so that a
 * change in the client falls back to `getItem` instead of misreading.
 */
function copyDoubles(
  vector: unknown,
  n: number,
  out: Float64Array,
  at: number,
  DoubleVector: abstract new (...args: never[]) => unknown,
): boolean {
  if (!(vector instanceof DoubleVector)) return false;
  const inner = vector as unknown as { items?: unknown; validity?: { data?: unknown; offset?: unknown } };
  const items = inner.items;
  const validity = inner.validity;
  if (!(items instanceof Float64Array) || items.length !== n || !validity || validity.offset !== 0) return false;
  const mask = validity.data;
  if (mask !== null && !(mask instanceof BigUint64Array)) return false;
  out.set(items, at);
  if (mask === null) return true;
  const all = 0xffffffffffffffffn;
  for (let w = 0; w < mask.length; w++) {
    const word = mask[w]!;
    if (word === all) continue;
    const end = Math.min(64, n - w * 64);
    for (let b = 0; b < end; b++) if ((word & (1n << BigInt(b))) === 0n) out[at + w * 64 + b] = Number.NaN;
  }
  return true;
}

/**
 * Streams a result chunk by chunk (2,048 rows each) into growable typed columns.
 *
 * ## Method
 * Each wanted column is located by name once; each chunk's vector is read item by item into a
 * Float64Array (doubling capacity as needed) or a string array. No row objects are created.
 */
export async function readColumns(
  c: DuckDBConnection,
  sql: string,
  kinds: Record<string, ColumnKind>,
  params: Params,
): Promise<ColumnBatch> {
  for await (const batch of readColumnBatches(c, sql, kinds, params, Number.POSITIVE_INFINITY)) return batch;
  throw new EngineError('query_failed', 'DuckDB returned no result', { sql: sql.slice(0, 2000) });
}

/**
 * The same read as {@link readColumns}, handing out a batch each time at least `batchRows` rows have
 * arrived (then starting afresh), so a result larger than memory can be consumed in one scan. With
 * an infinite `batchRows` it yields exactly one batch (possibly empty).
 */
export async function* readColumnBatches(
  c: DuckDBConnection,
  sql: string,
  kinds: Record<string, ColumnKind>,
  params: Params,
  batchRows: number,
): AsyncGenerator<ColumnBatch> {
  const { DuckDBDoubleVector } = await duckdbModule();
  const result = await c.stream(sql, params as DuckDBValue[] | undefined);
  const names = result.columnNames();
  const wanted = Object.entries(kinds).map(([name, kind]) => {
    const index = names.indexOf(name);
    if (index < 0)
      throw new EngineError('missing_result_column', `The query result has no column "${name}" (it has: ${names.join(', ')})`, {
        name,
        names,
      });
    return { name, kind, index };
  });
  let capacity = 4096;
  let length = 0;
  let f64: Record<string, Float64Array> = {};
  let strings: Record<string, string[]> = {};
  const fresh = (): void => {
    capacity = 4096;
    length = 0;
    f64 = {};
    strings = {};
    for (const w of wanted) {
      if (w.kind === 'f64') f64[w.name] = new Float64Array(capacity);
      else strings[w.name] = [];
    }
  };
  const finish = (): ColumnBatch => {
    const out: Record<string, Float64Array> = {};
    for (const w of wanted) if (w.kind === 'f64') out[w.name] = f64[w.name]!.slice(0, length);
    return { length, f64: out, strings };
  };
  fresh();
  let yielded = false;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    if (length + n > capacity) {
      while (length + n > capacity) capacity *= 2;
      for (const w of wanted) {
        if (w.kind !== 'f64') continue;
        const grown = new Float64Array(capacity);
        grown.set(f64[w.name]!.subarray(0, length));
        f64[w.name] = grown;
      }
    }
    for (const w of wanted) {
      const vector = chunk.getColumnVector(w.index);
      if (w.kind === 'f64') {
        const out = f64[w.name]!;
        if (!copyDoubles(vector, n, out, length, DuckDBDoubleVector)) {
          for (let i = 0; i < n; i++) {
            const v = vector.getItem(i);
            out[length + i] = typeof v === 'number' ? v : toDouble(v);
          }
        }
      } else {
        const out = strings[w.name]!;
        for (let i = 0; i < n; i++) {
          const v = vector.getItem(i);
          out.push(v === null ? '' : typeof v === 'string' ? v : String(v));
        }
      }
    }
    length += n;
    if (length >= batchRows) {
      yield finish();
      yielded = true;
      fresh();
    }
  }
  if (length > 0 || !yielded) yield finish();
}
