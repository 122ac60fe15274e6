/**
 * Scoring on the ClickHouse cluster (issue 16, must-have 3), side by side in one run on the same
 * data: the summary-to-Node path (`cvm predict --engine`: every customer's summary row to Node, all
 * scores in Node) against scoring in the database (`cvm predict --engine … --into TABLE`: patterns
 * to Node, per-customer scores computed and written by the shards). Each side runs in a child
 * process (`clickhouse-scores-side.ts`), so its CPU seconds and peak RSS are its own; the servers'
 * CPU seconds come from /proc (the local cluster only). Reports bytes and rows moved to Node too.
 *
 *   npm run bench -- --only clickhouse-scores --rows 1M --customers 100k
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createClickHouseEngine } from '../src/engine/clickhouse/clickhouse-engine.js';
import { ingestFileToClickHouse } from '../src/engine/clickhouse/clickhouse-ingest.js';
import { dropClickHouseWorkspace, ensureClickHouseWorkspace } from '../src/engine/clickhouse/clickhouse-schema.js';
import { parseClickHouseUrl } from '../src/engine/clickhouse/clickhouse-url.js';
import { cluster } from './clickhouse-bench.js';
import { syntheticLogFiles } from './datasets.js';
import { registerBench } from './registry.js';

const SIDE = new URL('./clickhouse-scores-side.ts', import.meta.url).pathname;
const n = (x: number): string => Math.round(x).toLocaleString('en-US');

/** CPU seconds (user + system) a process has used, from /proc; NaN when unreadable. */
function cpuSeconds(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (100 per second)
  } catch {
    return Number.NaN;
  }
}

interface Side {
  mode: string;
  wall: number;
  cpuSeconds: number;
  workCpuSeconds: number;
  maxRssMb: number;
  rows: number;
  bytes: number;
  customers: number;
  totalClv: number;
  patterns: string;
  serverCpu: number;
}

function side(mode: 'node' | 'sql' | 'sql-historic' | 'gg-pairs' | 'gg-shards', url: string, pids: number[]): Side {
  const before = pids.reduce((s, p) => s + cpuSeconds(p), 0);
  const r = spawnSync(process.execPath, ['--import', 'tsx', SIDE, mode, url], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${mode} side failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Side;
  return { ...out, serverCpu: pids.reduce((s, p) => s + cpuSeconds(p), 0) - before };
}

registerBench({
  name: 'clickhouse-scores',
  group: 'clickhouse',
  description: 'ClickHouse 2 shards: scoring in the database (patterns to Node) vs the summary to Node; bytes, CPU-s, peak RSS',
  async run(ctx) {
    const { parquet } = syntheticLogFiles(ctx);
    const c = cluster(ctx);
    const url = c.url.replace('/cvm_bench?', '/cvm_bench_scores?');
    const ch = createClickHouseEngine(parseClickHouseUrl(url));
    try {
      await dropClickHouseWorkspace(ch);
      await ensureClickHouseWorkspace(ch);
      const ingest = await ctx.time(() => ingestFileToClickHouse(ch, parquet, {}));
      ctx.log(`ingested ${n(ingest.value.rowsAccepted)} rows in ${ingest.seconds.toFixed(1)} s`);
      for (let rep = 0; rep < ctx.repeat; rep++) {
        const node = side('node', url, c.pids);
        const sql = side('sql', url, c.pids);
        const historic = side('sql-historic', url, c.pids);
        const pairs = side('gg-pairs', url, c.pids);
        const shards = side('gg-shards', url, c.pids);
        if (node.customers !== sql.customers) throw new Error(`customers differ: node ${node.customers}, sql ${sql.customers}`);
        const rel = Math.abs(node.totalClv - sql.totalClv) / Math.abs(node.totalClv);
        const label = {
          node: 'summary to Node, scores in Node',
          sql: 'scores in the database, Gamma-Gamma',
          'sql-historic': 'scores in the database, historic spend',
          'gg-pairs': 'Gamma-Gamma fit alone, (x, m_x) pairs to Node',
          'gg-shards': 'Gamma-Gamma fit alone, on the shards (summary staged)',
        };
        for (const s of [node, sql, historic, pairs, shards])
          ctx.record({
            name: `${label[s.mode as keyof typeof label]} (${n(s.customers)} customers): Node CPU`,
            value: s.workCpuSeconds,
            unit: 's',
            note: `process ${s.cpuSeconds.toFixed(2)} CPU-s with start-up; wall ${s.wall.toFixed(1)} s; Node peak RSS ${s.maxRssMb.toFixed(0)} MB; ${n(s.rows)} rows, ${(s.bytes / 2 ** 20).toFixed(2)} MB to Node${s.patterns ? ` (${s.patterns} patterns)` : ''}; servers' CPU ${s.serverCpu.toFixed(1)} s`,
          });
        ctx.record({
          name: '  bytes to Node: summary path / database scoring',
          value: node.bytes / sql.bytes,
          unit: '×',
          note: `historic ${(node.bytes / historic.bytes).toFixed(1)}×; total CLV ${node.totalClv.toFixed(2)} vs ${sql.totalClv.toFixed(2)} (relative ${rel.toExponential(1)}: fits on customers vs on patterns)`,
        });
        ctx.record({
          name: '  Node CPU (scoring): summary path / database scoring',
          value: node.workCpuSeconds / sql.workCpuSeconds,
          unit: '×',
        });
        ctx.record({
          name: '  Gamma-Gamma fit, bytes to Node: pairs / shards',
          value: pairs.bytes / shards.bytes,
          unit: '×',
          note: `Node CPU ${(pairs.workCpuSeconds / shards.workCpuSeconds).toFixed(2)}×; servers' CPU ${(pairs.serverCpu / shards.serverCpu).toFixed(2)}× (shards include staging the summary)`,
        });
        ctx.record({ name: '  Node peak RSS: summary path / database scoring', value: node.maxRssMb / sql.maxRssMb, unit: '×' });
      }
    } finally {
      await dropClickHouseWorkspace(ch).catch(() => {});
      await ch.close();
      c.stop();
    }
  },
});
