import { CvmError, runModelsWithScores, runOverview, runProfitSummary, runSegmentsReport, type Engine, type IngestReport, type ProfitSummary, type SegmentsReport, type SummaryOptions, type CostModel } from '@cvm/core';
import type { Output, Table } from '../output.js';
import type { Progress } from '../progress.js';
import { modelsOutput, overviewOutput } from './report.js';

const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const int = (v: number): string => v.toLocaleString('en-US');
const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

/** Value tiers, the Pareto view, lifecycle counts and the migration over the last two quarters. */
export function segmentsOutput(s: SegmentsReport): Output {
  const basis = s.valueKind === 'clv' ? 'predicted CLV' : s.valueKind === 'profit' ? 'profit' : 'historic net revenue';
  const text = ['', `Segments as of ${s.asOf} (computed ${s.computedAt})`];
  for (const w of s.valueWarnings) text.push(`WARNING (the tiers rank predicted CLV from a doubtful fit): ${w}`);
  text.push(`Value concentration: ${s.pareto.map((p) => `top ${pct(p.topShare)} hold ${pct(p.valueShare)}`).join(', ')} of ${basis}`);
  const tables: Table[] = [
    {
      title: `Value tiers by ${basis}`,
      columns: ['tier', 'customers', 'share of customers', 'value', 'share of value', 'rule'],
      rows: s.tiers.map((t) => [t.name, t.count, pct(t.customerShare), t.value, pct(t.valueShare), t.rule]),
    },
    {
      title: 'Lifecycle stages',
      columns: ['stage', 'customers', 'share'],
      rows: s.lifecycle.map((l) => [l.stage, l.customers, pct(l.share)]),
      notes: s.lifecycleRules,
    },
  ];
  const migration: Output = { text: [''], tables: [], json: s.migration };
  if (s.migration) {
    migration.text!.push(`Tier migration over the last two quarters (${s.migration.basis}):`);
    for (const m of s.migration.steps) {
      migration.text!.push(`  ${m.from} -> ${m.to}: ${int(m.stayed)} stayed, ${int(m.movedUp)} moved up, ${int(m.movedDown)} moved down a tier, ${int(m.acquired)} new; ${int(m.downgrades)} moved down or into at risk (value ${money(m.downgradeValue)} at ${m.from})`);
    }
    const last = s.migration.steps[s.migration.steps.length - 1]!;
    const x = last.matrix;
    migration.tables.push({
      title: `Tier transitions ${last.from} -> ${last.to} (customers; rows = tier on ${last.from})`,
      columns: ['from \\ to', ...x.toStates, 'total'],
      rows: x.fromStates.map((f, i) => [f, ...x.counts[i]!, x.rowTotals[i]!]),
      notes: ['cvm migrate --from DATE --to DATE --workspace DIR shows row %, value moved and the Markov value per tier'],
    });
  } else {
    migration.text!.push(`Tier migration skipped: ${s.migrationSkipped}`);
  }
  return { text, tables, json: s, sections: [migration] };
}

/** The whale curve figures and the margin x cost-to-serve matrix. */
export function profitOutput(p: ProfitSummary): Output {
  const w = p.whale, t = p.totals;
  const text = [
    '',
    `Profitability (cost model "${p.model.name}"${p.model.illustrative ? ', illustrative numbers' : ''}; ${p.period.start} .. ${p.period.end}, ${p.model.currency})`,
    `Profit               ${money(t.profit)} = net revenue ${money(t.netRevenue)} - product cost ${money(t.productCost)} - cost-to-serve ${money(t.costToServe)}${t.unassignedCost ? ` (unassigned cost ${money(t.unassignedCost)})` : ''}; pools ${p.balanced ? 'reconcile to the cent' : 'DO NOT reconcile'}`,
    `Whale curve          peaks at ${w.peakPctOfTotal.toFixed(1)}% of total profit after the ${int(w.peakCustomers)} profitable customers (${pct(w.peakCustomerShare)})`,
    `Unprofitable         ${int(w.unprofitableCustomers)} customers (${pct(w.unprofitableShare)}) destroy ${money(w.profitDestroyed)}`,
  ];
  if (p.profitClv) {
    text.push(`Profit-based CLV     ${money(p.profitClv.total)} over the next ${p.profitClv.horizonYears.toFixed(2)} years (discounted); ${int(p.profitClv.negativeCustomers)} customers expected to lose money`);
    for (const w of p.profitClv.warnings) text.push(`WARNING (profit-based CLV): ${w}`);
  }
  for (const warning of p.warnings) text.push(`Warning: ${warning}`);
  return {
    text,
    tables: [{
      title: 'Margin x cost-to-serve matrix',
      columns: ['quadrant', 'rule', 'customers', 'net revenue', 'profit', 'suggested action'],
      rows: p.quadrants.map((q) => [q.label, q.rule, q.customers, q.netRevenue, q.profit, q.action]),
      notes: p.matrixNotes,
    }],
    json: p,
  };
}

export interface MainReportOptions {
  summary: SummaryOptions;
  ingest: IngestReport[];
  validateAt?: string;
  noModels?: boolean;
  /** Cost model (loaded by the command before the log is read, so a bad file fails fast): adds the profitability section. */
  costModel?: CostModel | null;
  progress: Progress;
}

/**
 * The main job's report (`npm start`, `cvm report`, `cvm serve`): overview, models and CLV,
 * segments with the migration summary, and profitability when a cost model is given. The CSV and
 * NDJSON formats carry the overview's key figures. When the models cannot run (a log too small for
 * them, a fit that fails), the rest is reported as with `--no-models` and `modelsSkipped` says why.
 */
export async function mainReport(engine: Engine, o: MainReportOptions): Promise<Output & { csvTable: Table }> {
  o.progress.stage('summarising');
  const { report, summary } = await runOverview(engine, [], {}, o.summary);
  report.ingest = o.ingest;
  o.progress.stage('fitting and validating models');
  let models: Awaited<ReturnType<typeof runModelsWithScores>> | null = null;
  let modelsSkipped: string | null = o.noModels ? 'not asked for (--no-models)' : null;
  if (!o.noModels) {
    try {
      models = await runModelsWithScores(engine, summary, { period: summary.period, validateAt: o.validateAt });
    } catch (error) {
      // a log too small (or too odd) for the models still gets everything else, as with --no-models
      if (!(error instanceof CvmError)) throw error;
      modelsSkipped = error.message;
    }
  }
  o.progress.stage('segmenting');
  const segments = await runSegmentsReport(engine, { asOf: summary.calibrationEnd, scores: models?.scores });
  let profit: ProfitSummary | null = null;
  if (o.costModel) {
    o.progress.stage('computing customer profitability');
    profit = (await runProfitSummary(engine, o.costModel, models?.scores)).summary;
  }
  o.progress.done();
  const out = overviewOutput(report) as Output & { csvTable: Table };
  const parts: Output[] = [];
  if (models) parts.push(modelsOutput(models.report));
  else if (!o.noModels) parts.push({ text: ['', 'Customer lifetime value', `Models skipped (as with --no-models): ${modelsSkipped} Everything else below is reported; values are historic net revenue.`], tables: [], json: null });
  parts.push(segmentsOutput(segments));
  if (profit) parts.push(profitOutput(profit));
  out.sections = parts;
  out.json = { ...report, models: models?.report ?? null, modelsSkipped: models ? null : modelsSkipped, segments, profitability: profit };
  return out;
}
