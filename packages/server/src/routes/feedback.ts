import { z } from 'zod';
import { feedbackSection, InputError } from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import { notComputed } from './not-computed.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import type { ApiFeedback } from '@cvm/core/api';

export const feedbackQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  /** Which table format=csv downloads: a table id without its `feedback.` prefix. */
  table: z
    .string()
    .regex(/^[a-z_]+$/, 'must be a table name such as by_value_tier')
    .default('overall'),
});

/**
 * GET /api/feedback: the core's feedback report (NPS and CSAT by tier, segment, channel, cohort and
 * month; response rate and non-response bias; value by NPS class; the satisfaction-profit chain) and
 * its section (the same lines and tables `cvm feedback` prints); not_computed, with how to add them,
 * when the workspace holds no survey responses. format=csv&table=NAME downloads one table.
 */
export const feedbackRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/feedback', async (c) => {
      const q = parseQuery(c, feedbackQuerySchema);
      const stage = await state.feedback();
      if (stage.status !== 'ok') return c.json({ ...notComputed('feedback', stage.reason), code: stage.code } satisfies ApiFeedback);
      const section = feedbackSection(stage.report);
      if (q.format === 'csv') {
        const t = section.tables.find((x) => x.id === `feedback.${q.table}`);
        if (!t)
          throw new InputError(
            'bad_query',
            `No feedback table "${q.table}"; available: ${section.tables.map((x) => x.id.replace(/^feedback\./, '')).join(', ')}`,
            { table: q.table },
          );
        return reportTableCsv(t, `feedback-${q.table}.csv`);
      }
      return c.json({ status: 'ok', report: stage.report, section } satisfies ApiFeedback);
    });
  },
  paths: {
    '/api/feedback': {
      get: {
        summary:
          'Customer feedback tied to value (issue 15): NPS (adjusted-Wald interval) and CSAT overall and by value tier, RFM segment, lifecycle stage, survey and acquisition channel, cohort and month; response rate and non-response bias; customers and CLV by latest NPS class; the satisfaction-profit chain (detractors and promoters against passives, with its asymmetry). status not_computed (with code and reason) without survey responses. format=csv&table=NAME downloads one table (overall, by_value_tier, by_rfm_segment, by_lifecycle_stage, by_survey_channel, by_acquisition_channel, by_cohort, by_month, non_response, tier_mix, value_by_class, chain)',
        parameters: [
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
          { name: 'table', in: 'query', schema: { type: 'string', default: 'overall' }, description: 'which table format=csv downloads' },
        ],
        responses: { 200: oa.json('Feedback report and section, or not_computed'), 400: oa.error },
      },
    },
  },
};
