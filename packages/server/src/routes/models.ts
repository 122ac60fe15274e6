import { runModelsWithScores, type ModelScores, type ModelsReport } from '@cvm/core';
import type { WorkspaceState } from '../workspace-state.js';
import { oa, type RouteModule } from './route-module.js';

/** The core's models run: the report (holdout validation, recommended model, total and top CLV) and every customer's scores, cached per data version. */
export function modelsRun(state: WorkspaceState, validateAt = state.validateAt): Promise<{ report: ModelsReport; scores: ModelScores }> {
  return state.cached('models', async () => {
    const { summary } = await state.overview();
    return runModelsWithScores(state.engine, summary, { period: summary.period, validateAt });
  });
}

/** The models report alone (see {@link modelsRun}). */
export async function modelsReport(state: WorkspaceState, validateAt?: string): Promise<ModelsReport> {
  return (await modelsRun(state, validateAt)).report;
}

/** GET /api/models: the same ModelsReport `cvm report` prints (validation, comparison, CLV with units). */
export function modelRoutes(validateAt?: string): RouteModule {
  return {
    register(app, { state }) {
      app.get('/api/models', async (c) => c.json({ status: 'ok', validateAt: validateAt ?? null, models: await modelsReport(state, validateAt) }));
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
