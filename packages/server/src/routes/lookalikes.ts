import { z } from 'zod';
import { lookalikeStage, type LookalikeStageOptions } from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import { notComputed } from './not-computed.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import type { ApiLookalikes } from '@cvm/core/api';

export const lookalikeQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100_000).default(100),
  topShare: z.coerce.number().gt(0).lt(1).optional(),
  folds: z.coerce.number().int().min(2).max(20).optional(),
  lambda: z.coerce.number().positive().finite().optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

/** The stage options of a validated query (the route and its tests share it); CSV lists every prospect. */
export function lookalikeOptionsOf(q: z.infer<typeof lookalikeQuerySchema>): LookalikeStageOptions {
  return { topShare: q.topShare, folds: q.folds, lambda: q.lambda, seed: q.seed, limit: q.format === 'csv' ? Infinity : q.limit };
}

/** GET /api/prospects/lookalikes: the validation verdict first, then the ranked prospects with their reasons. */
export const lookalikeRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/prospects/lookalikes', async (c) => {
      const q = parseQuery(c, lookalikeQuerySchema);
      const s = await lookalikeStage(state, lookalikeOptionsOf(q));
      if (s.status !== 'ok') return c.json({ ...notComputed('lookalikes', s.reason), code: s.code } satisfies ApiLookalikes);
      if (q.format === 'csv')
        return reportTableCsv(s.section.tables.find((t) => t.id === 'lookalikes.prospects')!, 'lookalike-prospects.csv');
      const { prospects, validation, ...report } = s.report;
      return c.json({
        status: 'ok',
        ...report,
        validation: { ...validation, edges: Array.from(validation.edges) },
        prospectCount: prospects.ids.length,
        unseen: prospects.unseen,
        section: s.section,
      } satisfies ApiLookalikes);
    });
  },
  paths: {
    '/api/prospects/lookalikes': {
      get: {
        summary:
          'Look-alike prospects (issue 11): the k-fold validation verdict (AUC with DeLong interval, top-decile lift, calibration, channel-only baseline) first, attribute effects, then prospects ranked by the probability of the top value tier with expected CLV and the attributes that drive the score; status not_computed (with code and reason) without customer attributes, prospects or fitted models. format=csv downloads every ranked prospect',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 100000, default: 100 },
            description: 'prospects in the JSON table (CSV: all)',
          },
          {
            name: 'topShare',
            in: 'query',
            schema: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.2 },
            description: 'top tier = this share of customers by predicted CLV',
          },
          { name: 'folds', in: 'query', schema: { type: 'integer', minimum: 2, maximum: 20, default: 5 } },
          { name: 'lambda', in: 'query', schema: { type: 'number', exclusiveMinimum: 0 }, description: 'L2 penalty' },
          { name: 'seed', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
        ],
        responses: { 200: oa.json('Look-alike report with its section, or not_computed'), 400: oa.error },
      },
    },
  },
};
