/**
 * The customer value plan benchmark (group `plan`, issue 15): `buildPlan` on the demo business's
 * prepared workspace at --customers (default 1M: log, customers, spend, prospects and surveys
 * ingested; the demo's cost model), from a fresh analysis, i.e. every stage the plan reads computed
 * once (summary, model validation and fit, segments, migration, profitability, retention, headroom,
 * acquisition, look-alikes, feedback), beside the plain summary on the same workspace as a ratio.
 * Target: < 30 s at 1M customers. The workspace is growth-bench's cached demo (bench-data/), with
 * the surveys file ingested into it on first use.
 *
 *   npm run bench -- --only plan [--customers 1M] [--plan-json FILE]
 *
 * `--plan-json FILE` writes the plan (its `computedAt` masked) so that two versions' outputs can be
 * compared on the same workspace.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Analysis } from '../src/analysis/analysis.js';
import { ingestInputFile } from '../src/inputs/input-ingest.js';
import { buildPlan } from '../src/plan/plan.js';
import { loadCostModel } from '../src/profitability/cost-model.js';
import { summarize } from '../src/summary/summary.js';
import { openWorkspace } from '../src/workspace.js';
import { demoWorkspace } from './growth-bench.js';
import { registerBench } from './registry.js';

const n = (x: number): string => x.toLocaleString('en-US');

registerBench({
  name: 'plan',
  group: 'plan',
  description: 'cvm plan (every stage from a fresh analysis) on the prepared demo workspace at --customers, vs the summary alone',
  rssTargetMb: 3072,
  async run(ctx) {
    const { demo, workspace } = demoWorkspace(ctx);
    const engine = await openWorkspace({ dir: workspace, mustExist: true });
    try {
      if (existsSync(join(demo, 'surveys.csv'))) await ingestInputFile(engine, 'surveys', join(demo, 'surveys.csv'));
      const costModel = await loadCostModel(join(demo, 'cost-model.yaml'));
      const times: number[] = [],
        summaries: number[] = [],
        cpu: number[] = [],
        summaryCpu: number[] = [];
      ctx.record({ name: 'machine load average (1 min) at the start', value: loadavg()[0]!, unit: '' });
      let peak = 0,
        note = '';
      for (let rep = 0; rep < ctx.repeat; rep++) {
        const s = await ctx.time(() => summarize(engine, { period: 'week' }));
        summaries.push(s.seconds);
        summaryCpu.push(s.cpuSeconds);
        const t = await ctx.time(() => buildPlan(new Analysis(engine, { summary: { period: 'week' }, costModel })));
        times.push(t.seconds);
        cpu.push(t.cpuSeconds);
        peak = Math.max(peak, t.peakRssMb);
        const p = t.value;
        // --plan-json FILE: the plan as JSON (its computation time masked), to compare two versions' outputs
        if (ctx.extra['plan-json'] !== undefined)
          writeFileSync(ctx.extra['plan-json'], JSON.stringify({ ...p, computedAt: '<masked>' }, null, 1));
        note = `${p.segments.length} segments, ${p.campaigns.length} proposed campaigns, ${p.steps.reduce((k, st) => k + st.figures.length, 0)} numbers, ${p.steps.reduce((k, st) => k + st.missing.length, 0)} missing parts`;
      }
      const best = Math.min(...times);
      ctx.record({
        name: `plan, ${n(ctx.customers)} customers`,
        value: best,
        unit: 's',
        ...(ctx.customers === 1_000_000 ? { target: { max: 30 } } : {}),
        note: `${note}; runs ${times.map((x) => x.toFixed(2)).join(', ')}`,
      });
      ctx.record({
        name: 'ratio to the summary alone',
        value: best / Math.min(...summaries),
        unit: '×',
        note: `summary ${summaries.map((x) => x.toFixed(2)).join(', ')} s`,
      });
      ctx.record({
        name: 'plan in CPU-s (process, DuckDB threads included)',
        value: Math.min(...cpu),
        unit: 'CPU-s',
        note: `${(Math.min(...cpu) / Math.min(...summaryCpu)).toFixed(1)}× the summary's ${Math.min(...summaryCpu).toFixed(2)} CPU-s; runs ${cpu.map((x) => x.toFixed(1)).join(', ')}`,
      });
      ctx.record({ name: 'peak RSS while planning', value: peak, unit: 'MB' });
      ctx.record({ name: 'machine load average (1 min) at the end', value: loadavg()[0]!, unit: '' });
    } finally {
      await engine.close();
    }
  },
});
