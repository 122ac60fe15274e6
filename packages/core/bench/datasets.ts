/**
 * Cached synthetic data for benchmarks: `bench-data/` at the repository root (gitignored), one
 * file per parameter set and seed (see `syntheticLogKey`). CSV files are written by the generator;
 * Parquet files are converted from the CSV by DuckDB (`COPY … TO … (FORMAT parquet)`) through the
 * engine. A file is generated only when missing, and always via a temporary name, so an interrupted
 * run never leaves a truncated file under the final name.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createDuckDbEngine } from '../src/engine/duckdb/duckdb-engine.js';
import { sqlString } from '../src/engine/sql.js';
import { generateSyntheticLog, resolveSyntheticParams, syntheticLogKey, type SyntheticLogParams } from './synthetic-log.js';

/** Where cached benchmark data lives (override with CVM_BENCH_DATA). */
export const BENCH_DATA_DIR = process.env.CVM_BENCH_DATA ?? new URL('../../../bench-data/', import.meta.url).pathname;

export type LogParams = Partial<SyntheticLogParams> & Pick<SyntheticLogParams, 'rows' | 'customers'>;

/** Path of the cached CSV log for these parameters, generating it first when missing. */
export async function syntheticCsv(params: LogParams, log: (message: string) => void = () => {}): Promise<string> {
  const p = resolveSyntheticParams(params);
  const path = join(BENCH_DATA_DIR, `synthetic-${syntheticLogKey(p)}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  log(`generating ${p.rows.toLocaleString('en-US')} rows / ${p.customers.toLocaleString('en-US')} customers (seed ${p.seed}) → ${path}`);
  const r = await generateSyntheticLog(path, p);
  log(`generated ${(r.bytes / 1e6).toFixed(0)} MB in ${r.seconds.toFixed(1)} s (${r.returns.toLocaleString('en-US')} returns)`);
  return path;
}

/**
 * Path of the cached Parquet log for these parameters: the CSV read with explicit column types
 * (ids and timestamps typed as a warehouse export would have them) and written by DuckDB.
 */
export async function syntheticParquet(params: LogParams, log: (message: string) => void = () => {}): Promise<string> {
  const csv = await syntheticCsv(params, log);
  const path = csv.replace(/\.csv$/, '.parquet');
  if (existsSync(path)) return path;
  const p = resolveSyntheticParams(params);
  const columns = [`'order_id': 'BIGINT'`, `'date': 'TIMESTAMP'`, `'customer_id': 'BIGINT'`, `'amount': 'DOUBLE'`];
  if (p.products > 0) columns.push(`'product_id': 'VARCHAR'`);
  if (p.channels) columns.push(`'channel': 'VARCHAR'`);
  const partial = `${path}.${process.pid}.partial`;
  rmSync(partial, { force: true });
  log(`converting to Parquet → ${path}`);
  const started = performance.now();
  const engine = createDuckDbEngine();
  try {
    await engine.exec(`COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, auto_detect = false, columns = {${columns.join(', ')}}))
      TO ${sqlString(partial)} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    await engine.close();
  }
  renameSync(partial, path);
  log(`converted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return path;
}

/**
 * Paths of the cached CSV and Parquet logs (default generator parameters), generating missing files in a separate process so that
 * the generator's memory never counts towards a benchmark's peak RSS.
 * @throws Error when the generator process fails.
 */
export function syntheticLogFiles(params: Pick<SyntheticLogParams, 'rows' | 'customers' | 'seed'>): { csv: string; parquet: string } {
  const p = resolveSyntheticParams({ rows: params.rows, customers: params.customers, seed: params.seed });
  const csv = join(BENCH_DATA_DIR, `synthetic-${syntheticLogKey(p)}.csv`);
  const parquet = csv.replace(/\.csv$/, '.parquet');
  if (!existsSync(csv) || !existsSync(parquet)) {
    const cli = new URL('./synthetic-log-cli.ts', import.meta.url).pathname;
    const args = [
      '--import',
      'tsx',
      cli,
      '--rows',
      String(p.rows),
      '--customers',
      String(p.customers),
      '--seed',
      String(p.seed),
      '--parquet',
    ];
    const r = spawnSync(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CVM_BENCH_DATA: BENCH_DATA_DIR },
    });
    if (r.status !== 0) throw new Error(`generating the synthetic log failed (exit ${r.status ?? r.signal})`);
  }
  return { csv, parquet };
}
