/**
 * The retention and feedback stages of an {@link Analysis} (issues 12 and 15): retention scores and
 * lists, lifecycle trends, the retention backtest and the feedback report, each memoised per data
 * version through `analysis.cached`. The `Analysis` methods of the same names call these.
 */
import type { Analysis } from './analysis.js';
import { InputError } from '../errors.js';
import { requireScores } from '../pipeline-models.js';
import { runRetention, type RetentionStage } from '../retention/retention-stage.js';
import { lifecycleTrends, type LifecycleTrends } from '../retention/trends.js';
import { retentionBacktest, type BacktestOptions, type RetentionBacktest } from '../retention/backtest.js';
import { runFeedbackStage, type FeedbackStage } from '../feedback/feedback-stage.js';
import { loadCustomerTable } from '../customers/customer-table.js';
import { scoreColumns, segmentColumns, summaryColumns } from '../customers/customer-columns.js';
import { RETENTION_LIST_KEYS, retentionColumns } from '../retention/retention-columns.js';
import type { ServedTable } from '../tables/served-table.js';

/** The retention stage of {@link Analysis.retention}. */
export function retentionStage(analysis: Analysis): Promise<RetentionStage> {
  return analysis.cached('retention', async () => {
    const { summary } = await analysis.overview();
    const models = await analysis.models();
    if (models.status === 'skipped')
      throw new InputError('models_required', `Retention scores need the CLV models, which did not run: ${models.reason}`, {
        code: models.code,
      });
    // a fallback (no model can be trusted) has no forecast to build on: no_trustworthy_model with the reason
    const { report, scores } = requireScores(
      { report: models.report, scores: models.status === 'ok' ? models.scores : null },
      'Retention (P(return), value at risk, the at-risk and win-back lists)',
    );
    const profit = await analysis.profitability();
    return runRetention(analysis.engine, {
      summary,
      models: report,
      scores,
      segmentation: await analysis.segmentation(),
      profit: profit?.result ?? null,
      options: analysis.options.retention,
      warnings: report.warnings,
    });
  });
}

/** Connection-local table of {@link retentionListsTableStage} (beside the whole customer table, never in its place). */
export const RETENTION_LISTS_TABLE = 'cvm_retention_customers';

/**
 * The table behind the retention lists of {@link Analysis.retentionListsTable}: every customer with
 * only the columns the lists read ({@link RETENTION_LIST_KEYS}), made by the customer table's own
 * column functions from the same stages, so a list served from it equals the one served from
 * `Analysis.customerTable()` row for row. What it does not compute: the offers, headroom, feedback
 * and profit columns and the CLV band, which no list shows or filters on (issue 12: `cvm at-risk`
 * at 1M customers). Throws as {@link retentionStage}.
 */
export function retentionListsTableStage(analysis: Analysis): Promise<ServedTable> {
  return analysis.cached('retention-lists-table', async () => {
    const r = await analysis.retention();
    const { summary } = await analysis.overview();
    const models = await analysis.models();
    if (models.status !== 'ok') throw new TypeError('retention ran without scored models'); // retention() throws first
    const ids = summary.customerId;
    const keys = new Set(RETENTION_LIST_KEYS);
    const columns = [
      ...summaryColumns(summary),
      ...scoreColumns(models.scores, models.report.units!.horizon, { band: false }),
      ...segmentColumns(await analysis.segmentation(), ids),
      ...retentionColumns(r.scores, r.reason, r.channel, r.report.valueUnit),
    ].filter((c) => keys.has(c.key));
    return loadCustomerTable(analysis.engine, ids, columns, {
      title: `Customers as of ${summary.calibrationEnd}`,
      table: RETENTION_LISTS_TABLE,
    });
  });
}

/** The lifecycle trends of {@link Analysis.retentionTrends}. */
export function retentionTrendsStage(analysis: Analysis): Promise<LifecycleTrends> {
  return analysis.cached('retention-trends', async () => {
    const { summary } = await analysis.overview();
    const seg = await analysis.segmentation();
    const o = seg.lifecycle.options;
    const lapseDays = Math.min(Math.max(o.lapsedMultiple * seg.lifecycle.baseRhythmDays, o.lapsedMinDays), o.maxDays);
    return lifecycleTrends(analysis.engine, { asOf: summary.calibrationEnd, lapseDays });
  });
}

/** The retention backtest of {@link Analysis.retentionBacktest}. */
export function retentionBacktestStage(
  analysis: Analysis,
  o: Pick<BacktestOptions, 'calibrationEnd' | 'holdoutEnd' | 'model'>,
): Promise<RetentionBacktest> {
  const { horizonDays: _h, ...retention } = analysis.options.retention ?? {};
  return analysis.cached(`retention-backtest:${o.calibrationEnd}:${o.holdoutEnd}:${o.model ?? ''}`, () =>
    retentionBacktest(analysis.engine, { ...o, period: analysis.options.summary?.period, retention }),
  );
}

/** The feedback stage of {@link Analysis.feedback}. */
export function feedbackStage(analysis: Analysis): Promise<FeedbackStage> {
  return analysis.cached('feedback', async () => {
    const { summary } = await analysis.overview();
    return runFeedbackStage(analysis.engine, { summary, segmentation: await analysis.segmentation(), models: await analysis.models() });
  });
}
