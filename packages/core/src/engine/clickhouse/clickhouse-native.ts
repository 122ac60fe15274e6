import type { ColumnBatch, ColumnKind } from '../engine.js';
import { EngineError } from '../../errors.js';

/** Thrown inside the parser when a block is not yet complete (more bytes are needed). */
const INCOMPLETE = Symbol('incomplete');

const FIXED: Record<string, { bytes: number; view: (b: ArrayBuffer) => ArrayLike<number | bigint> }> = {
  UInt8: { bytes: 1, view: (b) => new Uint8Array(b) },
  Int8: { bytes: 1, view: (b) => new Int8Array(b) },
  UInt16: { bytes: 2, view: (b) => new Uint16Array(b) },
  Int16: { bytes: 2, view: (b) => new Int16Array(b) },
  UInt32: { bytes: 4, view: (b) => new Uint32Array(b) },
  Int32: { bytes: 4, view: (b) => new Int32Array(b) },
  UInt64: { bytes: 8, view: (b) => new BigUint64Array(b) },
  Int64: { bytes: 8, view: (b) => new BigInt64Array(b) },
  Float32: { bytes: 4, view: (b) => new Float32Array(b) },
  Float64: { bytes: 8, view: (b) => new Float64Array(b) },
  Date: { bytes: 2, view: (b) => new Uint16Array(b) }, // days since 1970-01-01
  DateTime: { bytes: 4, view: (b) => new Uint32Array(b) }, // seconds since the epoch
};

/** Growable output columns for the wanted names. */
class Columns {
  capacity = 4096;
  length = 0;
  readonly f64: Record<string, Float64Array> = {};
  readonly strings: Record<string, string[]> = {};
  constructor(readonly kinds: Record<string, ColumnKind>) {
    for (const [name, kind] of Object.entries(kinds)) {
      if (kind === 'f64') this.f64[name] = new Float64Array(this.capacity);
      else this.strings[name] = [];
    }
  }
  reserve(n: number): void {
    if (this.length + n <= this.capacity) return;
    while (this.length + n > this.capacity) this.capacity *= 2;
    for (const name of Object.keys(this.f64)) {
      const grown = new Float64Array(this.capacity);
      grown.set(this.f64[name]!.subarray(0, this.length));
      this.f64[name] = grown;
    }
  }
  finish(): ColumnBatch {
    const f64: Record<string, Float64Array> = {};
    for (const [name, col] of Object.entries(this.f64)) f64[name] = col.slice(0, this.length);
    return { length: this.length, f64, strings: this.strings };
  }
}

/**
 * Reads ClickHouse's `Native` output format (columnar blocks) into typed columns, chunk by chunk as
 * the HTTP response arrives, with no per-row objects.
 *
 * ## Method
 * A block is `varint columns, varint rows`, then per column its name, type name and data: fixed-width
 * numbers back to back (little-endian), strings as varint length + bytes, `Nullable(T)` as a byte per
 * row (1 = NULL) followed by T's data. Numeric data is copied into an aligned buffer and read through
 * the matching typed array in one pass. Chunks are kept in a list and joined only once the pending
 * bytes have doubled since the last attempt, so a block split over many chunks costs O(block size).
 * NULL reads as NaN (numbers) or '' (text), as in the DuckDB engine.
 */
export class NativeReader {
  private chunks: Buffer[] = [];
  private pending = 0;
  private need = 0;
  private readonly out: Columns;
  private seen: string[] | null = null;

  constructor(kinds: Record<string, ColumnKind>) {
    this.out = new Columns(kinds);
  }

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.pending += chunk.length;
    if (this.pending >= this.need) this.drain(false);
  }

  end(): ColumnBatch {
    this.drain(true);
    if (this.seen !== null) {
      for (const name of Object.keys(this.out.kinds)) {
        if (!this.seen.includes(name))
          throw new EngineError('missing_result_column', `The query result has no column "${name}" (it has: ${this.seen.join(', ')})`, {
            name,
            names: this.seen,
          });
      }
    }
    return this.out.finish();
  }

  private drain(final: boolean): void {
    if (this.pending === 0) return;
    const buf = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.pending);
    let pos = 0;
    for (;;) {
      if (pos === buf.length) break;
      try {
        pos = this.block(buf, pos);
      } catch (error) {
        if (error !== INCOMPLETE) throw error;
        if (final)
          throw new EngineError(
            'bad_native_result',
            `ClickHouse's Native result ended inside a block (${buf.length - pos} bytes left)`,
            {},
          );
        break;
      }
    }
    const rest = buf.subarray(pos);
    this.chunks = rest.length ? [rest] : [];
    this.pending = rest.length;
    this.need = rest.length * 2;
  }

  /** Parses one block at `start`, appending the wanted columns; returns the position after it. */
  private block(buf: Buffer, start: number): number {
    const r: Reader = { buf, pos: start };
    const ncols = varint(r);
    const nrows = varint(r);
    const writers: (() => void)[] = [];
    const names: string[] = [];
    for (let c = 0; c < ncols; c++) {
      const name = str(r);
      const type = str(r);
      names.push(name);
      const writer = readColumn(r, type, nrows, name, this.out);
      if (this.out.kinds[name] !== undefined) writers.push(writer);
    }
    this.seen ??= names;
    // Only now, with the whole block read, write it out (a partial block is re-read later).
    this.out.reserve(nrows);
    for (const w of writers) w();
    this.out.length += nrows;
    return r.pos;
  }
}

/**
 * Reads one column's data (advancing `r`) and returns the function that appends it to `out` when
 * the column is wanted (a no-op otherwise).
 * @throws EngineError `unsupported_result_type` for types cvm does not read (arrays, maps, …).
 */
function readColumn(r: Reader, type: string, n: number, name: string, out: Columns): () => void {
  const kind = out.kinds[name];
  let nulls: Uint8Array | null = null;
  let t = type;
  if (t.startsWith('Nullable(')) {
    nulls = take(r, n);
    t = t.slice(9, -1);
  }
  const isNull = (i: number): boolean => nulls !== null && nulls[i] === 1;
  if (t === 'String' || t.startsWith('FixedString(')) {
    const width = t === 'String' ? -1 : Number(t.slice(12, -1));
    const values: string[] = kind === undefined ? [] : new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const len = width < 0 ? varint(r) : width;
      const bytes = take(r, len);
      if (kind !== undefined) values[i] = isNull(i) ? '' : bytes.toString('utf8');
    }
    return () => {
      if (kind === 'string') {
        const o = out.strings[name]!;
        for (let i = 0; i < n; i++) o.push(values[i]!);
      } else if (kind === 'f64') {
        const o = out.f64[name]!;
        for (let i = 0; i < n; i++) o[out.length + i] = isNull(i) ? Number.NaN : Number(values[i]);
      }
    };
  }
  let numbers: ArrayLike<number | bigint>;
  let scale = 1;
  const dec = /^Decimal\((\d+), ?(\d+)\)$/.exec(t);
  if (dec) {
    const precision = Number(dec[1]);
    scale = 10 ** Number(dec[2]);
    if (precision > 18)
      throw new EngineError(
        'unsupported_result_type',
        `Result column ${name} has type ${type}, which cvm does not read; cast it to Float64 or Decimal(18, s) in the query`,
        { name, type },
      );
    const width = precision <= 9 ? 4 : 8;
    const raw = aligned(take(r, n * width));
    numbers = width === 4 ? new Int32Array(raw) : new BigInt64Array(raw);
  } else {
    const spec = FIXED[t];
    if (!spec)
      throw new EngineError(
        'unsupported_result_type',
        `Result column ${name} has type ${type}, which cvm does not read; cast it in the query`,
        { name, type },
      );
    numbers = spec.view(aligned(take(r, n * spec.bytes)));
  }
  return () => {
    if (kind === 'f64') {
      const o = out.f64[name]!;
      const at = out.length;
      if (numbers instanceof Float64Array && nulls === null) o.set(numbers, at);
      else for (let i = 0; i < n; i++) o[at + i] = isNull(i) ? Number.NaN : Number(numbers[i]!) / scale;
    } else if (kind === 'string') {
      const o = out.strings[name]!;
      for (let i = 0; i < n; i++) o.push(isNull(i) ? '' : String(Number(numbers[i]!) / scale));
    }
  };
}

interface Reader {
  buf: Buffer;
  pos: number;
}

function varint(r: Reader): number {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (r.pos >= r.buf.length) throw INCOMPLETE;
    const b = r.buf[r.pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return result;
    shift += 7;
  }
}

function take(r: Reader, n: number): Buffer {
  if (r.pos + n > r.buf.length) throw INCOMPLETE;
  const v = r.buf.subarray(r.pos, r.pos + n);
  r.pos += n;
  return v;
}

function str(r: Reader): string {
  const n = varint(r);
  return take(r, n).toString();
}

/** A copy of `bytes` in its own (aligned) ArrayBuffer. */
function aligned(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}
