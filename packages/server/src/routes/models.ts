import { CvmError, runModelsWithScores, type ModelScores, type ModelsReport } from '@cvm/core';
import { notComputed } from './not-computed.js';
import type { WorkspaceState } from '../workspace-state.js';
import { oa, type RouteModule } from './route-module.js';

/** The core's models run: the report (holdout validation, recommended model, total and top CLV) and every customer's scores, cached per data version. */
export function modelsRun(state: WorkspaceState, validateAt = state.validateAt): Promise<{ report: ModelsReport; scores: ModelScores | null }> {
  return state.cached('models', async () => {
    const { summary } = await state.overview();
    return runModelsWithScores(state.engine, summary, { period: summary.period, validateAt });
  });
}

/** The models report alone (see {@link modelsRun}). */
export async function modelsReport(state: WorkspaceState, validateAt?: string): Promise<ModelsReport> {
  return (await modelsRun(state, validateAt)).report;
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
        try {
          return c.json({ status: 'ok', validateAt: validateAt ?? null, models: await modelsReport(state, validateAt) });
        } catch (error) {
          if (!(error instanceof CvmError) || (error as CvmError).code !== 'too_few_customers_for_models') throw error;
          return c.json(notComputed('models', `${error.message} The rest of the dashboard shows historic values.`));
        }
      });
    },
    paths: {
      '/api/models': {
        get: {
          summary: 'Model fit: holdout tracking curve, predicted vs actual by frequency, model comparison; the recommended model\'s total CLV and top customers (units in the answer)',
          responses: { 200: oa.json('ModelsReport'), 400: oa.error, 422: oa.error },
        },
      },
    },
  };
}
