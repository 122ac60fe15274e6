import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { tempDir } from '../helpers/temp-dir.js';

export { tempDir };

/** Writes `content` to `name` in a new temp dir and returns the path. */
export function tempFile(name: string, content: string | Buffer, dir = tempDir()): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export function memoryEngine(): Engine {
  return createDuckDbEngine();
}

export async function count(engine: Engine, sql: string): Promise<number> {
  const [r] = await engine.rows<{ n: number }>(sql);
  return r!.n;
}
