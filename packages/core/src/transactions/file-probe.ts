import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import { guessEncoding, type TextEncoding } from './file-encoding.js';
import type { FileFormat } from './ingest-sql.js';

export interface FileProbe {
  path: string;
  fileName: string;
  bytes: number;
  format: FileFormat;
  /** gzip-compressed (by its magic bytes, whatever the file name). */
  gzip: boolean;
  /** Text encoding: UTF-8, or UTF-16 (converted to UTF-8 before reading). */
  encoding: TextEncoding;
}

/**
 * Checks that a file exists, is not empty and is not binary junk, and decides its format from the
 * magic bytes and extension (`PAR1` → Parquet; `.ndjson`/`.jsonl`/`.json` or a first `{` → NDJSON;
 * otherwise CSV, gzip allowed) and its text encoding (UTF-8, or UTF-16 with or without a byte-order
 * mark, see `guessEncoding`).
 * @throws InputError `file_not_found`, `not_a_file`, `empty_file`, `binary_file`,
 *   `unsupported_encoding` (UTF-32: named, with the command that converts it).
 */
export async function probeFile(path: string): Promise<FileProbe> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError('file_not_found', `No such file: ${path}`, { path });
  }
  if (!info.isFile()) throw new InputError('not_a_file', `Not a regular file: ${path}`, { path });
  if (info.size === 0) throw new InputError('empty_file', `The file is empty (0 bytes): ${path}`, { path });
  const handle = await open(path, 'r');
  const head = Buffer.alloc(Math.min(info.size, 8192));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const fileName = basename(path);
  const ext = extname(path).toLowerCase();
  if (head.subarray(0, 4).toString('latin1') === 'PAR1')
    return { path, fileName, bytes: info.size, format: 'parquet', gzip: false, encoding: 'utf-8' };
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  const encoding = gz ? 'utf-8' : guessEncoding(head).encoding;
  if (encoding === 'utf-32le' || encoding === 'utf-32be') {
    throw new InputError(
      'unsupported_encoding',
      `${fileName} is a text file in ${encoding.toUpperCase()} (found by its byte-order mark), not binary; cvm reads UTF-8 and UTF-16: convert it, e.g. iconv -f UTF-32 -t UTF-8 ${fileName} > ${fileName.replace(/(\.\w+)?$/, '-utf8$1')}`,
      { path, encoding },
    );
  }
  const text = encoding === 'utf-8' ? head : Buffer.from(new TextDecoder(encoding).decode(head), 'utf8');
  if (!gz && encoding === 'utf-8') {
    const nul = head.indexOf(0);
    if (nul >= 0) {
      throw new InputError(
        'binary_file',
        `${fileName} looks binary (a NUL byte at offset ${nul}); cvm reads CSV, Parquet and NDJSON transaction logs`,
        { path, offset: nul },
      );
    }
  }
  if (
    !gz &&
    text
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim() === ''
  )
    throw new InputError('empty_file', `The file holds only whitespace: ${path}`, { path });
  const firstChar = gz
    ? ''
    : text
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimStart()[0];
  const bare = ext === '.gz' ? extname(path.slice(0, -3)).toLowerCase() : ext;
  const format: FileFormat = ['.ndjson', '.jsonl', '.json'].includes(bare) || firstChar === '{' ? 'ndjson' : 'csv';
  return { path, fileName, bytes: info.size, format, gzip: gz, encoding };
}

/**
 * SHA-256 of a file's bytes, streamed (constant memory). With `gzip`, the same pass also inflates
 * the whole stream and fails on a damaged or truncated file: DuckDB's gzip reader stops quietly at
 * a cut-off end and loads the rows before it, so a file cut at 3,000 of 10,961 bytes would load
 * 516 of 2,000 rows as a success.
 * @throws InputError `truncated_file` / `corrupt_file` naming the compressed and inflated byte
 *   counts at the failure; `unreadable_file` for a read error.
 */
export function sha256File(path: string, gzip = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const name = basename(path);
    let read = 0;
    let inflated = 0;
    let pending = gzip ? 2 : 1;
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      stream.destroy();
      gunzip?.destroy();
      reject(error);
    };
    const finish = (): void => {
      if (--pending === 0 && !failed) resolve(hash.digest('hex'));
    };
    const gunzip = gzip ? createGunzip() : null;
    gunzip?.on('data', (chunk: Buffer) => {
      inflated += chunk.length;
    });
    gunzip?.on('error', (error: Error & { code?: string }) => {
      const truncated = error.code === 'Z_BUF_ERROR' || /unexpected end/i.test(error.message);
      fail(
        new InputError(
          truncated ? 'truncated_file' : 'corrupt_file',
          truncated
            ? `${name} is a truncated gzip file: the compressed data ends unexpectedly after ${read.toLocaleString('en-US')} bytes (${inflated.toLocaleString('en-US')} bytes of text inflated); nothing was stored. Copy or download the file again`
            : `${name} is a damaged gzip file (${error.message}) after ${inflated.toLocaleString('en-US')} bytes of text; nothing was stored. Copy or download the file again`,
          { path, compressedBytes: read, inflatedBytes: inflated },
        ),
      );
    });
    gunzip?.on('end', finish);
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    stream
      .on('data', (chunk) => {
        read += chunk.length;
        hash.update(chunk);
        if (gunzip && !gunzip.write(chunk)) {
          stream.pause();
          gunzip.once('drain', () => stream.resume());
        }
      })
      .on('error', (error) => fail(new InputError('unreadable_file', `${name} could not be read: ${error.message}`, { path })))
      .on('end', () => {
        gunzip?.end();
        finish();
      });
  });
}
