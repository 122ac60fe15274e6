// By hand (not in the registry): the retention stage and its customer-table columns on a prepared
// workspace, one step at a time with CPU seconds and RSS, for a CPU profile (node --cpu-prof).
//   node --cpu-prof --import tsx packages/core/bench/retention-profile.ts WORKSPACE_DIR
import { openWorkspace } from '../src/workspace.js';
import { summarize } from '../src/summary/summary.js';
import { predictCustomers } from '../src/scores/predict.js';
import { PERIODS_PER_YEAR } from '../src/scores/clv.js';
import { segmentWithScores } from '../src/pipeline-segments.js';
import { runRetention } from '../src/retention/retention-stage.js';
import { retentionColumns } from '../src/retention/retention-columns.js';
import { loadCustomerTable } from '../src/customers/customer-table.js';
import { scoreColumns, segmentColumns, summaryColumns } from '../src/customers/customer-columns.js';
import type { ModelsReport } from '../src/pipeline.js';

const engine = await openWorkspace({ dir: process.argv[2]!, mustExist: true });
const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const c0 = process.cpuUsage(),
    t0 = performance.now();
  const v = await fn();
  const c = process.cpuUsage(c0);
  const rss = process.memoryUsage.rss() / 2 ** 20;
  console.log(
    `${name}: ${((c.user + c.system) / 1e6).toFixed(2)} CPU-s, ${((performance.now() - t0) / 1e3).toFixed(1)} s wall, RSS ${rss.toFixed(0)} MB, max ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  return v;
};
const s = await step('summary with the history', () =>
  summarize(engine, { period: 'week', historyLookbackDays: 90, previousPurchase: true }),
);
const p = await step('fit', async () =>
  predictCustomers(
    { x: s.frequency, tx: s.recency, T: s.T, mx: s.monetaryValue },
    { model: 'bg-nbd', period: 'week', horizon: 52, annualDiscountRate: 0.1, margin: 1 },
  ),
);
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
const seg = await step('segmentation', () => segmentWithScores(engine, { asOf: s.calibrationEnd, scores, summary: s }));
const models = { model: 'bg-nbd', params: p.fit.params, units: p.units } as unknown as ModelsReport;
const stage = await step('retention stage', () => runRetention(engine, { summary: s, models, scores, segmentation: seg, profit: null }));
const base = [...summaryColumns(s), ...scoreColumns(p as never, p.units.horizon), ...segmentColumns(seg, s.customerId)];
const ret = retentionColumns(stage.scores, stage.reason, stage.channel, stage.report.valueUnit);
const numeric = ret.filter((c) => c.values instanceof Float64Array);
const short = ret.filter((c) => !(c.values instanceof Float64Array) && c.key !== 'retention_reason');
const reason = ret.filter((c) => c.key === 'retention_reason');
for (const [name, cols] of [
  ['table, 24 columns', base],
  ['table, 24 + numeric retention columns', [...base, ...numeric]],
  ['table, 24 + numeric + short text retention columns', [...base, ...numeric, ...short]],
  ['table, 40 columns', [...base, ...numeric, ...short, ...reason]],
  ['table, 24 columns again', base],
] as const)
  await step(`${name} (${cols.length})`, () => loadCustomerTable(engine, s.customerId, cols));
await step('retention columns built', async () => retentionColumns(stage.scores, stage.reason, stage.channel, stage.report.valueUnit));
await engine.close();
