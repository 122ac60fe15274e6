import type { Context } from 'hono';
import { z } from 'zod';
import {
  AUDIENCE_COLUMNS, assignArms, customerCampaigns, customerCampaignTable, assignmentListTable, campaignFromForm, campaignListSection, campaignPlanSection, campaignResults, campaignResultsSection, campaignUpliftSection, createCampaign,
  getCampaign, InputError, listCampaigns, loadAssignments, previewCampaign, saveAssignments, selectAudience, SEGMENT_COLUMNS, type CampaignResults,
  filterSchema,
} from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';

/** The create form (POST body): the fields of `CampaignForm`, validated here and again by the core. */
export const campaignFormSchema = z.strictObject({
  name: z.string().min(1).max(200),
  id: z.string().max(64).optional(),
  description: z.string().max(2000).optional(),
  audience: z.array(filterSchema).max(20).default([]),
  action: z.string().min(1).max(500),
  sendDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  windowDays: z.number().int().min(1).max(3650),
  controlShare: z.number().gt(0).lt(1).default(0.1),
  holdoutShare: z.number().min(0).lt(1).default(0),
  seed: z.string().min(1).max(200).optional(),
  marginPct: z.number().min(0).max(100).optional(),
  costPerContact: z.number().min(0).optional(),
  effectRate: z.number().gt(0).lt(1).optional(),
  effectRevenue: z.number().gt(0).optional(),
  replace: z.boolean().default(false),
});
export type CampaignFormBody = z.infer<typeof campaignFormSchema>;

/** The form's JSON Schema for the OpenAPI document, derived from the zod schema that validates it. */
const FORM_JSON_SCHEMA = z.toJSONSchema(campaignFormSchema, { io: 'input' }) as Record<string, unknown>;

const idParam = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a campaign id (lower-case letters, digits, dashes)').max(64);

export const resultsQuerySchema = z.object({
  by: z.array(z.enum(SEGMENT_COLUMNS)).max(4).default([]),
  bootstrap: z.coerce.number().int().min(0).max(10_000).default(1000),
  seed: z.coerce.number().int().min(0).max(2 ** 31).default(1),
  format: z.enum(['json', 'csv']).default('json'),
  table: z.string().max(64).optional(),
});

export const upliftQuerySchema = z.object({
  outcome: z.enum(['responded', 'revenue']).default('responded'),
  method: z.enum(['two-model', 'transformed-outcome']).default('two-model'),
  seed: z.coerce.number().int().min(0).max(2 ** 31).default(1),
});

async function body(c: Context): Promise<CampaignFormBody> {
  const raw = await c.req.json().catch(() => {
    throw new InputError('bad_body', 'The request body must be JSON: the campaign form (name, audience, action, sendDate, windowDays, controlShare, …)', {});
  });
  const r = campaignFormSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InputError('bad_campaign', `Campaign field ${issue.path.join('.') || '(body)'}: ${issue.message}`, { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return r.data;
}

const idOf = (c: Context): string => {
  const r = idParam.safeParse(c.req.param('id'));
  if (!r.success) throw new InputError('bad_campaign_id', `Campaign id: ${r.error.issues[0]!.message}`, {});
  return r.data;
};

/** Results without the per-customer arrays of the uplift model. */
const resultsJson = (r: CampaignResults) => ({ ...r, uplift: r.uplift ? (({ scores: _s, curve: _c, ...rest }) => rest)(r.uplift) : null });

/**
 * Campaigns with randomised control groups (issue 14): list, preview and create (audience filters,
 * control share, seed; the power before launch), re-assign, target and control lists, results and
 * the uplift model, each as the core's report section beside the core's result object.
 */
export const campaignRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/campaigns', async (c) => {
      const rows = await listCampaigns(state.engine);
      return c.json({ status: 'ok', campaigns: rows, section: campaignListSection(rows), audienceColumns: AUDIENCE_COLUMNS, segmentColumns: SEGMENT_COLUMNS });
    });
    const plan = async (c: Context, store: boolean) => {
      const f = await body(c);
      const campaign = campaignFromForm(f);
      const preview = await previewCampaign(state.engine, campaign, { effects: { responseRate: f.effectRate, revenue: f.effectRevenue } });
      if (store) await createCampaign(state.engine, campaign, { replace: f.replace });
      const { ids: _ids, ...audience } = preview.audience;
      return c.json({ status: 'ok', created: store, campaign, audience: { ...audience, customers: preview.audience.ids.length }, counts: preview.counts, power: preview.power, section: campaignPlanSection(preview, store) }, store ? 201 : 200);
    };
    app.post('/api/campaigns/preview', (c) => plan(c, false));
    app.post('/api/campaigns', (c) => plan(c, true));
    app.post('/api/campaigns/:id/assign', async (c) => {
      const stored = await getCampaign(state.engine, idOf(c));
      const audience = await selectAudience(state.engine, stored.campaign);
      const a = assignArms(audience.ids, stored.campaign);
      await saveAssignments(state.engine, stored.campaign.id, a, audience.asOf);
      return c.json({ status: 'ok', id: stored.campaign.id, audienceAsOf: audience.asOf, source: audience.source, counts: a.counts });
    });
    app.get('/api/campaigns/:id/assignments', async (c) => {
      const id = idOf(c);
      const t = assignmentListTable(await loadAssignments(state.engine, id));
      if (c.req.query('format') === 'csv') return reportTableCsv(t, `${id}-assignments.csv`);
      return c.json({ status: 'ok', id, customers: t.rows.length, table: { ...t, rows: t.rows.slice(0, 1000) }, truncated: t.rows.length > 1000 });
    });
    app.get('/api/campaigns/:id/results', async (c) => {
      const id = idOf(c);
      const q = parseQuery(c, resultsQuerySchema, ['by']);
      const r = await campaignResults(state.engine, id, { by: q.by, bootstrap: q.bootstrap === 0 ? false : { resamples: q.bootstrap, seed: q.seed } });
      const section = campaignResultsSection(r);
      if (q.format === 'csv') {
        const t = section.tables.find((x) => x.id === (q.table ?? 'experiment.verdicts'));
        if (!t) throw new InputError('bad_query', `table must be one of ${section.tables.map((x) => x.id).join(', ')}`, {});
        return reportTableCsv(t, `${id}-${t.id}.csv`);
      }
      return c.json({ status: 'ok', results: resultsJson(r), section });
    });
    app.get('/api/customers/:id/campaigns', async (c) => {
      const id = z.string().min(1).max(200).parse(c.req.param('id'));
      const rows = await customerCampaigns(state.engine, id);
      return c.json({ status: 'ok', customerId: id, campaigns: rows, table: customerCampaignTable(rows) });
    });
    app.get('/api/campaigns/:id/uplift', async (c) => {
      const id = idOf(c);
      const q = parseQuery(c, upliftQuerySchema);
      const r = await campaignResults(state.engine, id, { bootstrap: false, uplift: { outcome: q.outcome, method: q.method, seed: q.seed } });
      return c.json({ status: 'ok', uplift: resultsJson(r).uplift, section: campaignUpliftSection(r) });
    });
  },
  paths: {
    '/api/campaigns': {
      get: { summary: 'Campaigns of the workspace with their status (defined, assigned, in window, complete)', responses: { 200: oa.json('campaigns and the list section'), 400: oa.error } },
      post: {
        summary: 'Create a campaign: audience as customer-table filters column:op:value, control share (default 0.1), global holdout share, seed; assigns by hashing (seed, customer id) and returns the power before launch. 201 Created',
        requestBody: { required: true, content: { 'application/json': { schema: FORM_JSON_SCHEMA } } },
        responses: { 201: oa.json('the campaign, its groups, the power and the plan section'), 400: oa.error },
      },
    },
    '/api/campaigns/preview': {
      post: {
        summary: 'What creating the campaign would do, without storing it: audience size, groups and the power (minimum detectable effects at 80% power, 5% two-sided; control share needed for effectRate/effectRevenue)',
        requestBody: { required: true, content: { 'application/json': { schema: FORM_JSON_SCHEMA } } },
        responses: { 200: oa.json('the groups, the power and the plan section'), 400: oa.error },
      },
    },
    '/api/campaigns/{id}/assign': {
      post: { summary: 'Re-evaluate the audience on the current data and assign it again (same seed: a customer keeps the arm)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: oa.json('counts per arm'), 400: oa.error } },
    },
    '/api/campaigns/{id}/assignments': {
      get: {
        summary: 'The target and control lists (customer, arm, hash number); format=csv downloads all, JSON shows the first 1,000',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } }],
        responses: { 200: oa.json('the assignment table'), 400: oa.error },
      },
    },
    '/api/campaigns/{id}/results': {
      get: {
        summary: 'Results per arm: response rate, revenue and margin per customer; lift with Newcombe (rates) and Welch/bootstrap (means) 95% intervals, p-values, incremental totals, the sample-ratio-mismatch check and the verdict in words; by= breaks the uplift down by segment',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'by', in: 'query', schema: { type: 'array', items: { type: 'string', enum: [...SEGMENT_COLUMNS] } }, style: 'form', explode: true },
          { name: 'bootstrap', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 10000, default: 1000 } },
          { name: 'seed', in: 'query', schema: { type: 'integer', default: 1 } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
          { name: 'table', in: 'query', schema: { type: 'string' }, description: 'table id for format=csv (default experiment.verdicts)' },
        ],
        responses: { 200: oa.json('the results and the results section'), 400: oa.error },
      },
    },
    '/api/customers/{id}/campaigns': {
      get: { summary: 'The campaigns a customer was in and the group (target, control or global holdout), by send date', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: oa.json('the campaigns and their table'), 400: oa.error } },
    },
    '/api/campaigns/{id}/uplift': {
      get: {
        summary: 'Uplift model of the campaign (whom to target next time): two-model or transformed-outcome ridge regressions on the snapshot scores, Qini curve and coefficient on a held-out 30% against random targeting',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'outcome', in: 'query', schema: { type: 'string', enum: ['responded', 'revenue'], default: 'responded' } },
          { name: 'method', in: 'query', schema: { type: 'string', enum: ['two-model', 'transformed-outcome'], default: 'two-model' } },
          { name: 'seed', in: 'query', schema: { type: 'integer', default: 1 } },
        ],
        responses: { 200: oa.json('the model (Qini points every 10%) and the uplift section'), 400: oa.error },
      },
    },
  },
};
