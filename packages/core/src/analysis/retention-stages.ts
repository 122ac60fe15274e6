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
