import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { CvmError, InputError } from '@cvm/core';

/** An upload written to disk: its own folder (deleted when the upload is rejected), the stored path, the client's name and the form's text fields. */
export interface ReceivedUpload {
  dir: string;
  path: string;
  originalName: string;
  bytes: number;
  fields: Record<string, string>;
}

export interface ReceiveOptions {
  uploadDir: string;
  maxBytes: number;
  /** File name endings accepted (lower case, longest first). */
  extensions: readonly string[];
  /** The error to throw when the file passes `maxBytes`. */
  tooLarge: () => Error;
}

/**
 * The client's file name made safe to store: its last path segment, characters outside letters,
 * digits, `.`, `-`, `_` and space replaced by `_`, no leading dot, at most 120 characters (the ending kept).
 * @example
 * safeFileName('../../etc/shop orders.csv', '.csv'); // → 'shop orders.csv'
 */
export function safeFileName(name: string, ext: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  let safe = last.replace(/[^\p{L}\p{N}._\- ]/gu, '_').replace(/^[.\s]+/, '');
  if (safe.length > 120) safe = safe.slice(0, 120 - ext.length) + ext;
  return safe.toLowerCase().endsWith(ext) && safe.length > ext.length ? safe : `upload${ext}`;
}

/**
 * Reads a multipart/form-data request as a stream (busboy): the `file` part goes straight to disk
 * in a fresh folder under `uploadDir`, under the client's own (sanitised) name, so a large upload
 * never sits whole in memory. Anything wrong removes the folder before throwing.
 * @throws InputError `bad_upload` (not multipart, no file), `bad_upload_type`; `tooLarge()` past the limit
 */
export async function receiveUpload(req: Request, o: ReceiveOptions): Promise<ReceivedUpload> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type) || !req.body)
    throw new InputError('bad_upload', 'The upload must be multipart/form-data with a "file" field', {});
  const dir = join(o.uploadDir, randomUUID());
  mkdirSync(dir, { recursive: true });
  const fields: Record<string, string> = {};
  let file: { path: string; originalName: string; done: Promise<void> } | undefined;
  let failure: Error | undefined;
  let bytes = 0;
  try {
    const bb = busboy({ headers: { 'content-type': type }, limits: { files: 1, fields: 32, fieldSize: 4096, fileSize: o.maxBytes } });
    bb.on('field', (name, value) => {
      fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      const filename = info.filename ?? '';
      const lower = filename.toLowerCase();
      const ext = o.extensions.find((e) => lower.endsWith(e));
      if (name !== 'file' || file || failure) return void stream.resume();
      if (!ext) {
        failure = new InputError('bad_upload_type', `Upload a log ending in ${o.extensions.join(', ')}; got "${filename}"`, {
          name: filename,
        });
        return void stream.resume();
      }
      const path = join(dir, safeFileName(filename, ext));
      const out = createWriteStream(path);
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      stream.on('limit', () => {
        failure ??= o.tooLarge();
        stream.unpipe(out);
        out.end();
        stream.resume();
      });
      stream.pipe(out);
      file = { path, originalName: filename, done: finished(out) };
    });
    await finished(Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>).pipe(bb));
    await file?.done;
    if (failure) throw failure;
    if (!file) throw new InputError('bad_upload', 'The upload has no "file" field with a file in it', {});
    return { dir, path: file.path, originalName: file.originalName, bytes, fields };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (error instanceof CvmError || error === failure) throw error;
    throw new InputError('bad_upload', 'The upload could not be read as multipart/form-data with a "file" field', {});
  }
}

/** An error with the server's upload path replaced by the client's file name (message and context), so no server path leaves the server. */
export function withoutServerPath<E>(error: E, upload: ReceivedUpload, uploadDir: string): E {
  if (!(error instanceof CvmError)) return error;
  const scrub = (s: string): string => s.replaceAll(upload.path, upload.originalName).replaceAll(upload.dir, '').replaceAll(uploadDir, '');
  error.message = scrub(error.message);
  const context = JSON.parse(scrub(JSON.stringify(error.context))) as Record<string, unknown>;
  for (const k of Object.keys(error.context)) delete error.context[k];
  Object.assign(error.context, context);
  return error;
}
