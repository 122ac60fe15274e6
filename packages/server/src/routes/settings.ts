import { loadCostModel } from '@cvm/core';
import { oa, type RouteModule } from './route-module.js';
import type { ApiSettings } from '@cvm/core/api';

/**
 * GET /api/settings: how the dashboard shows amounts. The currency is `--currency` when given,
 * else the cost model's (`currency:` in the YAML, USD by default there), else null (the log
 * carries no currency: the pages say "in the log's currency").
 */
export function settingsRoutes(options: { currency?: string; costs?: string }): RouteModule {
  return {
    register(app) {
      app.get('/api/settings', async (c) => {
        const fromCosts =
          options.currency === undefined && options.costs !== undefined
            ? (await loadCostModel(options.costs).catch(() => null))?.currency
            : undefined;
        return c.json({
          status: 'ok',
          currency: options.currency ?? fromCosts ?? null,
          source: options.currency !== undefined ? 'option' : fromCosts ? 'cost model' : null,
        } satisfies ApiSettings);
      });
    },
    paths: {
      '/api/settings': {
        get: {
          summary: "Display settings: the currency of amounts (--currency, else the cost model's, else null)",
          responses: { 200: oa.json('Settings') },
        },
      },
    },
  };
}
