/**
 * The predict-whole benchmark's other side, run as its own process: `cvm predict LOG`'s job written
 * in plain DuckDB SQL plus cvm's model functions. The summary comes from the file in one query
 * (summary-floor-sql.ts, weeks, calibration end = the log's last day), read into typed arrays; then
 * BG/NBD + Gamma-Gamma are fitted and every customer scored with `predictCustomers` (52 weeks, 10% a
 * year, margin 1: cvm predict's defaults), and the rows written as CSV in cvm predict's columns
 * (without its intervals: the benchmark runs cvm with --no-intervals). Prints its own stage times
 * to stderr as one JSON line.
 *
 *   node predict-plain.mjs --reader synthetic-csv|synthetic-parquet|cdnow --file F [--memory-limit 512MB] > out.csv
 */
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDuckDbEngine } from '../src/engine/duckdb/duckdb-engine.js';
import { predictCustomers } from '../src/scores/predict.js';
import { csvLine } from '../src/report/csv.js';
import { DATABASE_SCORE_COLUMNS } from '../src/scores/database-scores-sql.js';
import { cdnowReader, floorSummarySql, syntheticReader } from './summary-floor-sql.js';

/** Columns written, as `cvm predict --no-intervals` writes them (those of a scores table). */
export const PREDICT_COLUMNS = DATABASE_SCORE_COLUMNS;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { reader: { type: 'string' }, file: { type: 'string' }, 'memory-limit': { type: 'string' } } });
  const file = values.file!;
  const reader =
    values.reader === 'cdnow'
      ? cdnowReader(file)
      : values.reader === 'synthetic-parquet'
        ? syntheticReader('Parquet', file)
        : syntheticReader('CSV', file);
  const stages: Record<string, { wall: number; cpu: number }> = {};
  const stage = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now(),
      c0 = process.cpuUsage();
    const v = await fn();
    const c = process.cpuUsage(c0);
    stages[name] = { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
    return v;
  };
  const s = await stage('summary SQL to typed arrays', async () => {
    const engine = createDuckDbEngine({ memoryLimit: values['memory-limit'] ?? '512MB' });
    try {
      const kinds = { customer_id: 'string', frequency: 'f64', recency: 'f64', T: 'f64', monetary_value: 'f64' } as const;
      return await engine.columns(floorSummarySql(reader, true), kinds);
    } finally {
      await engine.close();
    }
  });
  const ids = s.strings.customer_id!;
  const x = s.f64.frequency!,
    tx = s.f64.recency!,
    T = s.f64.T!,
    mx = s.f64.monetary_value!;
  const p = await stage('fit BG/NBD + Gamma-Gamma, score', () =>
    predictCustomers(
      { x, tx, T, mx, customerId: ids },
      { model: 'bg-nbd', spendModel: 'gamma-gamma', horizon: 52, period: 'week', annualDiscountRate: 0.1, margin: 1 },
    ),
  );
  await stage('write CSV', async () => {
    const out = createWriteStream('', { fd: 1 });
    let chunk = csvLine(PREDICT_COLUMNS);
    for (let i = 0; i < ids.length; i++) {
      chunk += csvLine([ids[i]!, p.pAlive[i]!, p.expectedPurchases[i]!, p.expectedSpend[i]!, p.clv[i]!, x[i]!, tx[i]!, T[i]!, mx[i]!]);
      if (chunk.length > 1 << 20 || i === ids.length - 1) {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        chunk = '';
      }
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  });
  process.stderr.write(`${JSON.stringify({ customers: ids.length, stages })}\n`);
}

await main();
