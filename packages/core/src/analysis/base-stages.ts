/**
 * The models stage and the customer table of an {@link Analysis}: the bodies of `Analysis.models()`
 * and `Analysis.customerTable()`, memoised per data version through `analysis.cached`.
 */
import type { Analysis, ModelsStage } from './analysis.js';
import { CvmError } from '../errors.js';
import { runModelsWithScores } from '../pipeline.js';
import { loadCustomerTable } from '../customers/customer-table.js';
import { profitColumns, scoreColumns, segmentColumns, summaryColumns } from '../customers/customer-columns.js';
import type { ServedTable } from '../tables/served-table.js';
import { retentionColumns } from '../retention/retention-columns.js';
import { feedbackColumns } from '../feedback/feedback-stage.js';
import { expansionColumns } from './expansion-stages.js';

/** The models stage of {@link Analysis.models}: validated, fitted and scored, a fallback, or skipped with the reason. */
export function modelsStage(analysis: Analysis): Promise<ModelsStage> {
  return analysis.cached('models', async () => {
    if (analysis.options.models === false)
      return { status: 'skipped', code: 'models_off', reason: 'the models were turned off (--no-models)' };
    const { summary } = await analysis.overview();
    try {
      const { report, scores } = await runModelsWithScores(analysis.engine, summary, {
        period: summary.period,
        validateAt: analysis.options.validateAt,
      });
      if (scores === null)
        return { status: 'fallback', report, reason: report.fallback?.reason ?? 'no count model can be trusted on this data' };
      return { status: 'ok', report, scores };
    } catch (error) {
      if (!(error instanceof CvmError)) throw error;
      return { status: 'skipped', code: error.code, reason: error.message };
    }
  });
}

/** The customer table of {@link Analysis.customerTable}: every stage's per-customer columns, loaded into the engine. */
export function customerTableStage(analysis: Analysis): Promise<ServedTable> {
  return analysis.cached('customer-table', async () => {
    const { summary } = await analysis.overview();
    const models = await analysis.models();
    const columns = summaryColumns(summary);
    if (models.status === 'ok') columns.push(...scoreColumns(models.scores, models.report.units!.horizon));
    columns.push(...segmentColumns(await analysis.segmentation(), summary.customerId));
    const profit = await analysis.profitability();
    if (profit)
      columns.push(
        ...profitColumns(profit.result.customers, summary.customerId, `${profit.result.period.start} to ${profit.result.period.end}`),
      );
    // expansion (issue 13): next best offer and up-sell headroom, when the log has product ids
    columns.push(...(await expansionColumns(analysis, summary.customerId)));
    if (models.status === 'ok') {
      const r = await analysis.retention();
      columns.push(...retentionColumns(r.scores, r.reason, r.channel, r.report.valueUnit));
    }
    // feedback (issue 15): each customer's latest NPS and CSAT answer, when the workspace has surveys
    const feedback = await analysis.feedback();
    if (feedback.status === 'ok') columns.push(...feedbackColumns(feedback.latest, summary.customerId));
    return loadCustomerTable(analysis.engine, summary.customerId, columns, { title: `Customers as of ${summary.calibrationEnd}` });
  });
}
