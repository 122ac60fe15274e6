import { z } from 'zod';
import {
  profitMatrixTable,
  pnlTable,
  pnlTableSpec,
  poolsTable,
  profitGroupTables,
  REMEDIES,
  REMEDY_LABELS,
  unprofitableTable,
  WHALE_RULE,
  whaleTable,
} from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import type { WorkspaceState } from '../workspace-state.js';
import { notComputed, type NotComputed } from './not-computed.js';
import { oa, parseQuery, queryParams, type RouteModule } from './route-module.js';
import type { ApiProfitability } from '@cvm/core/api';

export const profitQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  table: z.enum(['pnl', 'unprofitable', 'by_tier', 'by_channel', 'quadrants', 'whale', 'pools']).default('pnl'),
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
        const group = profitGroupTables(cur);
        if (q.format === 'csv') {
          const name = `profitability-${q.table}.csv`;
          // every table as `cvm profit --view tier|channel|matrix|pools|whale|unprofitable|pnl --format csv` writes it (one spec in core)
          if (q.table === 'by_tier') return reportTableCsv(group.tier(report.byTier), name);
          if (q.table === 'by_channel') return reportTableCsv(group.channel(report.byChannel ?? []), name);
          if (q.table === 'quadrants') return reportTableCsv(profitMatrixTable(report.matrix, cur), name);
          if (q.table === 'pools') return reportTableCsv(poolsTable(r), name);
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
          remedyLabels: REMEDY_LABELS,
          tables: {
            whale: whaleTable(report.whale, cur),
            unprofitable: unprofitableTable(report.unprofitable, cur),
            pools: poolsTable(r),
            matrix: profitMatrixTable(report.matrix, cur),
            byTier: group.tier(report.byTier),
            byChannel: report.byChannel ? group.channel(report.byChannel) : null,
          },
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
            "Customer profitability under the server's cost model (--costs): whale curve, margin × cost-to-serve matrix with actions, profit by value tier and channel, unprofitable customers with their top cost drivers and remedies; `tables` holds the whale curve, the unprofitable customers, the cost pools, the matrix and profit by tier and channel as core report tables (columns with labels, kinds, units; the CSV downloads' columns), `pnlColumns` the columns of the P&L CSV; status not_computed without a cost model. format=csv&table=pnl|unprofitable|by_tier|by_channel|quadrants|whale|pools downloads a table (the CSV of cvm profit --view pnl|unprofitable|tier|channel|matrix|whale|pools)",
          parameters: queryParams(profitQuerySchema, { table: 'which table format=csv downloads (pnl = one row per customer)' }),
          responses: { 200: oa.json('Profitability report or not_computed'), 400: oa.error },
        },
      },
    },
  };
}
