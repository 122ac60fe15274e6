import { createRequire } from 'node:module';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnBatch } from '../engine.js';
import { checkCodes, orderedLabels } from '../coded-text.js';

/** DuckDB's vector size: the rows of one data chunk. */
const CHUNK = 2048;

/** The few functions of the native binding (`@duckdb/node-bindings`, under `@duckdb/node-api`) that fill a chunk's vectors directly. */
interface VectorWriter {
  data_chunk_get_vector(chunk: unknown, column: number): unknown;
  copy_data_to_vector(vector: unknown, byteOffset: number, source: ArrayBufferLike, sourceOffset: number, byteCount: number): void;
  vector_ensure_validity_writable(vector: unknown): void;
  copy_data_to_vector_validity(vector: unknown, byteOffset: number, source: ArrayBufferLike, sourceOffset: number, byteCount: number): void;
  vector_assign_string_element(vector: unknown, index: number, value: string): void;
}

let writer: VectorWriter | null | undefined;
/** The binding's vector functions, or null when they cannot be found (then the client's own `setColumnValues` is used). */
function vectorWriter(): VectorWriter | null {
  if (writer !== undefined) return writer;
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('@duckdb/node-api'));
    const b = req('@duckdb/node-bindings') as Partial<VectorWriter>;
    const names = [
      'data_chunk_get_vector',
      'copy_data_to_vector',
      'vector_ensure_validity_writable',
      'copy_data_to_vector_validity',
      'vector_assign_string_element',
    ] as const;
    writer = names.every((k) => typeof b[k] === 'function') ? (b as VectorWriter) : null;
  } catch {
    writer = null;
  }
  return writer;
}

/** A coded text column as DuckDB declares it: an ENUM of the labels in byte order, the codes remapped to match. */
export interface EnumColumn {
  labels: string[];
  remap: Uint32Array;
  identity: boolean;
}

/**
 * The ENUM form of each coded column of the batch (see `CodedText`): labels distinct and in byte
 * order, so that the ENUM sorts (by position) exactly as the text would.
 * @throws TypeError when a code has no label
 */
export function enumColumns(batch: ColumnBatch): Map<string, EnumColumn> {
  const out = new Map<string, EnumColumn>();
  for (const [name, c] of Object.entries(batch.codes ?? {})) {
    checkCodes(name, c);
    out.set(name, orderedLabels(c.labels));
  }
  return out;
}

/** Bytes per code of an ENUM with `size` labels (DuckDB's dictionary type: UTINYINT up to 255, USMALLINT up to 65,535, else UINTEGER). */
function enumWidth(size: number): 1 | 2 | 4 {
  return size <= 255 ? 1 : size <= 65_535 ? 2 : 4;
}

/**
 * Appends a column batch to a table through DuckDB's appender, one data chunk of up to 2,048 rows
 * at a time (no SQL text). NaN becomes NULL, as do missing strings; `''` stays `''`. Coded text
 * columns (`enums`, from {@link enumColumns}) go into ENUM columns as their codes.
 *
 * ## Method
 * Each chunk's vectors are filled straight through the native binding: a DOUBLE column is one
 * memory copy of its Float64Array slice (plus a validity mask when it holds NaN), a VARCHAR column
 * one native call per value, a coded column one memory copy of its codes (remapped to the ENUM's
 * byte-ordered labels when needed, in a chunk-sized scratch array). One chunk serves the whole load,
 * reset before each fill (a new chunk per 2,048 rows left its native buffers to the garbage collector:
 * 1M rows × 30 columns side by side, peak RSS 1,419 → 866 MB and 1.74 → 1.24–1.45 CPU-s a load).
 * The client's `setColumnValues` does the same work behind a JS vector
 * object per column and chunk that first copies the vector's (empty) contents out and keeps a
 * per-value cache: about half of the load's CPU time at 1M rows × 40 columns, and the buffers it
 * leaves to the garbage collector raised the peak RSS. Without the binding's functions (another
 * client version) the client's own path is used.
 */
export async function appendColumns(
  c: DuckDBConnection,
  table: string,
  batch: ColumnBatch,
  order: readonly string[],
  api: typeof import('@duckdb/node-api'),
  enums: ReadonlyMap<string, EnumColumn> = new Map(),
): Promise<void> {
  const { DuckDBDataChunk, DOUBLE, VARCHAR, ENUM } = api;
  const w = vectorWriter();
  const appender = await c.createAppender(table);
  const types = order.map((n) => {
    const e = enums.get(n);
    return n in batch.f64 ? DOUBLE : e && e.labels.length > 0 ? ENUM(e.labels) : VARCHAR;
  });
  const mask = new Uint8Array(CHUNK / 8);
  const scratch = { 1: new Uint8Array(CHUNK), 2: new Uint16Array(CHUNK), 4: new Uint32Array(CHUNK) };
  // one chunk for the whole load when the vectors are written directly (reset between appends): a chunk
  // per 2,048 rows left its native buffers to the garbage collector, hundreds of MB at 1M rows × 40 columns
  const reused = w ? DuckDBDataChunk.create(types, CHUNK) : null;
  try {
    for (let lo = 0; lo < batch.length; lo += CHUNK) {
      const hi = Math.min(batch.length, lo + CHUNK);
      let chunk: InstanceType<typeof DuckDBDataChunk>;
      if (reused) {
        reused.reset();
        reused.rowCount = hi - lo;
        chunk = reused;
      } else chunk = DuckDBDataChunk.create(types, hi - lo);
      order.forEach((name, j) => {
        const f = batch.f64[name];
        const e = f ? undefined : enums.get(name);
        const coded = e ? batch.codes![name]!.codes : null;
        const s = f || e ? null : batch.strings[name]!;
        if (coded && e && e.labels.length === 0) return; // no labels: no rows either (checked)
        if (!w) {
          if (coded)
            chunk.setColumnValues(
              j,
              Array.from(coded.subarray(lo, hi), (k) => e!.labels[e!.remap[k]!]!),
            );
          else if (f)
            chunk.setColumnValues(
              j,
              Array.from(f.subarray(lo, hi), (v) => (Number.isNaN(v) ? null : v)),
            );
          else chunk.setColumnValues(j, s!.slice(lo, hi));
          return;
        }
        const vector = w.data_chunk_get_vector((chunk as unknown as { chunk: unknown }).chunk, j);
        let nulls = false;
        mask.fill(0xff);
        if (coded) {
          const width = enumWidth(e!.labels.length);
          let part: Uint8Array | Uint16Array | Uint32Array;
          if (e!.identity && coded.BYTES_PER_ELEMENT === width) part = coded.subarray(lo, hi);
          else {
            part = scratch[width].subarray(0, hi - lo);
            for (let i = lo; i < hi; i++) part[i - lo] = e!.remap[coded[i]!]!;
          }
          w.copy_data_to_vector(vector, 0, part.buffer, part.byteOffset, part.byteLength);
        } else if (f) {
          const part = f.subarray(lo, hi);
          w.copy_data_to_vector(vector, 0, part.buffer, part.byteOffset, part.byteLength);
          for (let i = 0; i < part.length; i++)
            if (Number.isNaN(part[i]!)) {
              mask[i >> 3]! &= ~(1 << (i & 7));
              nulls = true;
            }
        } else {
          for (let i = lo; i < hi; i++) {
            const v = s![i];
            if (v == null) {
              mask[(i - lo) >> 3]! &= ~(1 << ((i - lo) & 7));
              nulls = true;
            } else w.vector_assign_string_element(vector, i - lo, v);
          }
        }
        if (nulls) {
          w.vector_ensure_validity_writable(vector);
          w.copy_data_to_vector_validity(vector, 0, mask.buffer, 0, Math.ceil((hi - lo) / 64) * 8);
        }
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
