/**
 * The growth benchmarks (group `growth`, issue 11), on the synthetic demo business:
 * - `demo-generator`: `generateDemoBusiness` at --customers (default 1M; target < 60 s), beside a
 *   plain copy of the transactions file it wrote (the I/O floor), as a ratio;
 * - `acquisition`: `acquisitionReport` (margin basis) for the demo at --customers, given the summary
 *   and the fitted models, beside the plain summary on the same workspace (target < 10 s, < 1.5 GB);
 * - `lookalikes`: `lookalikeReport` (5-fold validation, channel baseline, scoring) for the customers
 *   and --prospects (default = customers) prospects, beside the summary (target < 10 s, < 1.5 GB).
 * The demo business and its workspace are cached in bench-data/ (generated and ingested once, in a
 * child process, untimed).
 *
 *   npm run bench -- --only growth [--customers 1M] [--prospects 1M]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateDemoBusiness } from '../src/demo/demo.js';
import { openWorkspace } from '../src/workspace.js';
import { ingestFile } from '../src/transactions/ingest.js';
import { ingestInputFile } from '../src/inputs/input-ingest.js';
import { summarize } from '../src/summary/summary.js';
import { runModelsWithScores } from '../src/pipeline.js';
import { acquisitionReport } from '../src/acquisition/acquisition.js';
import { lookalikeReport } from '../src/lookalikes/lookalikes.js';
import { BENCH_DATA_DIR } from './datasets.js';
import { parseCount, registerBench, type BenchContext } from './registry.js';

const n = (x: number): string => x.toLocaleString('en-US');
const secs = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
const prospectsOf = (ctx: BenchContext): number => parseCount(ctx.extra.prospects ?? String(ctx.customers), 'prospects');

/** The cached demo business and its ingested workspace for these sizes (built in a child process when missing). */
/** Where the demo business and its workspace for `ctx` live in bench-data/ (made by {@link demoWorkspace}; `done` marks a finished workspace). */
export function demoWorkspacePaths(ctx: BenchContext): { demo: string; workspace: string } {
  const key = `demo-${ctx.customers}-${prospectsOf(ctx)}-s${ctx.seed}-v2`;
  return { demo: join(BENCH_DATA_DIR, key), workspace: join(BENCH_DATA_DIR, `${key}-ws`) };
}

export function demoWorkspace(ctx: BenchContext): { demo: string; workspace: string } {
  const { demo, workspace } = demoWorkspacePaths(ctx);
  if (!existsSync(join(workspace, 'done'))) {
    ctx.log(
      `generating and ingesting the demo business (${n(ctx.customers)} customers, ${n(prospectsOf(ctx))} prospects) into ${workspace} (untimed, in a child process)`,
    );
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        new URL(import.meta.url).pathname,
        '--prepare',
        demo,
        workspace,
        String(ctx.customers),
        String(prospectsOf(ctx)),
        String(ctx.seed),
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0) throw new Error(`preparing the demo workspace failed (exit ${r.status ?? r.signal})`);
  }
  return { demo, workspace };
}

async function prepare(demo: string, workspace: string, customers: number, prospects: number, seed: number): Promise<void> {
  rmSync(workspace, { recursive: true, force: true });
  if (!existsSync(join(demo, 'truth.json'))) {
    const partial = `${demo}.${process.pid}.partial`;
    generateDemoBusiness(partial, { customers, prospects, seed });
    rmSync(demo, { recursive: true, force: true });
    renameSync(partial, demo);
  }
  const engine = await openWorkspace({ dir: workspace });
  await ingestFile(engine, join(demo, 'transactions.csv'));
  await ingestInputFile(engine, 'customers', join(demo, 'customers.csv'));
  await ingestInputFile(engine, 'spend', join(demo, 'marketing-spend.csv'));
  await ingestInputFile(engine, 'prospects', join(demo, 'prospects.csv'));
  await engine.close();
  copyFileSync(join(demo, 'truth.json'), join(workspace, 'done'));
}

registerBench({
  name: 'demo-generator',
  group: 'growth',
  description: 'cvm demo at --customers (default 1M): the synthetic business written, vs a plain copy of its transactions file',
  rssTargetMb: 1536,
  async run(ctx) {
    const times: number[] = [],
      copies: number[] = [],
      cpus: number[] = [];
    let detail = '';
    for (let rep = 0; rep < ctx.repeat; rep++) {
      const dir = join(ctx.runDir, `demo-${rep}`);
      const cpu0 = process.cpuUsage();
      const t = await ctx.time(() => generateDemoBusiness(dir, { customers: ctx.customers, seed: ctx.seed }));
      const cpu = process.cpuUsage(cpu0);
      cpus.push((cpu.user + cpu.system) / 1e6);
      times.push(t.seconds);
      const c = await ctx.time(() => copyFileSync(join(dir, 'transactions.csv'), join(dir, 'copy.csv')));
      copies.push(c.seconds);
      detail = `${n(t.value.files.transactions!.rows)} order lines (${(statSync(join(dir, 'transactions.csv')).size / 1e6).toFixed(0)} MB), ${n(t.value.files.customers!.rows)} customer rows, ${n(t.value.prospects)} prospects`;
      rmSync(dir, { recursive: true, force: true });
    }
    const best = Math.min(...times);
    ctx.record({
      name: `demo business, ${n(ctx.customers)} customers`,
      value: best,
      unit: 's',
      ...(ctx.customers === 1_000_000 ? { target: { max: 60 } } : {}),
      note: `${detail}; runs ${secs(times)}`,
    });
    ctx.record({ name: 'CPU time of the generator', value: Math.min(...cpus), unit: 's', note: `runs ${secs(cpus)}` });
    ctx.record({
      name: 'ratio to copying its transactions file',
      value: best / Math.min(...copies),
      unit: '×',
      note: `copy ${secs(copies)} s`,
    });
  },
});

/** Opens the workspace and computes the summary and models (timed for the ratio, not the target). */
async function prepared(ctx: BenchContext) {
  const { workspace } = demoWorkspace(ctx);
  const engine = await openWorkspace({ dir: workspace, mustExist: true });
  const s = await ctx.time(() => summarize(engine, { period: 'week' }));
  const m = await ctx.time(() => runModelsWithScores(engine, s.value, { period: 'week' }));
  return { engine, summary: s, models: m };
}

registerBench({
  name: 'acquisition',
  group: 'growth',
  description:
    'acquisition report (margin basis, 1,000-resample bootstrap cap) for the demo at --customers, given summary and models, vs the summary',
  rssTargetMb: 1536,
  async run(ctx) {
    const { engine, summary, models } = await prepared(ctx);
    ctx.log(`summary ${summary.seconds.toFixed(2)} s, models ${models.seconds.toFixed(2)} s (${models.value.report.model})`);
    const times: number[] = [],
      cpus: number[] = [];
    let peak = 0,
      note = '';
    try {
      for (let rep = 0; rep < ctx.repeat; rep++) {
        const cpu0 = process.cpuUsage();
        const t = await ctx.time(() => acquisitionReport(engine, { summary: summary.value, models: models.value, margin: 0.45 }));
        const cpu = process.cpuUsage(cpu0);
        cpus.push((cpu.user + cpu.system) / 1e6);
        times.push(t.seconds);
        peak = Math.max(peak, t.peakRssMb);
        const r = t.value;
        note = `${n(r.overall.newCustomers)} customers, ${r.cohorts.length} channel × month rows, ${r.resamples} resamples; LTV:CAC ${r.levels.map((l) => `${l.level} ${l.ltvToCac?.toFixed(2) ?? '–'}`).join(', ')}`;
      }
    } finally {
      await engine.close();
    }
    const best = Math.min(...times);
    ctx.record({
      name: `acquisition report, ${n(ctx.customers)} customers`,
      value: best,
      unit: 's',
      ...(ctx.customers === 1_000_000 ? { target: { max: 10 } } : {}),
      note: `${note}; runs ${secs(times)}`,
    });
    ctx.record({
      name: 'ratio to the per-customer summary',
      value: best / summary.seconds,
      unit: '×',
      note: `summary ${summary.seconds.toFixed(2)} s, models ${models.seconds.toFixed(2)} s`,
    });
    ctx.record({
      name: 'CPU time of the report (all threads, DuckDB included)',
      value: Math.min(...cpus),
      unit: 's',
      note: `runs ${secs(cpus)}; roughly the wall time on an idle machine (DuckDB uses both cores)`,
    });
    ctx.record({ name: 'peak RSS sampled during the report', value: peak, unit: 'MB' });
  },
});

registerBench({
  name: 'lookalikes',
  group: 'growth',
  description:
    'look-alike model (5-fold validation, channel baseline) and scoring of --prospects prospects, given summary and models, vs the summary',
  after: ['acquisition'],
  rssTargetMb: 1536,
  async run(ctx) {
    const { engine, summary, models } = await prepared(ctx);
    const times: number[] = [],
      cpus: number[] = [];
    let peak = 0,
      note = '';
    try {
      for (let rep = 0; rep < ctx.repeat; rep++) {
        const cpu0 = process.cpuUsage();
        const t = await ctx.time(() => lookalikeReport(engine, { summary: summary.value, models: models.value }));
        const cpu = process.cpuUsage(cpu0);
        cpus.push((cpu.user + cpu.system) / 1e6);
        times.push(t.seconds);
        peak = Math.max(peak, t.peakRssMb);
        const v = t.value.validation.model.auc;
        note = `${n(t.value.prospects.ids.length)} prospects; AUC ${v.auc.toFixed(3)} (${v.low.toFixed(3)}–${v.high.toFixed(3)}), lift ${t.value.validation.model.liftTopDecile.toFixed(2)}`;
      }
    } finally {
      await engine.close();
    }
    const best = Math.min(...times);
    ctx.record({
      name: `look-alikes, ${n(ctx.customers)} customers → ${n(prospectsOf(ctx))} prospects`,
      value: best,
      unit: 's',
      ...(ctx.customers === 1_000_000 ? { target: { max: 10 } } : {}),
      note: `${note}; runs ${secs(times)}`,
    });
    ctx.record({
      name: 'ratio to the per-customer summary',
      value: best / summary.seconds,
      unit: '×',
      note: `summary ${summary.seconds.toFixed(2)} s`,
    });
    ctx.record({
      name: 'CPU time of the look-alikes (all threads, DuckDB included)',
      value: Math.min(...cpus),
      unit: 's',
      note: `runs ${secs(cpus)}`,
    });
    ctx.record({ name: 'peak RSS sampled during the model and scoring', value: peak, unit: 'MB' });
  },
});

if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--prepare') {
  const [demo, workspace, customers, prospects, seed] = process.argv.slice(3);
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  await prepare(demo!, workspace!, Number(customers), Number(prospects), Number(seed));
}
