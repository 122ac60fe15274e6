import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../errors.js';

/** DuckDB's buffer-pool cap when neither the option nor `CVM_MEMORY_LIMIT` sets one. */
export const DEFAULT_MEMORY_LIMIT = '1GB';

const SIZE = /^\s*\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/i;

/**
 * The DuckDB `memory_limit` to open with: the option, else env `CVM_MEMORY_LIMIT`, else 1 GB.
 * `none` (or `null` as the option) leaves DuckDB's own default (80% of RAM). Beyond the limit,
 * sorts, joins, aggregates and temp tables spill to the temp directory instead of growing RSS
 * (measured at 10M rows: ingest peak RSS 5.2 GB → ~1.4 GB; see bench/README.md).
 *
 * @throws InputError `bad_memory_limit` for a value that is not a size such as `512MB` or `2GB`.
 * @example
 * resolveMemoryLimit(undefined, {}); // → '1GB'
 * resolveMemoryLimit('none', {});    // → null
 */
export function resolveMemoryLimit(
  option: string | null | undefined,
  env: Record<string, string | undefined> = process.env,
): string | null {
  const value = option === undefined ? env.CVM_MEMORY_LIMIT?.trim() || DEFAULT_MEMORY_LIMIT : option;
  if (value === null || value.trim().toLowerCase() === 'none') return null;
  if (!SIZE.test(value)) {
    const from = option === undefined ? 'CVM_MEMORY_LIMIT' : 'memoryLimit';
    throw new InputError(
      'bad_memory_limit',
      `${from} must be a size such as 512MB or 2GB, or none for DuckDB's default (80% of RAM); got "${value}"`,
      { value },
    );
  }
  return value.trim();
}

let counter = 0;

/**
 * A temp directory for an in-memory database: a fresh path under the OS temp directory (DuckDB
 * creates it only when something spills). Without it DuckDB would use `.tmp` in the working
 * directory. Persistent databases keep DuckDB's default, `<database>.tmp` beside the file.
 */
export function memoryTempDirectory(): string {
  counter += 1;
  return join(tmpdir(), `cvm-duckdb-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`);
}
