/**
 * The profitability benchmark (group `profitability`): activity-based cost-to-serve with five cost
 * pools (order, unit, return, delivery by channel, customer-year) and per-product margins, over a
 * persistent workspace holding the synthetic log, into the per-customer P&L (typed arrays, cents
 * reconciled) and the report (whale curve, matrix, groups, unprofitable customers). Measured side
 * by side with the plain per-customer summary on the same workspace, as a ratio. Target at 10M
 * rows / 1M customers: under 5 s and 2 GB peak RSS.
 *
 *   npm run bench -- --only profitability
 *   node --import tsx packages/core/bench/profitability-bench.ts [--rows 10M --customers 1M] [--workspace DIR]   (alone)
 *
 * `--workspace DIR` reuses a workspace that already holds the synthetic log of these sizes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../src/workspace.js';
import { ingestFile } from '../src/transactions/ingest.js';
import { summarize } from '../src/summary/summary.js';
import { parseCostModel, type CostModel } from '../src/profitability/cost-model.js';
import { computeProfitability } from '../src/profitability/profitability.js';
import { profitabilityReport } from '../src/profitability/profit-report.js';
import { createRng } from '../src/math/random/rng.js';
import { registerBench, parseCount, type BenchContext } from './registry.js';
import { syntheticLogFiles } from './datasets.js';

const BASE_ROWS = 10_000_000;
const n = (x: number): string => x.toLocaleString('en-US');
const secs = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');

/** Five pools sized to the log (about 1.5, 0.4, 4, 3 and 8 currency units per driver unit) and seeded per-product margins. */
export function benchCostModel(rows: number, customers: number, seed: number): CostModel {
  return parseCostModel(benchCostModelYaml(rows, customers, seed), 'bench-cost-model.yaml');
}

/** The text of {@link benchCostModel} (a cost model file for `cvm report --costs`). */
export function benchCostModelYaml(rows: number, customers: number, seed: number): string {
  const rng = createRng(seed);
  const products: string[] = [];
  for (let p = 1; p <= 2000; p++) products.push(`    P${p}: { margin_pct: ${(20 + 30 * rng()).toFixed(1)} }`);
  return `name: synthetic benchmark cost model
illustrative: true
product_cost:
  margin_pct: 35
  products:
${products.join('\n')}
pools:
  - { name: order processing, cost: ${Math.round(1.5 * rows)}, driver: order }
  - { name: picking, cost: ${Math.round(0.4 * rows)}, driver: unit }
  - { name: returns handling, cost: ${Math.round(0.12 * rows)}, driver: return }
  - { name: web deliveries, cost: ${Math.round(1.2 * rows)}, driver: delivery, channel: web }
  - { name: account management, cost: ${Math.round(16 * customers)}, driver: customer_year }
`;
}

async function workspace(ctx: BenchContext): Promise<string> {
  if (ctx.extra.workspace) return ctx.extra.workspace;
  for (const name of ['ws-csv', 'ws-profitability']) if (existsSync(join(ctx.runDir, name, 'cvm.duckdb'))) return join(ctx.runDir, name);
  const dir = join(ctx.runDir, 'ws-profitability');
  rmSync(dir, { recursive: true, force: true });
  const { parquet } = syntheticLogFiles(ctx);
  ctx.log(`ingesting ${parquet} into ${dir} (untimed, in a child process so that its memory is not counted here)`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--ingest-only', parquet, dir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`ingesting the synthetic log failed (exit ${r.status ?? r.signal})`);
  return dir;
}

registerBench({
  name: 'profitability',
  group: 'profitability',
  description: 'activity-based cost-to-serve, five pools, per-customer P&L + report, vs the plain summary on the same workspace',
  after: ['ingest'],
  rssTargetMb: 2048,
  async run(ctx) {
    const dir = await workspace(ctx);
    const model = benchCostModel(ctx.rows, ctx.customers, ctx.seed);
    const times: number[] = [],
      reportTimes: number[] = [],
      summaryTimes: number[] = [];
    let peak = 0;
    let checked = '';
    for (let rep = 0; rep < ctx.repeat + 1; rep++) {
      const engine = await openWorkspace({ dir, mustExist: true });
      await engine.rows('SELECT 1');
      const t = await ctx.time(() => computeProfitability(engine, model));
      const r = t.value;
      if (r.customers.length !== ctx.customers)
        throw new Error(`profitability: expected ${n(ctx.customers)} customers, got ${n(r.customers.length)}`);
      if (!r.reconciliation.balanced) throw new Error('profitability: the pools do not reconcile');
      const rt = await ctx.time(() => profitabilityReport(r));
      const s = await ctx.time(() => summarize(engine));
      times.push(t.seconds);
      reportTimes.push(rt.seconds);
      summaryTimes.push(s.seconds);
      peak = Math.max(peak, t.peakRssMb, rt.peakRssMb);
      checked = `pools reconcile to the cent (${n(r.reconciliation.poolCost)} = ${n(r.reconciliation.assigned)} assigned + ${n(r.reconciliation.unassigned)} unassigned); whale peak ${rt.value.whale.peakPctOfTotal.toFixed(0)}% of profit, ${(100 * rt.value.whale.unprofitableShare).toFixed(1)}% unprofitable`;
      await engine.close();
    }
    const best = Math.min(...times),
      bestReport = Math.min(...reportTimes),
      bestSummary = Math.min(...summaryTimes);
    const target = ctx.rows === BASE_ROWS ? { target: { max: 5 } } : {};
    const scaledNote = ctx.rows === BASE_ROWS ? '' : ' (target 5 s applies at 10M rows)';
    ctx.record({
      name: `profitability P&L + report, ${n(ctx.rows)} rows / ${n(ctx.customers)} customers`,
      value: best + bestReport,
      unit: 's',
      ...target,
      note: `best P&L ${best.toFixed(2)} s (${secs(times)}; first run cold) + report ${bestReport.toFixed(2)} s${scaledNote}`,
    });
    ctx.record({
      name: '  plain summary on the same workspace',
      value: bestSummary,
      unit: 's',
      note: `best of ${summaryTimes.length} (${secs(summaryTimes)})`,
    });
    ctx.record({ name: '  P&L time / summary time', value: best / bestSummary, unit: '×', note: 'alternating runs, same engine' });
    ctx.record({ name: '  peak RSS sampled during P&L and report', value: peak, unit: 'MB', target: { max: 2048 } });
    ctx.log(checked);
  },
});

// Runnable alone: node --import tsx packages/core/bench/profitability-bench.ts [--rows 10M] [--customers 1M] [--seed 1] [--repeat 2]
if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--ingest-only') {
  const engine = await openWorkspace({ dir: process.argv[4]! });
  await ingestFile(engine, process.argv[3]!);
  await engine.close();
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const args = new Map<string, string>();
  for (let i = 2; i + 1 < process.argv.length; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const runDir = mkdtempSync(join(tmpdir(), 'cvm-bench-profit-'));
  const ctx: BenchContext = {
    rows: parseCount(args.get('rows') ?? '10M', 'rows'),
    customers: parseCount(args.get('customers') ?? '1M', 'customers'),
    seed: Number(args.get('seed') ?? 1),
    repeat: parseCount(args.get('repeat') ?? '2', 'repeat'),
    extra: args.has('workspace') ? { workspace: args.get('workspace')! } : {},
    runDir,
    log: (m) => console.error(`  [profitability] ${m}`),
    record: (m) => console.log(`${m.name}: ${m.value.toFixed(3)} ${m.unit}${m.note ? `  ${m.note}` : ''}`),
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
    await selectBenches(['profitability'])[0]!.run(ctx);
    console.log(`process maxRSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}
