/**
 * The whole `cvm at-risk --workspace DIR --format csv` path at 1M customers (group `retention`,
 * issue 12): what the command runs, in its order, in this process: the analysis's summary (with the
 * retention history in its pass), the models (holdout validation, whole-log fit, scores), the
 * segmentation and the retention stage, the lists table, and the at-risk list written as CSV (to a
 * byte counter), DuckDB capped at 512MB as the command caps it. Each step's wall time, CPU-s and sampled peak RSS; the process's maxRSS against
 * the 1.5 GB. Side by side, after the command has let everything go: the plain summary on
 * the same workspace (the "after the summary" baseline), so the command's CPU is also a ratio.
 *
 *   npm run bench -- --only retention-command [--workspace DIR]   (DIR: a workspace already holding the log)
 */
import { loadavg } from 'node:os';
import { openWorkspace } from '../src/workspace.js';
import { Analysis } from '../src/analysis/analysis.js';
import { summarize } from '../src/summary/summary.js';
import { retentionListTable } from '../src/retention/retention-columns.js';
import { tableCsvStream } from '../src/tables/table-page.js';
import type { Engine } from '../src/engine/engine.js';
import { RETENTION_LISTS_TABLE } from '../src/analysis/retention-stages.js';
import { registerBench, type BenchContext } from './registry.js';
import { retentionWorkspace } from './retention-bench.js';

const n = (x: number): string => x.toLocaleString('en-US');
const RSS_TARGET_MB = 1536;

/**
 * The command's steps, timed one by one, in a function of its own so that nothing holds its stages
 * once it returns (the side-by-side summary after it must not add to the command's peak).
 * @returns the command's CPU-s and its own summary's
 */
async function command(ctx: BenchContext, engine: Engine): Promise<{ cpu: number; summaryCpu: number }> {
  const a = new Analysis(engine, {});
  const steps: [string, () => Promise<unknown>][] = [
    ['summary with the retention history (overview)', () => a.overview()],
    ['models: holdout validation, whole-log fit, scores', () => a.models()],
    ['segmentation and the retention stage', () => a.retention()],
    ['lists table loaded into the engine', () => a.retentionListsTable()],
    [
      'at-risk list as CSV (every row)',
      async () => {
        const reader = tableCsvStream(engine, retentionListTable(await a.retentionListsTable(), 'at_risk'), { filter: [] }).getReader();
        let bytes = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return bytes;
          bytes += value.byteLength;
        }
      },
    ],
  ];
  let wall = 0,
    cpu = 0,
    peak = 0,
    summaryCpu = 0;
  for (const [name, step] of steps) {
    const t = await ctx.time(step);
    wall += t.seconds;
    cpu += t.cpuSeconds;
    peak = Math.max(peak, t.peakRssMb);
    if (name.startsWith('summary')) summaryCpu = t.cpuSeconds;
    const csv = typeof t.value === 'number' ? `; ${(t.value / 1e6).toFixed(1)} MB of CSV` : '';
    ctx.record({
      name: `  ${name}`,
      value: t.seconds,
      unit: 's',
      note: `${t.cpuSeconds.toFixed(2)} CPU-s, peak RSS ${t.peakRssMb.toFixed(0)} MB${csv}`,
    });
  }
  const { summary } = await a.overview();
  const stage = await a.retention();
  ctx.record({
    name: `cvm at-risk path, ${n(summary.length)} customers (${n(stage.report.lists.atRisk.customers)} at risk)`,
    value: wall,
    unit: 's',
    note: `${cpu.toFixed(1)} CPU-s (process, DuckDB threads included)`,
  });
  ctx.record({ name: '  the same in CPU-s', value: cpu, unit: 'CPU-s', note: `model ${stage.report.model}` });
  ctx.record({
    name: '  peak RSS sampled through the command',
    value: peak,
    unit: 'MB',
    target: { max: RSS_TARGET_MB },
    note: 'the process maxRSS below also counts synchronous peaks the sampler misses',
  });
  await engine.exec(`DROP TABLE IF EXISTS ${RETENTION_LISTS_TABLE}`);
  return { cpu, summaryCpu };
}

registerBench({
  name: 'retention-command',
  group: 'retention',
  description: 'the whole cvm at-risk path (summary, validated models, segmentation, retention, lists table, CSV) vs the plain summary',
  after: ['ingest', 'retention'],
  rssTargetMb: RSS_TARGET_MB,
  async run(ctx) {
    const dir = await retentionWorkspace(ctx);
    ctx.record({ name: 'machine load average (1 min) at the start', value: loadavg()[0]!, unit: '' });
    // DuckDB capped as the command opens it (the CLI's RETENTION_SOURCE: one-shot 512MB; CVM_MEMORY_LIMIT wins)
    const engine = await openWorkspace({ dir, mustExist: true, ...(process.env.CVM_MEMORY_LIMIT ? {} : { memoryLimit: '512MB' }) });
    try {
      const { cpu, summaryCpu } = await command(ctx, engine);
      const plain = await ctx.time(() => summarize(engine, { period: 'week' }));
      ctx.record({
        name: '  plain summary on the same workspace (after the command)',
        value: plain.seconds,
        unit: 's',
        note: `${plain.cpuSeconds.toFixed(2)} CPU-s, peak RSS ${plain.peakRssMb.toFixed(0)} MB; the command's own summary ${summaryCpu.toFixed(2)} CPU-s`,
      });
      ctx.record({ name: '  command CPU / plain summary CPU', value: cpu / plain.cpuSeconds, unit: '×', note: 'same workspace, same run' });
      ctx.record({ name: 'machine load average (1 min) at the end', value: loadavg()[0]!, unit: '' });
    } finally {
      await engine.close();
    }
  },
});
