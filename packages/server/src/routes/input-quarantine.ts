import { z } from 'zod';
import { INPUT_KINDS, inputQuarantineReport } from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import type { ApiInputQuarantine } from '@cvm/core/api';

export const inputQuarantineQuerySchema = z.object({
  kind: z.enum(Object.keys(INPUT_KINDS) as [string, ...string[]]).optional(),
  reason: z.string().min(1).max(100).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/** GET /api/data/input-quarantine: the rejected rows of the customers, spend and prospects files with their file, line and reason. */
export const inputQuarantineRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/data/input-quarantine', async (c) => {
      const q = parseQuery(c, inputQuarantineQuerySchema);
      const table = await inputQuarantineReport(state.engine, { kind: q.kind, reason: q.reason });
      if (q.format === 'csv') return reportTableCsv(table, q.kind ? `quarantine-${q.kind}.csv` : 'quarantine-inputs.csv');
      return c.json({ status: 'ok', total: table.rows.length, table } satisfies ApiInputQuarantine);
    });
  },
  paths: {
    '/api/data/input-quarantine': {
      get: {
        summary:
          "Quarantined rows of the files beside the log (customers, marketing spend, prospects; issue 11): kind, file, line, reason code and its meaning, detail, raw record. The transactions' rejected rows are at /api/data/quarantine",
        parameters: [
          { name: 'kind', in: 'query', schema: { type: 'string', enum: Object.keys(INPUT_KINDS) } },
          { name: 'reason', in: 'query', schema: { type: 'string' }, description: 'an input quarantine reason code, e.g. negative_amount' },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
        ],
        responses: { 200: oa.json('{ status, total, table } (a core report table) or CSV'), 400: oa.error },
      },
    },
  },
};
