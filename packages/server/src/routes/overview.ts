import type { RouteModule } from './route-module.js';
import { oa } from './route-module.js';
import { notComputed } from './not-computed.js';
import { activeShare, segmentation } from './segments.js';

/** GET /api/overview: the core's OverviewReport (the same object `cvm report` prints) and what is still pending. */
export const overviewRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/overview', async (c) => {
      const { report } = await state.overview();
      return c.json({
        status: 'ok',
        overview: report,
        activeShare: activeShare(await segmentation(state)),
        pending: [
          notComputed('profit', 'Profit needs the cost-to-serve model (packages/core/src/profitability), which the server does not wire yet.'),
          notComputed('predicted_clv', 'Predicted CLV needs a fitted model and scores, which the core does not expose yet.'),
        ],
      });
    });
  },
  paths: {
    '/api/overview': {
      get: {
        summary: 'Overview: the core OverviewReport (customers, transactions, revenue, repeat buyers, date range, quarantine by reason), the active share, and what is not computed yet',
        responses: { 200: oa.json('The overview report', { $ref: '#/components/schemas/Overview' }), 400: oa.error },
      },
    },
  },
};
