import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface StaticFile {
  body: Uint8Array;
  type: string;
  /** Brotli and gzip copies made by the dashboard's build (`NAME.br`, `NAME.gz` beside the file), when it made them. */
  br?: Uint8Array;
  gzip?: Uint8Array;
}

/**
 * The built dashboard, read once into memory: a map from URL path to file. Requests are looked up in
 * the map, so no request path ever reaches the file system (no traversal). Returns null when the
 * directory has no index.html (dashboard not built).
 */
export function loadStaticFiles(dir: string): Map<string, StaticFile> | null {
  try {
    statSync(join(dir, 'index.html'));
  } catch {
    return null;
  }
  const files = new Map<string, StaticFile>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else
        files.set('/' + relative(dir, p).split(sep).join('/'), {
          body: readFileSync(p),
          type: TYPES[extname(name)] ?? 'application/octet-stream',
        });
    }
  };
  walk(dir);
  for (const [path, file] of files) {
    file.br = files.get(`${path}.br`)?.body;
    file.gzip = files.get(`${path}.gz`)?.body;
  }
  return files;
}

/**
 * The body to send for `file` under the request's Accept-Encoding: Brotli when accepted and built,
 * else gzip, else the plain file. An encoding with q=0 counts as refused.
 *
 * @example
 * encodedBody(file, 'gzip, deflate, br'); // → { body: file.br, encoding: 'br' }
 */
export function encodedBody(file: StaticFile, acceptEncoding: string | undefined): { body: Uint8Array; encoding?: 'br' | 'gzip' } {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((x) => x.trim());
    const q = params.find((x) => x.startsWith('q='));
    if (name && !(q !== undefined && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (file.br && (accepted.has('br') || accepted.has('*'))) return { body: file.br, encoding: 'br' };
  if (file.gzip && (accepted.has('gzip') || accepted.has('*'))) return { body: file.gzip, encoding: 'gzip' };
  return { body: file.body };
}
