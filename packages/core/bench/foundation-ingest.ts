// Helpers of the foundation benchmarks (foundation-bench.ts): opening and ingesting workspaces,
// timing an ingest against DuckDB's own floor, and the targets that hold at 10M rows.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../src/engine/engine.js';
import { openWorkspace } from '../src/workspace.js';
import { sqlString } from '../src/engine/sql.js';
import { ingestFile, type IngestReport } from '../src/transactions/ingest.js';
import type { BenchContext } from './registry.js';
import { syntheticLogFiles } from './datasets.js';

/** The size the time targets are set for (10M rows). */
export const BASE_ROWS = 10_000_000;
/** Peak RSS target of every foundation benchmark, MB (all sizes). */
export const RSS_TARGET_MB = 2048;
/** The ingest benchmark's CSV workspace, reused by the summary benchmarks of the same run. */
export const CSV_WORKSPACE = 'ws-csv';

/** A count with thousands separators. */
export const n = (x: number): string => x.toLocaleString('en-US');
/** Seconds of each run, 2 decimals. */
export const secs = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
/** A target in seconds, which holds for 10M rows only: other sizes print it as a note, not a verdict. */
export function scaled(ctx: BenchContext, seconds: number): { target?: { max: number }; note: string } {
  return ctx.rows === BASE_ROWS ? { target: { max: seconds }, note: '' } : { note: ` (target ${seconds} s applies at 10M rows)` };
}

/**
 * Opens a workspace like the CLI does; `--memory-limit 2GB|none` (bench option) overrides the
 * workspace's DuckDB memory_limit (default 1GB or CVM_MEMORY_LIMIT; `none` = DuckDB's 80% of RAM),
 * to try how a cap trades time for peak RSS.
 */
export async function open(ctx: BenchContext, dir: string, mustExist = false): Promise<Engine> {
  const limit = ctx.extra['memory-limit'];
  const engine = await openWorkspace({ dir, mustExist, ...(limit === undefined ? {} : { memoryLimit: limit }) });
  await engine.rows('SELECT 1');
  return engine;
}

/** A fresh workspace in `dir` with `file` ingested into it (the engine left open). */
export async function ingestInto(ctx: BenchContext, dir: string, file: string): Promise<{ engine: Engine; report: IngestReport }> {
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

/** Times `--repeat` ingests of `file` into fresh workspaces beside the floor (one plain INSERT … SELECT) and records both, with peak RSS and stages. */
export async function timeIngest(ctx: BenchContext, label: 'CSV' | 'Parquet', file: string, target: number): Promise<void> {
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

/** The CSV workspace of this run's `ingest` benchmark, or a new one ingested now (untimed). */
export async function csvWorkspace(ctx: BenchContext): Promise<string> {
  const dir = join(ctx.runDir, CSV_WORKSPACE);
  if (existsSync(join(dir, 'cvm.duckdb'))) return dir;
  const { csv } = syntheticLogFiles(ctx);
  ctx.log(`no workspace from the ingest benchmark in this run; ingesting ${csv} (untimed)`);
  const { engine } = await ingestInto(ctx, dir, csv);
  await engine.close();
  return dir;
}
