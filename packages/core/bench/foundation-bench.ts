/**
 * The foundation benchmarks (group `foundation`): ingestion of the synthetic log (CSV and Parquet,
 * each into a fresh persistent workspace), the per-customer summary into typed arrays, and the
 * summary's speed against a naive JS aggregation of row objects, measured side by side on the
 * same workspace. Time targets are for 10M rows / 1M customers on 2 cores; at other sizes they are
 * printed as a note only (fixed costs dominate small logs). The RSS target holds at every size.
 */
import { renameSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../src/engine/engine.js';
import { openWorkspace } from '../src/workspace.js';
import { sqlString } from '../src/engine/sql.js';
import { ingestFile, type IngestReport } from '../src/transactions/ingest.js';
import { summarize, type CustomerSummary } from '../src/summary/summary.js';
import { summarySql } from '../src/summary/summary-sql.js';
import { parseCount, registerBench, type BenchContext } from './registry.js';
import { syntheticLogFiles } from './datasets.js';
import { naiveSummary, type NaiveSummary } from './naive-summary.js';

const BASE_ROWS = 10_000_000;
const RSS_TARGET_MB = 2048;
const CSV_WORKSPACE = 'ws-csv';

const n = (x: number): string => x.toLocaleString('en-US');
const secs = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
/** A target in seconds, which holds for 10M rows only: other sizes print it as a note, not a verdict. */
function scaled(ctx: BenchContext, seconds: number): { target?: { max: number }; note: string } {
  return ctx.rows === BASE_ROWS ? { target: { max: seconds }, note: '' } : { note: ` (target ${seconds} s applies at 10M rows)` };
}

/**
 * Opens a workspace like the CLI does; `--memory-limit 2GB|none` (bench option) overrides the
 * workspace's DuckDB memory_limit (default 1GB or CVM_MEMORY_LIMIT; `none` = DuckDB's 80% of RAM),
 * to try how a cap trades time for peak RSS.
 */
async function open(ctx: BenchContext, dir: string, mustExist = false): Promise<Engine> {
  const limit = ctx.extra['memory-limit'];
  const engine = await openWorkspace({ dir, mustExist, ...(limit === undefined ? {} : { memoryLimit: limit }) });
  await engine.rows('SELECT 1');
  return engine;
}

async function ingestInto(ctx: BenchContext, dir: string, file: string): Promise<{ engine: Engine; report: IngestReport }> {
  const engine = await open(ctx, dir);
  const report = await ingestFile(engine, file);
  return { engine, report };
}

/**
 * The floor for a format on this machine: the same file loaded by one typed INSERT … SELECT from
 * DuckDB's reader into the workspace's `transactions` table (no validation, no quarantine, no
 * duplicate check, no line numbers), then closed. Ours / floor is the price of cvm's checks.
 */
function floorSql(label: 'CSV' | 'Parquet', file: string): string {
  const reader =
    label === 'CSV'
      ? `read_csv(${sqlString(file)}, header = true, auto_detect = false, columns = {'order_id': 'VARCHAR', 'date': 'TIMESTAMP', 'customer_id': 'VARCHAR', 'amount': 'DOUBLE', 'product_id': 'VARCHAR', 'channel': 'VARCHAR'})`
      : `read_parquet(${sqlString(file)})`;
  return `INSERT INTO transactions SELECT 1, 0, CAST(customer_id AS VARCHAR), date, CAST(date AS DATE), amount, NULL, NULL,
    CAST(order_id AS VARCHAR), product_id, channel, NULL, amount < 0, NULL FROM ${reader}`;
}

async function timeIngest(ctx: BenchContext, label: 'CSV' | 'Parquet', file: string, target: number): Promise<void> {
  const times: number[] = [],
    floors: number[] = [];
  let peak = 0;
  let stages = '';
  for (let rep = 0; rep < ctx.repeat; rep++) {
    const dir = join(ctx.runDir, `ws-${label.toLowerCase()}-${rep}`);
    rmSync(dir, { recursive: true, force: true });
    const engine = await open(ctx, dir);
    const marks: [string, number][] = [];
    const t = await ctx.time(async () => {
      const report = await ingestFile(engine, file, { onProgress: (s) => marks.push([s, performance.now()]) });
      marks.push(['close (checkpoint)', performance.now()]);
      await engine.close();
      return report;
    });
    const end = performance.now();
    const r = t.value;
    if (r.rowsAccepted !== ctx.rows || r.rowsQuarantined !== 0) {
      throw new Error(
        `ingest ${label}: expected ${n(ctx.rows)} accepted rows and none quarantined; got ${n(r.rowsAccepted)} and ${n(r.rowsQuarantined)}`,
      );
    }
    times.push(t.seconds);
    peak = Math.max(peak, t.peakRssMb);
    if (t.seconds <= Math.min(...times))
      stages = marks.map(([s, at], i) => `${s} ${(((marks[i + 1]?.[1] ?? end) - at) / 1000).toFixed(2)}`).join(', ');
    if (label === 'CSV' && rep === ctx.repeat - 1) {
      rmSync(join(ctx.runDir, CSV_WORKSPACE), { recursive: true, force: true });
      renameSync(dir, join(ctx.runDir, CSV_WORKSPACE));
    } else {
      rmSync(dir, { recursive: true, force: true });
    }
    const floorDir = join(ctx.runDir, `ws-floor-${rep}`);
    rmSync(floorDir, { recursive: true, force: true });
    const floorEngine = await open(ctx, floorDir);
    const f = await ctx.time(async () => {
      await floorEngine.exec(floorSql(label, file));
      await floorEngine.close();
    });
    floors.push(f.seconds);
    rmSync(floorDir, { recursive: true, force: true });
  }
  const best = Math.min(...times);
  const floor = Math.min(...floors);
  const s = scaled(ctx, target);
  ctx.record({
    name: `ingest ${label}, ${n(ctx.rows)} rows (until closed)`,
    value: best,
    unit: 's',
    ...(s.target ? { target: s.target } : {}),
    note: `best of ${times.length} (${secs(times)}); ${n(Math.round(ctx.rows / best))} rows/s${s.note}`,
  });
  ctx.record({ name: `  stages of the best ${label} run`, value: best, unit: 's', note: stages });
  ctx.record({
    name: `  floor: one typed INSERT from the ${label} + close`,
    value: floor,
    unit: 's',
    note: `best of ${floors.length} (${secs(floors)}), alternating with ingestFile; no checks at all`,
  });
  ctx.record({
    name: `  ingestFile / floor`,
    value: best / floor,
    unit: '×',
    note: 'the price of validation, quarantine, duplicate check and line numbers',
  });
  ctx.record({ name: `  peak RSS sampled during ${label} ingest`, value: peak, unit: 'MB' });
}

registerBench({
  name: 'ingest',
  group: 'foundation',
  description: 'ingest the synthetic log, CSV and Parquet, each into a fresh persistent workspace',
  rssTargetMb: RSS_TARGET_MB,
  async run(ctx) {
    const { csv, parquet } = syntheticLogFiles(ctx);
    const probe = await open(ctx, join(ctx.runDir, 'ws-settings'));
    const [{ m: limit }] = (await probe.rows<{ m: string }>(`SELECT current_setting('memory_limit') AS m`)) as [{ m: string }];
    await probe.close();
    rmSync(join(ctx.runDir, 'ws-settings'), { recursive: true, force: true });
    ctx.log(
      `data: ${csv} (+ .parquet); DuckDB memory_limit ${limit}${ctx.extra['memory-limit'] ? ` (--memory-limit ${ctx.extra['memory-limit']})` : ' (default)'}`,
    );
    await timeIngest(ctx, 'CSV', csv, 6);
    await timeIngest(ctx, 'Parquet', parquet, 3);
  },
});

/** The CSV workspace of this run's `ingest` benchmark, or a new one ingested now (untimed). */
async function csvWorkspace(ctx: BenchContext): Promise<string> {
  const dir = join(ctx.runDir, CSV_WORKSPACE);
  if (existsSync(join(dir, 'cvm.duckdb'))) return dir;
  const { csv } = syntheticLogFiles(ctx);
  ctx.log(`no workspace from the ingest benchmark in this run; ingesting ${csv} (untimed)`);
  const { engine } = await ingestInto(ctx, dir, csv);
  await engine.close();
  return dir;
}

registerBench({
  name: 'summary',
  group: 'foundation',
  description: 'per-customer summary (SQL in DuckDB, read chunk-wise into typed arrays) from a persistent workspace',
  after: ['ingest'],
  rssTargetMb: RSS_TARGET_MB,
  async run(ctx) {
    const dir = await csvWorkspace(ctx);
    const times: number[] = [];
    const sqlOnly: number[] = [];
    let peak = 0;
    for (let rep = 0; rep < ctx.repeat + 1; rep++) {
      const engine = await open(ctx, dir, true);
      const t = await ctx.time(() => summarize(engine));
      if (t.value.length !== ctx.customers) throw new Error(`summary: expected ${n(ctx.customers)} customers, got ${n(t.value.length)}`);
      times.push(t.seconds);
      peak = Math.max(peak, t.peakRssMb);
      const calibrationEnd = t.value.calibrationEnd;
      const q = await ctx.time(() =>
        engine.rows(`SELECT count(*) AS n FROM (${summarySql(engine.dialect, { calibrationEnd, daysPerPeriod: 7 })})`),
      );
      sqlOnly.push(q.seconds);
      await engine.close();
    }
    const best = Math.min(...times);
    const s = scaled(ctx, 3);
    ctx.record({
      name: `summary to typed arrays, ${n(ctx.customers)} customers`,
      value: best,
      unit: 's',
      ...(s.target ? { target: s.target } : {}),
      note: `best of ${times.length}, fresh engine each (${secs(times)}; first run ${times[0]!.toFixed(2)} s)${s.note}`,
    });
    ctx.record({
      name: '  of which the SQL alone (count(*) over it)',
      value: Math.min(...sqlOnly),
      unit: 's',
      note: `best of ${sqlOnly.length} (${secs(sqlOnly)}), same engine right after`,
    });
    ctx.record({ name: '  peak RSS sampled during summary', value: peak, unit: 'MB' });
  },
});

registerBench({
  name: 'summary-naive',
  group: 'foundation',
  description: 'summary vs a naive JS aggregation of row objects, side by side on the same workspace (--naive-rows, default min(rows, 1M))',
  after: ['ingest', 'summary'],
  async run(ctx) {
    const rows = Math.min(ctx.rows, parseCount(ctx.extra['naive-rows'] ?? '1M', 'naive-rows'));
    const customers = Math.max(1, Math.round((rows * ctx.customers) / ctx.rows));
    let dir: string;
    if (rows === ctx.rows) {
      dir = await csvWorkspace(ctx);
    } else {
      const { csv } = syntheticLogFiles({ rows, customers, seed: ctx.seed });
      ctx.log(
        `naive comparison on a ${n(rows)}-row / ${n(customers)}-customer log (same generator and seed; the naive path needs GBs at 10M rows): ingesting ${csv} (untimed)`,
      );
      dir = join(ctx.runDir, 'ws-naive');
      rmSync(dir, { recursive: true, force: true });
      await (await ingestInto(ctx, dir, csv)).engine.close();
    }
    const engine = await open(ctx, dir, true);
    const ours: number[] = [],
      naive: number[] = [];
    let naivePeak = 0,
      oursPeak = 0;
    let last: { ours: CustomerSummary; naive: NaiveSummary } | null = null;
    await summarize(engine); // warm DuckDB's buffer pool for both paths
    for (let rep = 0; rep < Math.max(ctx.repeat, 2); rep++) {
      const a = await ctx.time(() => summarize(engine));
      const b = await ctx.time(() => naiveSummary(engine));
      ours.push(a.seconds);
      naive.push(b.seconds);
      oursPeak = Math.max(oursPeak, a.peakRssMb);
      naivePeak = Math.max(naivePeak, b.peakRssMb);
      last = { ours: a.value, naive: b.value };
    }
    await engine.close();
    const mismatch = compare(last!.ours, last!.naive);
    if (mismatch) throw new Error(`the naive and SQL summaries disagree: ${mismatch}`);
    const on = `${n(rows)} rows / ${n(customers)} customers`;
    ctx.record({ name: `summary (ours), ${on}`, value: Math.min(...ours), unit: 's', note: `best of ${ours.length} (${secs(ours)})` });
    ctx.record({
      name: `naive rows() + JS Map, ${on}`,
      value: Math.min(...naive),
      unit: 's',
      note: `best of ${naive.length} (${secs(naive)}); results agree on all ${n(last!.ours.length)} customers`,
    });
    ctx.record({
      name: 'speed-up of ours over naive (time ratio)',
      value: Math.min(...naive) / Math.min(...ours),
      unit: '×',
      note: `same workspace, alternating runs; RSS peak ours ${oursPeak.toFixed(0)} MB, naive ${naivePeak.toFixed(0)} MB`,
    });
  },
});

/** First difference between the two summaries, or null (counts exact, money and weeks to 1e-9 relative). */
function compare(a: CustomerSummary, b: NaiveSummary): string | null {
  if (a.length !== b.customerId.length) return `${a.length} vs ${b.customerId.length} customers`;
  const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  const pairs: [string, Float64Array, number[]][] = [
    ['frequency', a.frequency, b.frequency],
    ['recency', a.recency, b.recency],
    ['T', a.T, b.T],
    ['monetary_value', a.monetaryValue, b.monetaryValue],
    ['transactions', a.transactions, b.transactions],
    ['total_revenue', a.totalRevenue, b.totalRevenue],
    ['returns', a.returns, b.returns],
    ['returns_value', a.returnsValue, b.returnsValue],
    ['net_revenue', a.netRevenue, b.netRevenue],
  ];
  for (let i = 0; i < a.length; i++) {
    if (a.customerId[i] !== b.customerId[i]) return `row ${i}: customer ${a.customerId[i]} vs ${b.customerId[i]}`;
    for (const [name, x, y] of pairs) if (!close(x[i]!, y[i]!)) return `customer ${a.customerId[i]} ${name}: ${x[i]} vs ${y[i]}`;
  }
  return null;
}
