/**
 * The segments benchmark (group `segments`): on a persistent workspace holding the synthetic log,
 * RFM + value tiers + lifecycle as of the last day (summary and history SQL into typed arrays, then
 * the pure scoring), micro-segmentation (seeded k-means++ per stage, k by silhouette), the monthly
 * cohort table, and saving the snapshot. Measured side by side with the plain summary on the same
 * workspace (ratio). Targets at 10M rows / 1M customers: segments < 2 s, micro < 10 s, cohorts < 3 s,
 * peak RSS < 2 GB.
 *
 *   npm run bench -- --only segments
 *   node --import tsx packages/core/bench/segments-bench.ts [--rows 10M --customers 1M]   (alone)
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../src/workspace.js';
import { ingestFile } from '../src/transactions/ingest.js';
import { summarize } from '../src/summary/summary.js';
import { segmentAsOf, loadHistory } from '../src/segments/segment-as-of.js';
import { segmentSummary } from '../src/segments/segmentation.js';
import { microSegmentsOf } from '../src/segments/behaviour-features.js';
import { saveSnapshot } from '../src/segments/snapshots.js';
import { cohortReport } from '../src/cohorts/cohorts.js';
import { registerBench, parseCount, type BenchContext } from './registry.js';
import { syntheticLogFiles } from './datasets.js';

const BASE_ROWS = 10_000_000;
const n = (x: number): string => x.toLocaleString('en-US');
const secs = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');

async function workspace(ctx: BenchContext): Promise<string> {
  for (const name of ['ws-csv', 'ws-profitability', 'ws-segments'])
    if (existsSync(join(ctx.runDir, name, 'cvm.duckdb'))) return join(ctx.runDir, name);
  const dir = join(ctx.runDir, 'ws-segments');
  rmSync(dir, { recursive: true, force: true });
  const { parquet } = syntheticLogFiles(ctx);
  ctx.log(`ingesting ${parquet} into ${dir} (untimed)`);
  const engine = await openWorkspace({ dir });
  await ingestFile(engine, parquet);
  await engine.close();
  return dir;
}

registerBench({
  name: 'segments',
  group: 'segments',
  description: 'RFM + tiers + lifecycle, micro-segments, monthly cohorts, snapshot save; vs the plain summary on the same workspace',
  after: ['ingest'],
  rssTargetMb: 2048,
  async run(ctx) {
    const dir = await workspace(ctx);
    const atBase = ctx.rows === BASE_ROWS;
    const target = (max: number): { target?: { max: number } } => (atBase ? { target: { max } } : {});
    const seg: number[] = [],
      pure: number[] = [],
      sum: number[] = [],
      micro: number[] = [],
      cohorts: number[] = [];
    let peak = 0,
      detail = '';
    for (let rep = 0; rep < ctx.repeat + 1; rep++) {
      const engine = await openWorkspace({ dir, mustExist: true });
      await engine.rows('SELECT 1');
      const s = await ctx.time(() => segmentAsOf(engine));
      if (s.value.length !== ctx.customers) throw new Error(`segments: expected ${n(ctx.customers)} customers, got ${n(s.value.length)}`);
      const summary = await ctx.time(() => summarize(engine, { period: 'day' }));
      const history = await loadHistory(engine, summary.value.calibrationEnd, summary.value);
      const p = await ctx.time(() => segmentSummary(summary.value, history));
      const m = await ctx.time(() => microSegmentsOf(s.value, { seed: ctx.seed }));
      const c = await ctx.time(() => cohortReport(engine, { by: 'month' }));
      seg.push(s.seconds);
      sum.push(summary.seconds);
      pure.push(p.seconds);
      micro.push(m.seconds);
      cohorts.push(c.seconds);
      peak = Math.max(peak, s.peakRssMb, m.peakRssMb, c.peakRssMb);
      const stages = s.value.stageNames.map((name, j) => `${name} ${n(s.value.lifecycle.stage.filter((x) => x === j).length)}`).join(', ');
      detail = `stages: ${stages}; micro k: ${m.value.choices.map((x) => `${x.stage} ${x.k}`).join(', ')}; ${c.value.overall.rows.length} monthly cohorts`;
      if (rep === ctx.repeat) {
        const save = await ctx.time(() =>
          saveSnapshot(
            engine,
            s.value,
            Array.from(m.value.segment, (j) => m.value.segments[j]!.label),
          ),
        );
        ctx.record({ name: '  save the snapshot (multi-row INSERTs)', value: save.seconds, unit: 's', note: `${n(s.value.length)} rows` });
        peak = Math.max(peak, save.peakRssMb);
      }
      await engine.close();
    }
    const best = (xs: number[]): number => Math.min(...xs);
    ctx.record({
      name: `RFM + tiers + lifecycle as of the last day, ${n(ctx.rows)} rows / ${n(ctx.customers)} customers`,
      value: best(seg),
      unit: 's',
      ...target(2),
      note: `best of ${seg.length} (${secs(seg)}; first run cold), SQL + typed arrays`,
    });
    ctx.record({ name: '  of which scoring on typed arrays (no SQL)', value: best(pure), unit: 's', note: secs(pure) });
    ctx.record({ name: '  plain summary on the same workspace', value: best(sum), unit: 's', note: secs(sum) });
    ctx.record({ name: '  segments time / summary time', value: best(seg) / best(sum), unit: '×', note: 'same engine, alternating runs' });
    ctx.record({
      name: 'micro-segments (k-means++ per stage, k 2–6 by silhouette)',
      value: best(micro),
      unit: 's',
      ...target(10),
      note: secs(micro),
    });
    ctx.record({ name: 'monthly cohort table', value: best(cohorts), unit: 's', ...target(3), note: secs(cohorts) });
    ctx.record({ name: '  peak RSS sampled', value: peak, unit: 'MB', target: { max: 2048 } });
    ctx.log(detail);
  },
});

// Runnable alone: node --import tsx packages/core/bench/segments-bench.ts [--rows 10M] [--customers 1M] [--seed 1] [--repeat 2]
if (import.meta.url === `file://${process.argv[1]}`) {
  const args = new Map<string, string>();
  for (let i = 2; i + 1 < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const runDir = mkdtempSync(join(tmpdir(), 'cvm-bench-segments-'));
  const ctx: BenchContext = {
    rows: parseCount(args.get('rows') ?? '10M', 'rows'),
    customers: parseCount(args.get('customers') ?? '1M', 'customers'),
    seed: Number(args.get('seed') ?? 1),
    repeat: parseCount(args.get('repeat') ?? '2', 'repeat'),
    extra: {},
    runDir,
    log: (m) => console.error(`  [segments] ${m}`),
    record: (m) =>
      console.log(
        `${m.name}: ${m.value.toFixed(3)} ${m.unit}${m.target ? ` (target ${'max' in m.target ? `< ${m.target.max}` : `> ${m.target.min}`})` : ''}${m.note ? `  ${m.note}` : ''}`,
      ),
    async time(fn) {
      let peak = process.memoryUsage.rss();
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
      const t0 = performance.now(),
        c0 = process.cpuUsage();
      try {
        const value = await fn();
        const c = process.cpuUsage(c0);
        return {
          value,
          seconds: (performance.now() - t0) / 1000,
          cpuSeconds: (c.user + c.system) / 1e6,
          peakRssMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20,
        };
      } finally {
        clearInterval(timer);
      }
    },
  };
  const { selectBenches } = await import('./registry.js');
  try {
    await selectBenches(['segments'])[0]!.run(ctx);
    console.log(`process maxRSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}
