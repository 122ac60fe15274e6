import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file under the repository's `data/` folder. */
export function dataPath(relative: string): string {
  return fileURLToPath(new URL(`../../../../data/${relative}`, import.meta.url));
}

/**
 * Tiny CSV reader for tests: a header row, comma-separated numeric cells (no quoting), into one
 * Float64Array per column keyed by header name. Non-numeric cells become NaN.
 */
export function readNumericCsv(path: string): Record<string, Float64Array> {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = lines[0].split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const cols = header.map(() => new Float64Array(lines.length - 1));
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    for (let c = 0; c < header.length; c++) cols[c][i - 1] = Number(cells[c]);
  }
  const out: Record<string, Float64Array> = {};
  header.forEach((h, c) => {
    out[h] = cols[c];
  });
  return out;
}

/** Read a JSON fixture from `test/fixtures/`. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8')) as T;
}
