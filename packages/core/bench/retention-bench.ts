/**
 * The retention benchmark (group `retention`): on a workspace holding the synthetic log (default 10M
 * rows / 1M customers), after the summary, the fit and the segmentation (timed for the record), the
 * retention stage for every customer (history SQL as of 90 days earlier, P(return), next-purchase
 * quantiles, value at risk now and then, list membership, reasons), the customer table with the
 * retention columns loaded into the engine, and pages of the two lists and of the filtered customer
 * table. Side by side: the plain summary on the same workspace (ratio). Targets at 1M customers:
 * risk, timing and lists < 5 s after the summary, a filtered customer-table page < 0.3 s, peak RSS
 * < 1.5 GB.
 *
 *   npm run bench -- --only retention [--workspace DIR]   (DIR: a workspace already holding the log)
 */
import { existsSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../src/workspace.js';
import { ingestFile } from '../src/transactions/ingest.js';
import { predictCustomers } from '../src/scores/predict.js';
import { PERIODS_PER_YEAR } from '../src/scores/clv.js';
import { segmentWithScores } from '../src/pipeline-segments.js';
import { runRetention } from '../src/retention/retention-stage.js';
import { retentionColumns, retentionListTable } from '../src/retention/retention-columns.js';
import { loadCustomerTable } from '../src/customers/customer-table.js';
import { scoreColumns, segmentColumns, summaryColumns } from '../src/customers/customer-columns.js';
import { tablePage } from '../src/tables/table-page.js';
import { tableQuerySchema } from '../src/tables/served-table.js';
import type { ModelsReport } from '../src/pipeline.js';
import { registerBench, type BenchContext } from './registry.js';
import { syntheticLogFiles } from './datasets.js';
import { summariesSideBySide } from './retention-bench-summaries.js';

const BASE_CUSTOMERS = 1_000_000;
const n = (x: number): string => x.toLocaleString('en-US');
const cpu = (x: { cpuSeconds: number }): string => `${x.cpuSeconds.toFixed(2)} CPU-s`;

/** The workspace the retention benchmarks read: `--workspace DIR`, a prepared one of this run, else the synthetic log ingested (untimed). */
export async function retentionWorkspace(ctx: BenchContext): Promise<string> {
  if (ctx.extra.workspace) return ctx.extra.workspace; // --workspace DIR: a prepared workspace of the same log
  for (const name of ['ws-csv', 'ws-profitability', 'ws-segments', 'ws-server', 'ws-retention'])
    if (existsSync(join(ctx.runDir, name, 'cvm.duckdb'))) return join(ctx.runDir, name);
  const dir = join(ctx.runDir, 'ws-retention');
  rmSync(dir, { recursive: true, force: true });
  const { parquet } = syntheticLogFiles(ctx);
  ctx.log(`ingesting ${parquet} into ${dir} (untimed)`);
  const engine = await openWorkspace({ dir });
  await ingestFile(engine, parquet);
  await engine.close();
  return dir;
}

registerBench({
  name: 'retention',
  group: 'retention',
  description:
    'risk, timing, value at risk and the at-risk / win-back lists for every customer; list and filtered customer-table pages; vs the plain summary',
  after: ['ingest'],
  rssTargetMb: 1536,
  async run(ctx) {
    const dir = await retentionWorkspace(ctx);
    const at1M = ctx.customers >= BASE_CUSTOMERS;
    const target = (max: number): { target?: { max: number } } => (at1M ? { target: { max } } : {});
    const engine = await openWorkspace({ dir, mustExist: true });
    ctx.record({ name: 'machine load average (1 min) at the start', value: loadavg()[0]!, unit: '' });
    try {
      const { s, summary, withHistory, historyCpu, history, summariesPeakRssMb } = await summariesSideBySide(ctx, engine);
      const fit = await ctx.time(() =>
        predictCustomers(
          { x: s.frequency, tx: s.recency, T: s.T, mx: s.monetaryValue },
          { model: 'bg-nbd', period: 'week', horizon: 52, annualDiscountRate: 0.1, margin: 1 },
        ),
      );
      const p = fit.value;
      ctx.record({
        name: '  BG/NBD + Gamma-Gamma fit and scores (models stage, for the record)',
        value: fit.seconds,
        unit: 's',
        note: cpu(fit),
      });
      const scores = {
        customerId: s.customerId,
        pAlive: p.pAlive,
        expectedPurchases: p.expectedPurchases,
        expectedSpend: p.expectedSpend,
        clv: p.clv,
        horizonYears: 52 / PERIODS_PER_YEAR.week,
        annualDiscountRate: 0.1,
        model: 'bg-nbd' as const,
        warnings: [] as string[],
      };
      const seg = await ctx.time(() => segmentWithScores(engine, { asOf: s.calibrationEnd, scores, summary: s }));
      ctx.record({ name: '  segmentation with scores (segments stage, for the record)', value: seg.seconds, unit: 's', note: cpu(seg) });
      const models = { model: 'bg-nbd', params: p.fit.params, units: p.units } as unknown as ModelsReport;
      ctx.record({
        name: '  for the record: the standalone history query it replaces (before issue 12 rework; own scan and netting)',
        value: history.seconds,
        unit: 's',
        note: cpu(history),
      });
      const rssBefore = process.memoryUsage.rss() / 2 ** 20;
      const runs: number[] = [],
        cpus: number[] = [];
      let stage: Awaited<ReturnType<typeof runRetention>> | undefined;
      ctx.record({
        name: '  peak RSS sampled through the summaries / the fit / the segmentation (before the retention stage)',
        value: summariesPeakRssMb,
        unit: 'MB',
        note: `standalone history ${history.peakRssMb.toFixed(0)} MB, fit ${fit.peakRssMb.toFixed(0)} MB, segmentation ${seg.peakRssMb.toFixed(0)} MB`,
      });
      let peak = 0; // from here on: the retention stage, its table load and the pages
      let pagesPeak = 0,
        stagePeak = 0;
      for (let r = 0; r < ctx.repeat; r++) {
        const t = await ctx.time(() => runRetention(engine, { summary: s, models, scores, segmentation: seg.value, profit: null }));
        runs.push(t.seconds);
        cpus.push(t.cpuSeconds);
        peak = Math.max(peak, t.peakRssMb);
        stagePeak = Math.max(stagePeak, t.peakRssMb);
        stage = t.value;
      }
      const risk = Math.min(...runs),
        riskCpu = Math.min(...cpus);
      ctx.record({
        name: 'retention stage: risk, timing, value at risk, lists, reasons (every customer)',
        value: risk,
        unit: 's',
        note: `${riskCpu.toFixed(2)} CPU-s; all: ${runs.map((x) => x.toFixed(2)).join(', ')}; at-risk ${n(stage!.report.lists.atRisk.customers)}, win-back ${n(stage!.report.lists.winBack.customers)}`,
      });
      const baseColumns = () => [
        ...summaryColumns(s),
        ...scoreColumns(p as never, p.units.horizon),
        ...segmentColumns(seg.value, s.customerId),
      ];
      // side by side, the table without the retention columns before and after the full one (best of two: no cold-start bias)
      const base1 = await ctx.time(() => loadCustomerTable(engine, s.customerId, baseColumns(), { title: 'bench' }));
      const load = await ctx.time(async () => {
        const cols = [
          ...summaryColumns(s),
          ...scoreColumns(p as never, p.units.horizon),
          ...segmentColumns(seg.value, s.customerId),
          ...retentionColumns(stage!.scores, stage!.reason, stage!.channel, stage!.report.valueUnit),
        ];
        return loadCustomerTable(engine, s.customerId, cols, { title: 'bench' });
      });
      peak = Math.max(peak, base1.peakRssMb, load.peakRssMb);
      ctx.record({
        name: '  customer table with the retention columns loaded into the engine',
        value: load.seconds,
        unit: 's',
        note: `${load.value.columns.length} columns, ${cpu(load)}`,
      });
      ctx.record({ name: '  RSS before the retention stage (summary, scores, segmentation held)', value: rssBefore, unit: 'MB' });
      ctx.record({ name: '  retention stage / summary', value: risk / summary.seconds, unit: '×', note: 'same workspace, same run' });
      const pages: [string, ReturnType<typeof retentionListTable>, string[], string?][] = [
        ['at-risk list, page 1 (by value at risk)', retentionListTable(load.value, 'at_risk'), []],
        ['win-back list, page 1, tier filter', retentionListTable(load.value, 'win_back'), ['value_tier:in:Gold|Silver']],
        [
          'customer table filtered (churn_risk high, tier Gold, by value at risk)',
          load.value,
          ['churn_risk:eq:high', 'value_tier:eq:Gold'],
          'value_at_risk',
        ],
        [
          'customer table filtered (p_return < 0.2, overdue > 2, by days silent)',
          load.value,
          ['p_return:lt:0.2', 'overdue:gt:2'],
          'days_silent',
        ],
      ];
      for (const [name, t, filter, sort] of pages) {
        const times: number[] = [];
        let total = 0;
        for (let r = 0; r < ctx.repeat + 1; r++) {
          const q = tableQuerySchema.parse({ pageSize: 50, filter, ...(sort ? { sort } : {}) });
          const x = await ctx.time(() => tablePage(engine, t, q));
          times.push(x.seconds);
          peak = Math.max(peak, x.peakRssMb);
          pagesPeak = Math.max(pagesPeak, x.peakRssMb);
          total = x.value.total;
        }
        ctx.record({
          name,
          value: Math.min(...times.slice(1)),
          unit: 's',
          ...target(0.3),
          note: `${n(total)} rows; all: ${times.map((x) => x.toFixed(3)).join(', ')} (first cold)`,
        });
      }
      ctx.record({
        name: '  peak RSS sampled through the stage, the table load and the pages',
        value: peak,
        unit: 'MB',
        target: { max: 1536 },
        note: `stage ${stagePeak.toFixed(0)} MB, table without the retention columns ${base1.peakRssMb.toFixed(0)} MB, with them ${load.peakRssMb.toFixed(0)} MB, pages ${pagesPeak.toFixed(0)} MB`,
      });
      const base2 = await ctx.time(() => loadCustomerTable(engine, s.customerId, baseColumns(), { title: 'bench' }));
      const base = base2.cpuSeconds < base1.cpuSeconds ? base2 : base1;
      ctx.record({
        name: '  customer table without the retention columns (before issue 12)',
        value: base.seconds,
        unit: 's',
        note: `${base.value.columns.length} columns, ${cpu(base)} (best of two, loaded before and after the full table: ${base1.cpuSeconds.toFixed(2)}, ${base2.cpuSeconds.toFixed(2)})`,
      });
      const added = Math.max(0, load.seconds - base.seconds) + Math.max(0, withHistory.seconds - summary.seconds);
      ctx.record({
        name: 'risk, timing and lists after the summary (history in the summary, retention stage, the columns it adds to the table load)',
        value: risk + added,
        unit: 's',
        ...target(5),
      });
      ctx.record({ name: '  the same / summary', value: (risk + added) / summary.seconds, unit: '×', note: 'same workspace, same run' });
      const addedCpu = Math.max(0, load.cpuSeconds - base.cpuSeconds);
      ctx.record({
        name: '  the same in CPU-s (process, DuckDB threads included)',
        value: riskCpu + addedCpu + historyCpu,
        unit: 'CPU-s',
        note: `history in the summary's pass ${historyCpu.toFixed(2)} + stage ${riskCpu.toFixed(2)} + columns ${addedCpu.toFixed(2)}; summary ${summary.cpuSeconds.toFixed(2)} CPU-s → ${((riskCpu + addedCpu + historyCpu) / summary.cpuSeconds).toFixed(2)}× the summary`,
      });
      ctx.record({ name: 'machine load average (1 min) at the end', value: loadavg()[0]!, unit: '' });
    } finally {
      await engine.close();
    }
  },
});
