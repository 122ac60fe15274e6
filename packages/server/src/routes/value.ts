import { paretoShares } from '@cvm/core';
import { CUSTOMERS_TABLE, concentrationSql } from '../sql/customers-sql.js';
import { tablePage } from '../table.js';
import { customersSpec } from './customers.js';
import { oa, type RouteModule } from './route-module.js';
import { customerScores } from '../scores.js';

/** A histogram of `values` in `bins` equal bins from 0 to the 99th percentile (the last bin holds everything above). */
export function histogram(values: Float64Array, bins = 20): { lo: number; hi: number; customers: number }[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return [];
  const top = sorted[Math.min(n - 1, Math.floor(0.99 * (n - 1)))]!;
  if (!(top > 0)) return [{ lo: sorted[0]!, hi: sorted[n - 1]!, customers: n }];
  const w = top / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) counts[Math.min(bins - 1, Math.max(0, Math.floor(v / w)))]!++;
  return counts.map((customers, k) => ({ lo: k * w, hi: k === bins - 1 ? sorted[n - 1]! : (k + 1) * w, customers }));
}

/** GET /api/value: concentration of historic net revenue, its distribution and the top customers. */
export const valueRoutes: RouteModule = {
  register(app, { state, validateAt }) {
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
          predictedClv: { status: 'separate', route: '/api/value/clv' },
          computedAt: new Date().toISOString(),
        };
      });
      return c.json(result);
    });

    app.get('/api/value/clv', async (c) => {
      const result = await state.cached('value-clv', async () => {
        const s = await customerScores(state, validateAt);
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
      return c.json(result);
    });
  },
  paths: {
    '/api/value': {
      get: { summary: 'Customer value: share of historic net revenue held by the top 1/5/20%, Lorenz curve, distribution, top customers', responses: { 200: oa.json('Value report'), 400: oa.error } },
    },
    '/api/value/clv': {
      get: { summary: 'Predicted CLV per customer under the fitted models (the recommended count model and Gamma-Gamma): distribution, total, mean, share held by the top 1/5/20%; units in the answer', responses: { 200: oa.json('CLV distribution'), 400: oa.error, 422: oa.error } },
    },
  },
};
