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
  return files;
}
