// Determinism (issue 18): the same log gives byte-identical reports run after run while DuckDB
// aggregates in parallel, and the CSV and Parquet copies of one log give the same reports.
//
// The log is big enough to be read and aggregated in parallel (250,000 rows: two DuckDB row groups
// of 122,880 rows and more, read by 4 threads), so a float sum whose order depends on which
// thread adds which rows would differ between runs in its last digits. Numbers are compared as
// JSON text (shortest round-trip digits, so equal text means equal doubles) and the per-customer
// columns as SHA-256 hashes of their bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { sqlString } from '../../src/engine/sql.js';
import { ensureWorkspace, ingestFile } from '../../src/transactions/ingest.js';
import { Analysis } from '../../src/analysis/analysis.js';
import { buildMainReport } from '../../src/analysis/main-report.js';
import { cohortReport } from '../../src/cohorts/cohorts.js';
import { parseCostModel } from '../../src/profitability/cost-model.js';
import { generateSyntheticLog } from '../../bench/synthetic-log.js';
import { dataPath } from '../helpers/read-csv.js';
import { tempDir } from '../helpers/temp-dir.js';

const THREADS = 4;
const dir = tempDir('cvm-determinism-');
const csv = join(dir, 'log.csv');
const parquet = join(dir, 'log.parquet');
// the CDNOW example cost model, its period moved onto the synthetic log's three years
const costModel = parseCostModel(
  readFileSync(dataPath('cdnow/cost-model.example.yaml'), 'utf8').replace(
    'period: { start: "1997-01-01", end: "1998-06-30" }',
    'period: { start: "2021-01-01", end: "2023-12-31" }',
  ),
);

/** sha256 of a per-customer column (typed array bytes, or JSON for anything else). */
function digest(v: unknown): string {
  const h = createHash('sha256');
  if (ArrayBuffer.isView(v)) h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  else h.update(JSON.stringify(v));
  return h.digest('hex');
}

/** Everything the report commands print, from one fresh engine with `THREADS` threads; `computedAt` stamps removed. */
async function reports(file: string): Promise<Record<string, string>> {
  const engine = createDuckDbEngine({ threads: THREADS });
  try {
    await ensureWorkspace(engine);
    await ingestFile(engine, file, { mapping: { order: 'order_id', customer: 'customer_id', date: 'date', amount: 'amount' } });
    const a = new Analysis(engine, { costModel, validateAt: '2022-06-30' });
    const main = await buildMainReport(a);
    const { summary } = await a.overview();
    const scores = await a.scores();
    const cohorts = await cohortReport(engine, { by: 'month' });
    // when it was computed or ingested and how long a fit took are not results
    const noStamps = (key: string, value: unknown): unknown =>
      key === 'computedAt' || key === 'timeMs' || key === 'lastIngestAt' ? undefined : value;
    const { ingest, data, ...rest } = main;
    const out: Record<string, string> = {
      overview: JSON.stringify({ ...rest, models: undefined, segments: undefined, profitability: undefined }, noStamps),
      models: JSON.stringify(main.models, noStamps),
      segments: JSON.stringify(main.segments, noStamps),
      profitability: JSON.stringify(main.profitability, noStamps),
      cohorts: JSON.stringify(cohorts, noStamps),
      ingest: JSON.stringify([ingest, data], noStamps),
    };
    for (const [name, column] of Object.entries(summary))
      if (ArrayBuffer.isView(column) || Array.isArray(column)) out[`summary.${name}`] = digest(column);
    for (const [name, column] of Object.entries(scores ?? {}))
      if (ArrayBuffer.isView(column) || Array.isArray(column)) out[`scores.${name}`] = digest(column);
    return out;
  } finally {
    await engine.close();
  }
}

/** Lists the keys whose text differs, with the first differing position, so a failure says where. */
function differences(a: Record<string, string>, b: Record<string, string>, skip: string[] = []): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !skip.includes(k));
  return keys.flatMap((k) => {
    const x = a[k] ?? '(missing)';
    const y = b[k] ?? '(missing)';
    if (x === y) return [];
    let i = 0;
    while (x[i] === y[i]) i++;
    return [`${k} at ${i}: ${x.slice(Math.max(0, i - 40), i + 40)}  ≠  ${y.slice(Math.max(0, i - 40), i + 40)}`];
  });
}

let first: Record<string, string>;

test('determinism: a report run twice on the same log, DuckDB in parallel, is byte-identical', { timeout: 180_000 }, async () => {
  await generateSyntheticLog(csv, { rows: 250_000, customers: 16_000, seed: 18 });
  first = await reports(csv);
  assert.ok(Object.keys(first).length > 10, 'summary and score columns were hashed');
  assert.notEqual(first.models, 'null', 'the models ran');
  assert.notEqual(first.profitability, 'null', 'the profitability section ran');
  const second = await reports(csv);
  assert.deepEqual(differences(first, second), [], 'two runs on the same CSV log differ');
});

test('determinism: the Parquet copy of the log gives the same reports as the CSV', { timeout: 180_000 }, async () => {
  assert.ok(first, 'the CSV run above succeeded');
  // the Parquet file typed as a warehouse export would type it (as bench/datasets.ts writes it)
  const engine = createDuckDbEngine({ threads: THREADS });
  try {
    const columns = `{'order_id': 'BIGINT', 'date': 'TIMESTAMP', 'customer_id': 'BIGINT', 'amount': 'DOUBLE', 'product_id': 'VARCHAR', 'channel': 'VARCHAR'}`;
    await engine.exec(
      `COPY (SELECT * FROM read_csv(${sqlString(csv)}, header = true, auto_detect = false, columns = ${columns})) TO ${sqlString(parquet)} (FORMAT parquet)`,
    );
  } finally {
    await engine.close();
  }
  const fromParquet = await reports(parquet);
  // the ingest report names the file and its format, so it differs by design
  assert.deepEqual(differences(first, fromParquet, ['ingest']), [], 'CSV and Parquet copies of the log give different reports');
});
