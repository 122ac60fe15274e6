import type { ColumnBatch } from '../engine.js';

/**
 * Rows for ClickHouse's `RowBinary` input format, built from typed columns. Numbers are written as
 * their binary values, so a double arrives bit for bit (ClickHouse 18.16's text parser reads
 * "7.69" as 7.6899999999999995, one ulp off). Supported types: Int32, Int64, UInt8, Date (days since
 * 1970-01-01), DateTime (seconds), Float64, String, and Nullable of these. Numeric columns come from
 * `batch.f64` (NaN = NULL for a Nullable column), text from `batch.strings` with NULL flagged by
 * `batch.f64['null:' + name]` = 1.
 *
 * @throws TypeError for an unsupported type or a missing column.
 * @example
 * encodeRowBinary([['x', 'Int32']], { length: 1, f64: { x: Float64Array.of(7) }, strings: {} }); // → <07 00 00 00>
 */
export function encodeRowBinary(columns: readonly (readonly [string, string])[], batch: ColumnBatch): Buffer {
  const n = batch.length;
  const plan = columns.map(([name, type]) => {
    const nullable = type.startsWith('Nullable(');
    const base = nullable ? type.slice(9, -1) : type;
    const width = WIDTH[base];
    if (base === 'String') {
      const values = batch.strings[name];
      if (!values) throw new TypeError(`encodeRowBinary: no text column ${name}`);
      const nulls = batch.f64[`null:${name}`] ?? null;
      const lengths = new Int32Array(n);
      for (let i = 0; i < n; i++) lengths[i] = byteLength(values[i]!);
      return { kind: 'string' as const, nullable, values, lengths, nulls };
    }
    if (width === undefined) throw new TypeError(`encodeRowBinary: type ${type} of ${name} is not supported`);
    const values = batch.f64[name];
    if (!values) throw new TypeError(`encodeRowBinary: no numeric column ${name}`);
    return { kind: 'number' as const, nullable, base, width, values };
  });
  let size = 0;
  for (const p of plan) {
    if (p.kind === 'string') {
      for (let i = 0; i < n; i++) {
        if (p.nullable) size += 1;
        if (p.nullable && p.nulls && p.nulls[i] === 1) continue;
        size += varintSize(p.lengths[i]!) + p.lengths[i]!;
      }
    } else {
      for (let i = 0; i < n; i++) size += (p.nullable ? 1 : 0) + (p.nullable && Number.isNaN(p.values[i]!) ? 0 : p.width);
    }
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (const p of plan) {
      if (p.kind === 'string') {
        const isNull = p.nullable && p.nulls !== null && p.nulls[i] === 1;
        if (p.nullable) out[at++] = isNull ? 1 : 0;
        if (isNull) continue;
        const len = p.lengths[i]!;
        at = writeVarint(out, at, len);
        if (len === p.values[i]!.length)
          for (let j = 0; j < len; j++) out[at + j] = p.values[i]!.charCodeAt(j); // ASCII
        else out.write(p.values[i]!, at, len, 'utf8');
        at += len;
        continue;
      }
      const v = p.values[i]!;
      if (p.nullable) {
        out[at++] = Number.isNaN(v) ? 1 : 0;
        if (Number.isNaN(v)) continue;
      }
      switch (p.base) {
        case 'Float64':
          out.writeDoubleLE(v, at);
          break;
        case 'Int64': {
          // |v| < 2^53: two 32-bit halves, no BigInt
          const t = Math.trunc(v);
          const hi = Math.floor(t / 4294967296);
          out.writeUInt32LE(t - hi * 4294967296, at);
          out.writeInt32LE(hi, at + 4);
          break;
        }
        case 'Int32':
          out.writeInt32LE(Math.trunc(v), at);
          break;
        case 'UInt8':
          out.writeUInt8(Math.trunc(v), at);
          break;
        case 'Date':
          out.writeUInt16LE(Math.trunc(v), at);
          break;
        case 'DateTime':
          out.writeUInt32LE(Math.floor(v), at);
          break;
      }
      at += p.width;
    }
  }
  return out;
}

/** UTF-8 length of a string; the string's own length when it is ASCII (checked without allocating). */
function byteLength(v: string): number {
  for (let j = 0; j < v.length; j++) if (v.charCodeAt(j) > 0x7f) return Buffer.byteLength(v, 'utf8');
  return v.length;
}

const WIDTH: Record<string, number> = { Float64: 8, Int64: 8, Int32: 4, UInt8: 1, Date: 2, DateTime: 4 };

function varintSize(x: number): number {
  let n = 1;
  while (x >= 0x80) {
    x = Math.floor(x / 128);
    n += 1;
  }
  return n;
}

function writeVarint(out: Buffer, at: number, x: number): number {
  while (x >= 0x80) {
    out[at++] = (x & 0x7f) | 0x80;
    x = Math.floor(x / 128);
  }
  out[at++] = x;
  return at;
}
