import { runModels } from '@cvm/core';
import type { WorkspaceState } from '../workspace-state.js';
import { oa, type RouteModule } from './route-module.js';

/** The core's models report (holdout validation, recommended model, total and top CLV), cached per data version. */
export function modelsReport(state: WorkspaceState, validateAt?: string) {
  return state.cached('models', async () => {
    const { summary } = await state.overview();
    return runModels(state.engine, summary, { period: summary.period, validateAt });
  });
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
