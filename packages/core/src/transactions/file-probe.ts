import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InputError } from '../errors.js';
import type { FileFormat } from './ingest-sql.js';

export interface FileProbe {
  path: string;
  fileName: string;
  bytes: number;
  format: FileFormat;
}

/**
 * Checks that a file exists, is not empty and is not binary junk, and decides its format from the
 * magic bytes and extension (`PAR1` → Parquet; `.ndjson`/`.jsonl`/`.json` or a first `{` → NDJSON;
 * otherwise CSV, gzip allowed).
 * @throws InputError `file_not_found`, `not_a_file`, `empty_file`, `binary_file`.
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
  if (head.subarray(0, 4).toString('latin1') === 'PAR1') return { path, fileName, bytes: info.size, format: 'parquet' };
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  if (!gz) {
    const nul = head.indexOf(0);
    if (nul >= 0) {
      throw new InputError('binary_file', `${fileName} looks binary (a NUL byte at offset ${nul}); cvm reads CSV, Parquet and NDJSON transaction logs`, { path, offset: nul });
    }
    if (head.toString('utf8').trim() === '') throw new InputError('empty_file', `The file holds only whitespace: ${path}`, { path });
  }
  const firstChar = gz ? '' : head.toString('utf8').trimStart()[0];
  const bare = ext === '.gz' ? extname(path.slice(0, -3)).toLowerCase() : ext;
  const format: FileFormat = ['.ndjson', '.jsonl', '.json'].includes(bare) || firstChar === '{' ? 'ndjson' : 'csv';
  return { path, fileName, bytes: info.size, format };
}

/** SHA-256 of a file's bytes, streamed (constant memory). */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 20 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
