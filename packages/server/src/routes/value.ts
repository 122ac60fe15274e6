import { paretoShares } from '@cvm/core';
import { CUSTOMERS_TABLE, concentrationSql } from '../sql/customers-sql.js';
import { tablePage } from '../table.js';
import { customersSpec } from './customers.js';
import { oa, type RouteModule } from './route-module.js';
import { notComputed } from './not-computed.js';

/** GET /api/value: concentration of historic net revenue, its distribution and the top customers. */
export const valueRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/value', async (c) => {
      const summary = await state.customers();
      const result = await state.cached('value', async () => {
        const lorenz = await state.engine.rows<{ r: number; n: number; share: number }>(concentrationSql(200));
        const histogram = await state.engine.rows<{ lo: number; hi: number; customers: number }>(
          `WITH b AS (SELECT quantile_cont(net_revenue, 0.99) AS top FROM ${CUSTOMERS_TABLE}),
           x AS (SELECT least(floor(greatest(net_revenue, 0) / (b.top / 20)), 20) AS k FROM ${CUSTOMERS_TABLE}, b WHERE b.top > 0)
           SELECT k * (SELECT top FROM b) / 20 AS lo, (k + 1) * (SELECT top FROM b) / 20 AS hi, count(*) AS customers FROM x GROUP BY k ORDER BY k`);
        const top = await tablePage(state.engine, customersSpec(summary.period), { page: 1, pageSize: 20, sort: 'net_revenue', dir: 'desc', filter: [], format: 'json' }, state.permutations);
        return {
          status: 'ok',
          valueKind: 'historic',
          valueLabel: `net revenue (purchases - returns) up to ${summary.calibrationEnd}, in the log's currency`,
          calibrationEnd: summary.calibrationEnd,
          customers: summary.length,
          concentration: paretoShares(summary.netRevenue),
          lorenz: lorenz.map((p) => ({ customerShare: p.r / p.n, valueShare: p.share })),
          histogram,
          top,
          predictedClv: notComputed('predicted_clv', 'The CLV distribution needs fitted purchase and spend models; until then this page shows historic net revenue, labelled as such.'),
          computedAt: new Date().toISOString(),
        };
      });
      return c.json(result);
    });
  },
  paths: {
    '/api/value': {
      get: { summary: 'Customer value: share of historic net revenue held by the top 1/5/20%, Lorenz curve, distribution, top customers', responses: { 200: oa.json('Value report'), 400: oa.error } },
    },
  },
};
