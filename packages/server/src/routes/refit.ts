import { fitStamp } from '@cvm/core';
import type { ApiRefit } from '@cvm/core/api';
import { oa, type RouteModule } from './route-module.js';

/**
 * Re-fits on demand (issue 16): `POST /api/refit` re-fits the models on the full data and recomputes
 * every stage (the summary, scores, segments, …), which an incremental refresh after new data does
 * not; it answers once the new fit is made, with the data version it was fitted at. The server's
 * rules apply as to every /api call that changes something (its token when it has one; no
 * cross-site browser posts). `cvm serve --refit-every` does the same on a schedule.
 */
export const refitRoutes: RouteModule = {
  register(app, { state }) {
    app.post('/api/refit', async (c) => {
      const fit = await state.refit();
      void state.customerTable().catch(() => undefined); // the rest warms in the background
      const m = await state.models();
      return c.json({
        status: fit ? 'ok' : m.status,
        dataVersion: (await state.workspaceVersion()).version,
        fit: fit ? fitStamp(fit) : null,
        reason: m.status === 'ok' ? null : m.reason,
      } satisfies ApiRefit);
    });
  },
  paths: {
    '/api/refit': {
      post: {
        summary:
          'Re-fit the models on the full data now and recompute every stage; replies with the new fit (data version and time it was fitted at). Between re-fits, data ingested is scored with the previous parameters',
        responses: { 200: oa.json('The new fit and the data version'), 400: oa.error },
      },
    },
  },
};
