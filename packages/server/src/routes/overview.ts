import { quarantineByReasonTable } from '@cvm/core';
import type { RouteModule } from './route-module.js';
import { oa } from './route-module.js';
import { noCostModel, profitability } from './profitability.js';
import { activeShare, segmentation } from './segments.js';
import type { ApiOverview } from '@cvm/core/api';

/**
 * GET /api/overview: the core's OverviewReport (the same object `cvm report` prints), the active
 * share, and total profit when the server has a cost model (else "not computed" with the reason).
 * Predicted CLV comes from /api/models (fitting is the slow part; the page asks for it separately).
 */
export const overviewRoutes: RouteModule = {
  register(app, { state, costs }) {
    app.get('/api/overview', async (c) => {
      const { report } = await state.overview();
      const p = await profitability(state, costs);
      return c.json({
        status: 'ok',
        overview: report,
        activeShare: activeShare(await segmentation(state)),
        profit:
          p === null
            ? noCostModel()
            : {
                status: 'ok',
                value: p.result.totals.profit,
                currency: p.result.model.currency,
                period: p.result.period,
                costModel: p.result.model.name,
                illustrative: p.result.model.illustrative,
                computedAt: p.computedAt,
              },
        predictedClv: { status: 'separate', route: '/api/models', field: 'models.totalClv' },
        // the quarantine counts as the core declares the table (`cvm report` prints it under the overview)
        tables: { quarantine: quarantineByReasonTable(report.quarantine) },
      } satisfies ApiOverview);
    });
  },
  paths: {
    '/api/overview': {
      get: {
        summary:
          'Overview: the core OverviewReport (customers, transactions, revenue, repeat buyers, date range, quarantine by reason), the active share, total profit (with --costs); predicted CLV is at /api/models',
        responses: { 200: oa.json('The overview report', { $ref: '#/components/schemas/Overview' }), 400: oa.error },
      },
    },
  },
};
