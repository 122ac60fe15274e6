import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';

/** Text encodings cvm recognises from a file's first bytes. UTF-8 is read as is; UTF-16 is converted. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export interface EncodingGuess {
  encoding: TextEncoding;
  /** How it was recognised: a byte-order mark, or the zero bytes of ASCII text in UTF-16. */
  by: 'bom' | 'zero-bytes' | 'default';
}

/**
 * The encoding of a text file from its first bytes: a byte-order mark (UTF-32 before UTF-16, since
 * the UTF-32LE mark starts with the UTF-16LE one), else UTF-16 without a mark when, as in ASCII text
 * written in UTF-16, nearly every other byte is zero (≥ 90% of the odd or even bytes, < 10% of the
 * others); else UTF-8.
 * @example
 * guessEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00])); // → { encoding: 'utf-16le', by: 'bom' }
 */
export function guessEncoding(head: Buffer): EncodingGuess {
  const b = head;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', by: 'bom' };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', by: 'bom' };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', by: 'bom' };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', by: 'bom' };
  const pairs = Math.floor(b.length / 2);
  if (pairs >= 4) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < pairs * 2; i += 2) {
      if (b[i] === 0) evenZero++;
      if (b[i + 1] === 0) oddZero++;
    }
    if (oddZero >= 0.9 * pairs && evenZero < 0.1 * pairs) return { encoding: 'utf-16le', by: 'zero-bytes' };
    if (evenZero >= 0.9 * pairs && oddZero < 0.1 * pairs) return { encoding: 'utf-16be', by: 'zero-bytes' };
  }
  return { encoding: 'utf-8', by: 'default' };
}

/**
 * Streams a UTF-16 file into a UTF-8 file (constant memory; a byte-order mark is dropped), so that
 * DuckDB's reader, which reads UTF-8, sees the same text. Line numbers do not change.
 * @example
 * await convertToUtf8('log-utf16.csv', 'utf-16le', '/tmp/x/log.csv');
 */
export async function convertToUtf8(path: string, encoding: 'utf-16le' | 'utf-16be', dest: string): Promise<void> {
  const decoder = new TextDecoder(encoding); // drops a leading BOM; keeps a split character across chunks
  const decode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), 'utf8'));
    },
  });
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), decode, createWriteStream(dest));
}
