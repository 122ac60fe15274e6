import { z } from 'zod';
import { buildPlan, InputError, listPlans, planFiguresTable, planSections, savePlan, type PlanOptions } from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import { oa, parseQuery, queryParams, type RouteModule } from './route-module.js';
import type { ApiPlan, ApiPlanList, ApiPlanSaved } from '@cvm/core/api';

export const planQuerySchema = z.object({
  contactCost: z.coerce.number().min(0).max(1e9).optional(),
  retainRisk: z.coerce.number().min(0).max(1).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  /** Which table format=csv downloads: figures (every number) or a step's table id without `plan.`. */
  table: z
    .string()
    .regex(/^[a-z_.]+$/, 'must be a table name such as figures or commit.segments')
    .default('figures'),
});

/** The plan options of a validated query. */
export function planOptionsOf(q: z.infer<typeof planQuerySchema>): PlanOptions {
  return { contactCost: q.contactCost, retainRiskShare: q.retainRisk };
}

/**
 * GET /api/plan: the customer value plan (the five steps, every number with its dashboard route,
 * each missing part with how to add it) and its sections; format=csv&table=NAME downloads a table.
 * POST /api/plan/save stores the current plan in the workspace (the next plan's Improve step compares
 * with it); GET /api/plan/saved lists the stored plans (as-of day and save time).
 */
export const planRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/plan', async (c) => {
      const q = parseQuery(c, planQuerySchema);
      const plan = await buildPlan(state, planOptionsOf(q));
      const sections = planSections(plan);
      if (q.format === 'csv') {
        const tables = [planFiguresTable(plan), ...sections.flatMap((s) => s.tables)];
        const t = tables.find((x) => x.id === `plan.${q.table}`);
        if (!t)
          throw new InputError(
            'bad_query',
            `No plan table "${q.table}"; available: ${tables.map((x) => x.id.replace(/^plan\./, '')).join(', ')}`,
            { table: q.table },
          );
        return reportTableCsv(t, `plan-${q.table.replace('.', '-')}.csv`);
      }
      return c.json({ status: 'ok', plan, sections } satisfies ApiPlan);
    });
    app.post('/api/plan/save', async (c) => {
      const q = parseQuery(c, planQuerySchema);
      const plan = await buildPlan(state, planOptionsOf(q));
      const saved = await savePlan(state.engine, plan);
      return c.json({ status: 'ok', saved } satisfies ApiPlanSaved);
    });
    app.get('/api/plan/saved', async (c) => {
      const plans = await listPlans(state.engine);
      return c.json({
        status: 'ok',
        plans: plans.map((p) => ({
          asOf: p.asOf,
          savedAt: p.savedAt,
          segments: p.plan.segments.length,
          campaigns: p.plan.campaigns.length,
        })),
      } satisfies ApiPlanList);
    });
  },
  paths: {
    '/api/plan': {
      get: {
        summary:
          "The customer value plan (issue 15): Discover (CLV, profit, concentration, tiers and their moves), Commit (a goal per value tier × lifecycle stage by the stated rule), Create (campaigns proposed from the at-risk, win-back, headroom and look-alike reports with control groups, expected incremental value and cost), Assess (stored campaigns' uplift, NPS and the satisfaction-profit chain), Improve (the previous saved plan's goals met or not, campaigns to scale or stop). Every number has the dashboard route it comes from; parts without data name what is missing and how to add it. format=csv&table=NAME downloads a table (figures, commit.segments, create.campaigns, assess.campaigns, improve.goals, <step>.figures)",
        parameters: queryParams(planQuerySchema, {
          contactCost: "cost of contacting one customer (default: the newest stored campaign's)",
          retainRisk: 'value-at-risk share that makes a segment\'s goal "retain" (default 0.4)',
          table: 'which table format=csv downloads: figures, or a step table such as commit.segments',
        }),
        responses: { 200: oa.json('The plan and its sections'), 400: oa.error },
      },
    },
    '/api/plan/save': {
      post: {
        summary: 'Store the current plan in the workspace with its as-of day and the save time (same query parameters as GET /api/plan)',
        responses: { 200: oa.json('{ status, saved: { asOf, savedAt } }'), 400: oa.error },
      },
    },
    '/api/plan/saved': {
      get: {
        summary: 'The stored plans, newest first: as-of day, save time, segments and proposed campaigns',
        responses: { 200: oa.json('{ status, plans }') },
      },
    },
  },
};
