/**
 * The ClickHouse benchmark (group `clickhouse`): the same synthetic log on DuckDB (a workspace file)
 * and on the local 2-shard ClickHouse cluster (scripts/clickhouse-cluster.sh; started for the run
 * unless CVM_BENCH_CLICKHOUSE gives a running one as clickhouse://HOST:PORT?cluster=…&shards=…), side
 * by side in one run: ingest (DuckDB validation + batched RowBinary inserts), the per-customer summary
 * into typed arrays, the (x, t_x, T) patterns a fit needs and the bytes each moves to Node, a BG/NBD
 * fit on the patterns, RFM + tiers + lifecycle, monthly cohorts; rows, disk and peak memory per shard.
 *
 *   npm run bench -- --only clickhouse [--rows 10M --customers 1M]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../src/workspace.js';
import { ingestFile } from '../src/transactions/ingest.js';
import { summarize } from '../src/summary/summary.js';
import { summarizePatterns } from '../src/summary/summary-patterns.js';
import { fitBgNbd } from '../src/models/bg-nbd/fit.js';
import { segmentAsOf } from '../src/segments/segment-as-of.js';
import { cohortReport } from '../src/cohorts/cohorts.js';
import type { Engine } from '../src/engine/engine.js';
import { createClickHouseEngine, type ClickHouseEngine } from '../src/engine/clickhouse/clickhouse-engine.js';
import { ingestFileToClickHouse, type ClickHouseIngestTimings } from '../src/engine/clickhouse/clickhouse-ingest.js';
import { dropClickHouseWorkspace, ensureClickHouseWorkspace } from '../src/engine/clickhouse/clickhouse-schema.js';
import { parseClickHouseUrl } from '../src/engine/clickhouse/clickhouse-url.js';
import { registerBench, type BenchContext } from './registry.js';
import { syntheticLogFiles } from './datasets.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const SCRIPT = join(ROOT, 'scripts/clickhouse-cluster.sh');
const n = (x: number): string => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const best = (xs: number[]): number => Math.min(...xs);
const list = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');

/** A running cluster (CVM_BENCH_CLICKHOUSE, or the local one, started here) and how to stop it. */
export function cluster(ctx: BenchContext): { url: string; stop: () => void; pids: number[] } {
  if (process.env.CVM_BENCH_CLICKHOUSE) return { url: process.env.CVM_BENCH_CLICKHOUSE, stop: () => {}, pids: [] };
  const up = spawnSync('bash', [SCRIPT, 'status']).status === 0;
  if (!up && spawnSync('bash', [SCRIPT, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0)
    throw new Error('could not start the local ClickHouse cluster (is clickhouse-server installed?)');
  const env = Object.fromEntries(
    spawnSync('bash', [SCRIPT, 'env'], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const dir = process.env.CVM_CLICKHOUSE_DIR ?? join(ROOT, '.cache/clickhouse-cluster');
  const pids = [1, 2].map((s) => Number(readFileSync(join(dir, `s${s}`, 'server.pid'), 'utf8')));
  ctx.log(`cluster ${env.CVM_TEST_CLICKHOUSE_SHARDS}${up ? ' (already running)' : ' (started for this run)'}`);
  return {
    url: `${env.CVM_TEST_CLICKHOUSE}/cvm_bench?cluster=${env.CVM_TEST_CLICKHOUSE_CLUSTER}&shards=${env.CVM_TEST_CLICKHOUSE_SHARDS}`,
    stop: () => {
      if (!up) spawnSync('bash', [SCRIPT, 'stop']);
    },
    pids,
  };
}

/** Peak resident memory (VmHWM) of a process, from /proc; NaN when unreadable. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function perShard(ctx: BenchContext, ch: ClickHouseEngine, pids: number[]): Promise<void> {
  const urls = await ch.shardUrls();
  for (let s = 0; s < urls.length; s++) {
    const probe = createClickHouseEngine({ url: urls[s]!, database: ch.localDatabase, cluster: null, shards: null });
    const [r] = await probe.rows<{ rows: number; customers: number }>(
      'SELECT count(*) AS rows, uniqExact(customer_id) AS customers FROM transactions',
    );
    const [d] = await probe.rows<{ disk: number; raw: number }>(
      `SELECT sum(bytes_on_disk) AS disk, sum(data_uncompressed_bytes) AS raw FROM system.parts WHERE active AND database = $1 AND table = 'transactions'`,
      [ch.localDatabase],
    );
    await probe.close();
    const rss = pids[s] === undefined ? Number.NaN : peakRssMb(pids[s]!);
    ctx.record({
      name: `shard ${s + 1}: transactions`,
      value: r!.rows,
      unit: 'rows',
      note: `${n(r!.customers)} customers; ${mb(d!.disk)} on disk (${mb(d!.raw)} uncompressed); server peak RSS ${Number.isNaN(rss) ? 'n/a' : `${rss.toFixed(0)} MB`} (since start)`,
    });
  }
}

registerBench({
  name: 'clickhouse',
  group: 'clickhouse',
  description:
    'DuckDB vs the local 2-shard ClickHouse cluster: ingest, summary, fit patterns (bytes moved), segments, cohorts; per shard rows, disk, memory',
  async run(ctx) {
    const { parquet } = syntheticLogFiles(ctx);
    const c = cluster(ctx);
    const dir = join(ctx.runDir, 'ws-clickhouse-duckdb');
    rmSync(dir, { recursive: true, force: true });
    const ch = createClickHouseEngine(parseClickHouseUrl(c.url));
    try {
      await dropClickHouseWorkspace(ch);
      await ensureClickHouseWorkspace(ch);
      let duck: Engine = await openWorkspace({ dir });
      const di = await ctx.time(() => ingestFile(duck, parquet));
      await duck.close();
      const timings: ClickHouseIngestTimings = { validateMs: 0, waitMs: 0, checkMs: 0, insertMs: 0, keysSent: 0, duplicatesFound: 0 };
      const ci = await ctx.time(() => ingestFileToClickHouse(ch, parquet, {}, timings));
      if (ci.value.rowsAccepted !== di.value.rowsAccepted)
        throw new Error(`accepted rows differ: ClickHouse ${ci.value.rowsAccepted}, DuckDB ${di.value.rowsAccepted}`);
      ctx.record({
        name: `ingest Parquet, DuckDB workspace (${n(ctx.rows)} rows)`,
        value: di.seconds,
        unit: 's',
        note: `peak RSS ${di.peakRssMb.toFixed(0)} MB`,
      });
      ctx.record({
        name: 'ingest Parquet into ClickHouse',
        value: ci.seconds,
        unit: 's',
        note: `DuckDB validation ${(timings.validateMs / 1000).toFixed(1)} s + RowBinary inserts ${(timings.insertMs / 1000).toFixed(1)} s (${n(ctx.rows / (timings.insertMs / 1000))} rows/s); Node peak RSS ${ci.peakRssMb.toFixed(0)} MB`,
      });
      ctx.record({ name: '  ClickHouse / DuckDB ingest time', value: ci.seconds / di.seconds, unit: '×' });
      await perShard(ctx, ch, c.pids);

      const sums: [number[], number[]] = [[], []],
        pats: [number[], number[]] = [[], []],
        segs: [number[], number[]] = [[], []],
        cohs: [number[], number[]] = [[], []];
      let summaryBytes = 0,
        patternBytes = 0,
        patterns = 0,
        fitSeconds = 0,
        peakDuck = 0,
        peakCh = 0;
      for (let rep = 0; rep < ctx.repeat; rep++) {
        duck = await openWorkspace({ dir, mustExist: true });
        for (const [k, e] of [
          [0, duck],
          [1, ch],
        ] as const) {
          const before = ch.stats.bytesReceived;
          const s = await ctx.time(() => summarize(e, {}));
          if (s.value.length !== ctx.customers) throw new Error(`summary: ${s.value.length} customers, expected ${ctx.customers}`);
          if (k === 1) summaryBytes = ch.stats.bytesReceived - before;
          const p = await ctx.time(() => summarizePatterns(e, {}));
          if (k === 1) {
            patternBytes = ch.stats.bytesReceived - before - summaryBytes;
            patterns = p.value.patterns;
          }
          const f = await ctx.time(() => fitBgNbd(p.value));
          fitSeconds = f.seconds;
          const g = await ctx.time(() => segmentAsOf(e, {}));
          const h = await ctx.time(() => cohortReport(e, { by: 'month' }));
          sums[k].push(s.seconds);
          pats[k].push(p.seconds);
          segs[k].push(g.seconds);
          cohs[k].push(h.seconds);
          const peak = Math.max(s.peakRssMb, p.peakRssMb, g.peakRssMb, h.peakRssMb);
          if (k === 0) peakDuck = Math.max(peakDuck, peak);
          else peakCh = Math.max(peakCh, peak);
        }
        await duck.close();
      }
      const row = (name: string, xs: [number[], number[]], note = ''): void => {
        ctx.record({ name: `${name}: DuckDB`, value: best(xs[0]), unit: 's', note: list(xs[0]) });
        ctx.record({ name: `${name}: ClickHouse 2 shards`, value: best(xs[1]), unit: 's', note: `${list(xs[1])}${note}` });
        ctx.record({ name: `  ClickHouse / DuckDB`, value: best(xs[1]) / best(xs[0]), unit: '×' });
      };
      row(`summary into typed arrays (${n(ctx.customers)} customers)`, sums, `; ${mb(summaryBytes)} moved to Node (Native format)`);
      row(
        '(x, t_x, T) patterns for a fit',
        pats,
        `; ${n(patterns)} patterns, ${mb(patternBytes)} moved (${(summaryBytes / patternBytes).toFixed(0)}× less than the summary)`,
      );
      ctx.record({ name: 'BG/NBD fit on the patterns', value: fitSeconds, unit: 's' });
      row('RFM + tiers + lifecycle as of the last day', segs);
      row('monthly cohorts', cohs);
      ctx.record({
        name: 'Node peak RSS during the analyses',
        value: peakCh,
        unit: 'MB',
        note: `ClickHouse; DuckDB in-process ${peakDuck.toFixed(0)} MB`,
      });
      await perShard(ctx, ch, c.pids);
    } finally {
      await dropClickHouseWorkspace(ch).catch(() => {});
      await ch.close();
      c.stop();
    }
  },
});
