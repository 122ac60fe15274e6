import { concentrationCurve, histogram, paretoShares, tablePage } from '@cvm/core';
import { oa, type RouteModule } from './route-module.js';
import { customerScores } from '../scores.js';
import type { ApiClv, ApiValue } from '@cvm/core/api';

/** GET /api/value: concentration of historic net revenue, its distribution and the top customers. */
export const valueRoutes: RouteModule = {
  register(app, { state, validateAt }) {
    app.get('/api/value', async (c) => {
      const { summary } = await state.overview();
      const result = await state.cached('value', async (): Promise<ApiValue> => {
        const top = await tablePage(
          state.engine,
          await state.customerTable(),
          { page: 1, pageSize: 20, sort: 'net_revenue', dir: 'desc', filter: [], format: 'json' },
          state.permutations,
        );
        return {
          status: 'ok',
          valueKind: 'historic',
          valueLabel: `net revenue (purchases - returns) up to ${summary.calibrationEnd}, in the log's currency`,
          calibrationEnd: summary.calibrationEnd,
          customers: summary.length,
          concentration: paretoShares(summary.netRevenue),
          lorenz: concentrationCurve(summary.netRevenue),
          histogram: histogram(summary.netRevenue),
          top,
          predictedClv: { status: 'separate', route: '/api/value/clv' },
          computedAt: new Date().toISOString(),
        };
      });
      return c.json(result satisfies ApiValue);
    });

    app.get('/api/value/clv', async (c) => {
      const result = await state.cached('value-clv', async (): Promise<ApiClv> => {
        const s = await customerScores(state);
        let total = 0;
        for (const v of s.clv) total += v;
        return {
          status: 'ok',
          model: s.model,
          units: s.units,
          warnings: s.warnings,
          valueLabel: `predicted CLV: discounted expected margin, ${s.units.horizon}, ${s.units.discount}, ${s.units.margin} (currency)`,
          customers: s.clv.length,
          total,
          mean: s.clv.length ? total / s.clv.length : 0,
          concentration: paretoShares(s.clv),
          histogram: histogram(s.clv),
          histogramRule: '20 equal bins from 0 to the 99th percentile of CLV; the last bin also holds the customers above it',
          computedAt: new Date().toISOString(),
        };
      });
      return c.json(result satisfies ApiClv);
    });
  },
  paths: {
    '/api/value': {
      get: {
        summary: 'Customer value: share of historic net revenue held by the top 1/5/20%, Lorenz curve, distribution, top customers',
        responses: { 200: oa.json('Value report'), 400: oa.error },
      },
    },
    '/api/value/clv': {
      get: {
        summary:
          'Predicted CLV per customer under the fitted models (the recommended count model and Gamma-Gamma): distribution, total, mean, share held by the top 1/5/20%; units in the answer',
        responses: { 200: oa.json('CLV distribution'), 400: oa.error, 422: oa.error },
      },
    },
  },
};
