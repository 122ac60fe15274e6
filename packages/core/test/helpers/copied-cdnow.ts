import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CDNOW_ELOG } from './cdnow-engines.js';
import { tempDir } from './temp-dir.js';

/**
 * CDNOW with every customer copied `k` times under new ids (`<id>_<copy>`): k× the customers, the same
 * (x, t_x, T) patterns and distinct x; copy c spends (1 + c/8)× as much, so k× the distinct (x, m̄ₓ).
 */
export function copiedCdnow(k: number): string {
  const [head, ...lines] = readFileSync(CDNOW_ELOG, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  const id = cols.findIndex((c) => c.replaceAll('"', '') === 'sampleid');
  const sales = cols.findIndex((c) => c.replaceAll('"', '') === 'sales');
  const out = [head!];
  for (let c = 0; c < k; c++)
    for (const line of lines) {
      const f = line.split(',');
      f[id] = `${f[id]!.replaceAll('"', '')}_${c}`;
      f[sales] = String(Number(f[sales]) * (1 + c / 8));
      out.push(f.join(','));
    }
  const file = join(tempDir('cvm-copied-'), `cdnow-x${k}.csv`);
  writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}
