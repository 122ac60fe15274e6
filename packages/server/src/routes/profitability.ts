import { z } from 'zod';
import {
  MARGIN_MATRIX_COLUMNS,
  marginMatrixRows,
  pnlTable,
  pnlTableSpec,
  PROFIT_GROUP_COLUMNS,
  profitGroupRows,
  REMEDIES,
  unprofitableTable,
  WHALE_RULE,
  whaleTable,
} from '@cvm/core';
import { csvDownload, reportTableCsv } from '../report-csv.js';
import type { WorkspaceState } from '../workspace-state.js';
import { notComputed, type NotComputed } from './not-computed.js';
import { oa, parseQuery, queryParams, type RouteModule } from './route-module.js';
import type { ApiProfitability } from '@cvm/core/api';

export const profitQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  table: z.enum(['pnl', 'unprofitable', 'by_tier', 'by_channel', 'quadrants', 'whale']).default('pnl'),
});

export const noCostModel = (): NotComputed =>
  notComputed(
    'profitability',
    'Profit needs a cost model: start the server with --costs FILE (see data/cdnow/cost-model.example.yaml; `npm start` passes it).',
  );

/**
 * The core's profitability result and report for the server's cost model, cached per data version
 * (the cost model file is read once per data version too). Null without a cost model.
 */
export function profitability(state: WorkspaceState, _costs?: string) {
  return state.profitability();
}

/** GET /api/profitability: whale curve, margin × cost-to-serve matrix, profit by tier and channel, unprofitable customers. */
export function profitabilityRoutes(costs: string | undefined): RouteModule {
  return {
    register(app, { state }) {
      app.get('/api/profitability', async (c) => {
        const q = parseQuery(c, profitQuerySchema);
        const p = await profitability(state, costs);
        if (p === null) return c.json(noCostModel() satisfies ApiProfitability);
        const { result: r, report, computedAt } = p;
        const cur = r.model.currency;
        if (q.format === 'csv') {
          const name = `profitability-${q.table}.csv`;
          const group = ['group', ...PROFIT_GROUP_COLUMNS];
          const groupRows = (g: typeof report.byTier | null) => profitGroupRows(g ?? []);
          if (q.table === 'by_tier') return csvDownload(name, group, groupRows(report.byTier));
          if (q.table === 'by_channel') return csvDownload(name, group, groupRows(report.byChannel));
          if (q.table === 'quadrants') return csvDownload(name, MARGIN_MATRIX_COLUMNS, marginMatrixRows(report.matrix));
          // the three per-customer tables as `cvm profit --view whale|unprofitable|pnl --format csv` writes them (one spec in core)
          if (q.table === 'whale') return reportTableCsv(whaleTable(report.whale, cur), name);
          if (q.table === 'unprofitable') return reportTableCsv(unprofitableTable(report.unprofitable, cur), name);
          return reportTableCsv(pnlTable(r, report), name);
        }
        const { assignment: _a, ...matrix } = report.matrix;
        return c.json({
          status: 'ok',
          computedAt,
          model: r.model,
          currency: cur,
          period: r.period,
          units: { money: `${cur}, ${r.period.start} to ${r.period.end}` },
          totals: r.totals,
          pools: r.pools.map((x) => ({
            name: x.name,
            driver: x.driver,
            unit: x.unit,
            channel: x.channel,
            cost: x.cost,
            totalVolume: x.totalVolume,
            rate: x.rate,
            assigned: x.assigned,
            unassigned: x.unassigned,
            unassignedReason: x.unassignedReason,
          })),
          reconciliation: {
            balanced: r.reconciliation.balanced,
            poolCost: r.reconciliation.poolCost,
            assigned: r.reconciliation.assigned,
            unassigned: r.reconciliation.unassigned,
          },
          warnings: r.warnings,
          whale: report.whale,
          matrix,
          byTier: report.byTier,
          byChannel: report.byChannel,
          unprofitable: report.unprofitable,
          remedies: REMEDIES,
          tables: { whale: whaleTable(report.whale, cur), unprofitable: unprofitableTable(report.unprofitable, cur) },
          pnlColumns: [...pnlTableSpec(r, report).columns],
          rules: {
            profit:
              'net revenue - product cost - cost-to-serve (activity-based: each cost pool spread over customers by its driver volume)',
            whale: WHALE_RULE,
            matrix: `high margin = gross margin % ≥ ${matrix.marginCutPct.toFixed(2)}% (median); high cost-to-serve = cost-to-serve % of net revenue ≥ ${matrix.costToServeCutPct.toFixed(2)}% (median); Shapiro et al. 1987`,
            tiers: 'value tiers by net revenue: Platinum top 1%, Gold top 5%, Silver top 20%, Bronze the rest',
          },
        } satisfies ApiProfitability);
      });
    },
    paths: {
      '/api/profitability': {
        get: {
          summary:
            "Customer profitability under the server's cost model (--costs): whale curve, margin × cost-to-serve matrix with actions, profit by value tier and channel, unprofitable customers with their top cost drivers and remedies; `tables` holds the whale curve and the unprofitable customers as core report tables (columns with labels, kinds, units), `pnlColumns` the columns of the P&L CSV; status not_computed without a cost model. format=csv&table=pnl|unprofitable|by_tier|by_channel|quadrants|whale downloads a table",
          parameters: queryParams(profitQuerySchema, { table: 'which table format=csv downloads (pnl = one row per customer)' }),
          responses: { 200: oa.json('Profitability report or not_computed'), 400: oa.error },
        },
      },
    },
  };
}
