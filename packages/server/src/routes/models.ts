import { InputError, modelComparisonTable, topCustomersOf, trackingReportTable, type ModelScores, type ModelsReport } from '@cvm/core';
import type { WorkspaceState } from '../workspace-state.js';
import { notComputed } from './not-computed.js';
import { fitOf } from '../scores.js';
import { oa, type RouteModule } from './route-module.js';
import type { ApiModels, ApiModelsReport } from '@cvm/core/api';

/**
 * The analysis' models stage (holdout validation, recommended model, total and top CLV, every
 * customer's scores); when the models were skipped, an InputError carrying the reason, so a route
 * that needs scores answers 422 with it.
 */
export async function modelsRun(state: WorkspaceState): Promise<{ report: ModelsReport; scores: ModelScores | null }> {
  const m = await state.models();
  if (m.status === 'skipped')
    throw new InputError(m.code === 'models_off' ? 'models_off' : 'models_not_fitted', `The CLV models were not fitted: ${m.reason}`, {
      code: m.code,
    });
  return { report: m.report, scores: m.status === 'ok' ? m.scores : null };
}

/**
 * The models report as JSON: each fit's covariance (a Float64Array in the core) as an array of
 * numbers, which JSON.stringify would otherwise write as an object keyed "0", "1", ….
 */
function modelsReportJson(r: ModelsReport): ApiModelsReport {
  if (!r.validation) return { ...r, validation: null };
  const models = r.validation.models.map((v) => ({ ...v, fit: { ...v.fit, covariance: Array.from(v.fit.covariance) } }));
  return { ...r, validation: { ...r.validation, models } };
}

/**
 * GET /api/models: the same ModelsReport `cvm report` prints (validation, comparison, CLV with units,
 * the fits' doubts in `warnings`, or `fallback` when no model can be trusted); "not computed" with the
 * reason when the models cannot run on this log (e.g. too few customers), as `cvm report` skips them.
 */
export function modelRoutes(validateAt?: string): RouteModule {
  return {
    register(app, { state }) {
      app.get('/api/models', async (c) => {
        const m = await state.models();
        if (m.status === 'skipped')
          return c.json(
            notComputed(
              'models',
              `The CLV models were not fitted: ${m.reason} The rest of the dashboard shows historic values.`,
            ) satisfies ApiModels,
          );
        // the comparison as the core's report table, so the dashboard shows its labels, units and kinds
        const comparison = m.report.validation ? modelComparisonTable(m.report.validation.comparison.rows) : null;
        // issue 17: the tracking chart's table alternative, every period with the holdout band (core's table)
        const tracking = m.report.validation ? trackingReportTable(m.report.validation) : null;
        return c.json({
          status: 'ok',
          validateAt: validateAt ?? null,
          models: modelsReportJson(m.report),
          comparison,
          tracking,
          // the top customers as `cvm report` prints them (by CLV, or by historic net revenue on the fallback)
          top: topCustomersOf(m.report),
          fit: await fitOf(state),
        } satisfies ApiModels);
      });
    },
    paths: {
      '/api/models': {
        get: {
          summary:
            "Model fit: holdout tracking curve (with its prediction band and, in `tracking`, every period as a table), predicted vs actual by frequency, model comparison; the recommended model's total CLV and top customers (units in the answer)",
          responses: {
            200: oa.json('ModelsReport, or not_computed with the reason (too few customers, models turned off)'),
            400: oa.error,
          },
        },
      },
    },
  };
}
