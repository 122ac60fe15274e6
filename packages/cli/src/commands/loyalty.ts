import {
  checkNumber,
  Analysis,
  InputError,
  requireScores,
  loadLoyaltyProgram,
  loadPurchaseDays,
  loyaltyOverTimeTable,
  loyaltyReport,
  loyaltySection,
} from '@cvm/core';
import { LOG_OPTIONS, stringOf, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import { ANALYSIS_OPTIONS, analysisOptionsOf, commandArgs, withSource } from '../command-preamble.js';
import type { Context } from '../context.js';
import { fromReportTable, sectionOutput } from '../output.js';

const LOYALTY_OPTIONS: OptionSpecs = {
  program: { type: 'string' },
  compare: { type: 'string', multiple: true },
  horizon: { type: 'string' },
  view: { type: 'string' },
};

/** `cvm loyalty LOG|--workspace DIR --program FILE [--compare FILE]…`: tiers over time, retention, spend, CLV and cost by tier. */
export async function loyaltyCommand(argv: string[], ctx: Context): Promise<number> {
  const cmd = commandArgs(argv, ctx, {
    name: 'loyalty',
    specs: [LOG_OPTIONS, SUMMARY_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, LOYALTY_OPTIONS, ANALYSIS_OPTIONS],
  });
  if (typeof cmd === 'number') return cmd;
  const { values, format } = cmd;
  const programFile = stringOf(values.program);
  if (programFile === undefined)
    throw new InputError(
      'bad_usage',
      'cvm loyalty needs --program FILE (a YAML programme: tiers with min/max on spend or points over a rolling window; see data/loyalty/three-tiers.yaml)',
      {},
    );
  const compare = Array.isArray(values.compare) ? values.compare : [];
  const horizonText = stringOf(values.horizon);
  const horizonDays = horizonText === undefined ? undefined : checkNumber('loyaltyHorizonDays', horizonText, '--horizon');
  const view = stringOf(values.view) ?? 'tiers';
  if (!['tiers', 'over-time', 'totals'].includes(view))
    throw new InputError('bad_usage', `--view must be tiers, over-time or totals; got "${view}"`, {});
  // bad programme files fail before the log is read
  const programs = [await loadLoyaltyProgram(programFile), ...(await Promise.all(compare.map((f) => loadLoyaltyProgram(f))))];
  return withSource(cmd, ctx, async ({ engine, ingest, progress }) => {
    const a = new Analysis(engine, analysisOptionsOf(values));
    progress.stage('summarising');
    const { summary } = await a.overview();
    progress.stage('fitting the models');
    const models = await a.models();
    progress.stage('loyalty tiers');
    const purchases = await loadPurchaseDays(a.engine, summary.calibrationEnd);
    const fitted = models.status === 'ok' ? requireScores(models, 'CLV by loyalty tier') : null;
    const clv = fitted ? { customerId: fitted.scores.customerId, values: fitted.scores.clv, unit: fitted.report.units.horizon } : null;
    const reports = programs.map((p) => loyaltyReport(purchases, p, { asOf: summary.calibrationEnd, horizonDays, clv }));
    progress.done();
    const section = loyaltySection(reports);
    const out = sectionOutput(section);
    const head = ingest.map(
      (i) =>
        `${i.file}: ${i.rowsAccepted.toLocaleString('en-US')} transactions accepted, ${i.rowsQuarantined.toLocaleString('en-US')} quarantined`,
    );
    if (models.status !== 'ok') head.push(`Models not fitted (${models.reason}): no CLV by tier`);
    const overTime = fromReportTable(loyaltyOverTimeTable(reports[0]!.overTime));
    const [byTier, totals] = out.tables;
    const machine = view === 'over-time' ? overTime : view === 'totals' ? totals! : byTier!;
    const json = { reports: reports.map(({ current: _c, ...r }) => r) };
    if (format === 'table') ctx.print({ ...out, text: [...head, ...out.text!], json }, format);
    else ctx.print({ tables: [machine], json }, format);
    return 0;
  });
}
