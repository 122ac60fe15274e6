import { closeSync, openSync, writeSync } from 'node:fs';
import { MS_PER_DAY } from '../summary/summary.js';

const CHUNK = 1 << 20;
const ROW_ROOM = 4096;

/**
 * An ASCII text file written byte by byte into a 1 MB buffer (one system call per megabyte).
 * Numbers and fixed-width ids are written as digits straight into the buffer, so generating
 * millions of rows makes almost no garbage. Every row must fit in 4 KB.
 */
export class TextFile {
  private fd: number;
  private buf = Buffer.allocUnsafe(CHUNK);
  private pos = 0;
  bytes = 0;
  rows = 0;
  constructor(path: string, header: string) {
    this.fd = openSync(path, 'w');
    this.ascii(header).end();
    this.rows = 0;
  }
  /** Appends ASCII text (no line end). */
  ascii(s: string): this {
    if (this.pos > CHUNK - ROW_ROOM) this.flush();
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
    return this;
  }
  /** Appends bytes (an ASCII field prepared once, see {@link asciiBytes}). */
  bytesOf(a: Uint8Array): this {
    if (this.pos > CHUNK - ROW_ROOM) this.flush();
    this.buf.set(a, this.pos);
    this.pos += a.length;
    return this;
  }
  /** Appends one character code (e.g. 44 for a comma). */
  char(code: number): this {
    this.buf[this.pos++] = code;
    return this;
  }
  /** Appends a comma. */
  comma(): this {
    this.buf[this.pos++] = 44;
    return this;
  }
  /** Appends a whole number (any sign). */
  int(n: number): this {
    if (n < 0) {
      this.buf[this.pos++] = 45;
      n = -n;
    }
    if (n < 10) {
      this.buf[this.pos++] = 48 + n;
      return this;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let p = this.pos + digits;
    this.pos = p;
    for (let x = n; digits-- > 0; x = Math.floor(x / 10)) this.buf[--p] = 48 + (x % 10);
    return this;
  }
  /** Appends a whole number padded with zeros to `width` digits (n ≥ 0). */
  padded(n: number, width: number): this {
    let p = this.pos + width;
    this.pos = p;
    for (let k = 0, x = n; k < width; k++, x = Math.floor(x / 10)) this.buf[--p] = 48 + (x % 10);
    return this;
  }
  /** Appends cents as a decimal with two places: 1234 → 12.34, −5 → -0.05. */
  cents(c: number): this {
    if (c < 0) {
      this.buf[this.pos++] = 45;
      c = -c;
    }
    const r = c % 100;
    this.int((c - r) / 100).char(46);
    this.buf[this.pos++] = 48 + Math.floor(r / 10);
    this.buf[this.pos++] = 48 + (r % 10);
    return this;
  }
  /** Ends the row with a newline. */
  end(): void {
    this.buf[this.pos++] = 10;
    this.rows++;
  }
  private flush(): void {
    if (this.pos === 0) return;
    this.bytes += writeSync(this.fd, this.buf, 0, this.pos);
    this.pos = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** The bytes of an ASCII string, to be appended many times with {@link TextFile.bytesOf}. */
export const asciiBytes = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

/** `YYYY-MM-DD` for days 0 … days−1 after `start` (UTC). */
export function dayStrings(start: string, days: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, d) => new Date(t0 + d * MS_PER_DAY).toISOString().slice(0, 10));
}

/** Appends `YYYY-MM-DD HH:MM:SS` of a fractional day from the start (seconds truncated). */
export function writeTimestamp(f: TextFile, days: readonly Uint8Array[], time: number): TextFile {
  const d = Math.floor(time);
  const s = Math.floor((time - d) * 86_400);
  return f
    .bytesOf(days[d]!)
    .char(32)
    .padded((s / 3600) | 0, 2)
    .char(58)
    .padded(((s % 3600) / 60) | 0, 2)
    .char(58)
    .padded(s % 60, 2);
}

/** Cents as decimal text with two places: 1234 → "12.34", −5 → "-0.05". */
export function centsText(cents: number): string {
  const a = cents < 0 ? -cents : cents;
  const r = a % 100;
  return `${cents < 0 ? '-' : ''}${(a - r) / 100}.${r < 10 ? '0' : ''}${r}`;
}
