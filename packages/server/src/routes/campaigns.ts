import type { Context } from 'hono';
import { z } from 'zod';
import {
  AUDIENCE_COLUMNS,
  requireAudience,
  assignArms,
  customerCampaigns,
  customerCampaignTable,
  assignmentListTable,
  campaignFromForm,
  campaignListSection,
  campaignPlanSection,
  campaignResults,
  campaignResultsSection,
  campaignUpliftSection,
  createCampaign,
  getCampaign,
  InputError,
  listCampaigns,
  loadAssignments,
  previewCampaign,
  saveAssignments,
  selectAudience,
  SEGMENT_COLUMNS,
  type CampaignResults,
  filterSchema,
} from '@cvm/core';
import { reportTableCsv } from '../report-csv.js';
import { campaignPaths } from './campaigns-openapi.js';
import { parseQuery, type RouteModule } from './route-module.js';
import type {
  ApiCampaignAssign,
  ApiCampaignAssignments,
  ApiCampaignPlan,
  ApiCampaignResults,
  ApiCampaignUplift,
  ApiCampaigns,
  ApiCustomerCampaigns,
} from '@cvm/core/api';

/** The create form (POST body): the fields of `CampaignForm`, validated here and again by the core. */
export const campaignFormSchema = z.strictObject({
  name: z.string().min(1).max(200),
  id: z.string().max(64).optional(),
  description: z.string().max(2000).optional(),
  audience: z.array(filterSchema).max(20).default([]),
  /** A saved audience (GET /api/audiences) whose filters join `audience`. */
  savedAudience: z.string().min(1).max(200).optional(),
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

const idParam = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a campaign id (lower-case letters, digits, dashes)')
  .max(64);

export const resultsQuerySchema = z.object({
  by: z.array(z.enum(SEGMENT_COLUMNS)).max(4).default([]),
  bootstrap: z.coerce.number().int().min(0).max(10_000).default(1000),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
  format: z.enum(['json', 'csv']).default('json'),
  table: z.string().max(64).optional(),
});

/** GET /api/campaigns/{id}/assignments: json shows the first 1,000 rows, csv downloads all. */
export const assignmentsQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });

export const upliftQuerySchema = z.object({
  outcome: z.enum(['responded', 'revenue']).default('responded'),
  method: z.enum(['two-model', 'transformed-outcome']).default('two-model'),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(1),
});

async function body(c: Context): Promise<CampaignFormBody> {
  const raw = await c.req.json().catch(() => {
    throw new InputError(
      'bad_body',
      'The request body must be JSON: the campaign form (name, audience, action, sendDate, windowDays, controlShare, …)',
      {},
    );
  });
  const r = campaignFormSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InputError('bad_campaign', `Campaign field ${issue.path.join('.') || '(body)'}: ${issue.message}`, {
      issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return r.data;
}

const idOf = (c: Context): string => {
  const r = idParam.safeParse(c.req.param('id'));
  if (!r.success) throw new InputError('bad_campaign_id', `Campaign id: ${r.error.issues[0]!.message}`, {});
  return r.data;
};

/**
 * Campaign writes one at a time: the core's create and assign run BEGIN … COMMIT on the shared
 * connection, and two of them interleaved would nest transactions.
 */
let writing: Promise<unknown> = Promise.resolve();
function oneWriter<T>(run: () => Promise<T>): Promise<T> {
  const next = writing.then(run, run);
  writing = next.catch(() => undefined);
  return next;
}

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
      return c.json({
        status: 'ok',
        campaigns: rows,
        section: campaignListSection(rows),
        audienceColumns: AUDIENCE_COLUMNS,
        segmentColumns: SEGMENT_COLUMNS,
      } satisfies ApiCampaigns);
    });
    const plan = async (c: Context, store: boolean) => {
      const f = await body(c);
      // a saved audience's filters join the form's, re-evaluated on the snapshot before the send date
      const saved = f.savedAudience === undefined ? [] : (await requireAudience(state.engine, f.savedAudience)).filters;
      const { savedAudience: _s, ...form } = f;
      const campaign = campaignFromForm({ ...form, audience: [...form.audience, ...saved] });
      const preview = await previewCampaign(state.engine, campaign, { effects: { responseRate: f.effectRate, revenue: f.effectRevenue } });
      if (store) await oneWriter(() => createCampaign(state.engine, campaign, { replace: f.replace }));
      const { ids: _ids, ...audience } = preview.audience;
      return c.json(
        {
          status: 'ok',
          created: store,
          campaign,
          audience: { ...audience, customers: preview.audience.ids.length },
          counts: preview.counts,
          power: preview.power,
          section: campaignPlanSection(preview, store),
        } satisfies ApiCampaignPlan,
        store ? 201 : 200,
      );
    };
    app.post('/api/campaigns/preview', (c) => plan(c, false));
    app.post('/api/campaigns', (c) => plan(c, true));
    app.post('/api/campaigns/:id/assign', async (c) => {
      const stored = await getCampaign(state.engine, idOf(c));
      const audience = await selectAudience(state.engine, stored.campaign);
      const a = assignArms(audience.ids, stored.campaign);
      await oneWriter(() => saveAssignments(state.engine, stored.campaign.id, a, audience.asOf));
      return c.json({
        status: 'ok',
        id: stored.campaign.id,
        audienceAsOf: audience.asOf,
        source: audience.source,
        counts: a.counts,
      } satisfies ApiCampaignAssign);
    });
    app.get('/api/campaigns/:id/assignments', async (c) => {
      const id = idOf(c);
      const t = assignmentListTable(await loadAssignments(state.engine, id));
      if (parseQuery(c, assignmentsQuerySchema).format === 'csv') return reportTableCsv(t, `${id}-assignments.csv`);
      return c.json({
        status: 'ok',
        id,
        customers: t.rows.length,
        table: { ...t, rows: t.rows.slice(0, 1000) },
        truncated: t.rows.length > 1000,
      } satisfies ApiCampaignAssignments);
    });
    app.get('/api/campaigns/:id/results', async (c) => {
      const id = idOf(c);
      const q = parseQuery(c, resultsQuerySchema, ['by']);
      const r = await campaignResults(state.engine, id, {
        by: q.by,
        bootstrap: q.bootstrap === 0 ? false : { resamples: q.bootstrap, seed: q.seed },
      });
      const section = campaignResultsSection(r);
      if (q.format === 'csv') {
        const t = section.tables.find((x) => x.id === (q.table ?? 'experiment.verdicts'));
        if (!t) throw new InputError('bad_query', `table must be one of ${section.tables.map((x) => x.id).join(', ')}`, {});
        return reportTableCsv(t, `${id}-${t.id}.csv`);
      }
      return c.json({ status: 'ok', results: resultsJson(r), section } satisfies ApiCampaignResults);
    });
    app.get('/api/customers/:id/campaigns', async (c) => {
      const id = z.string().min(1).max(200).parse(c.req.param('id'));
      const rows = await customerCampaigns(state.engine, id);
      return c.json({ status: 'ok', customerId: id, campaigns: rows, table: customerCampaignTable(rows) } satisfies ApiCustomerCampaigns);
    });
    app.get('/api/campaigns/:id/uplift', async (c) => {
      const id = idOf(c);
      const q = parseQuery(c, upliftQuerySchema);
      const r = await campaignResults(state.engine, id, {
        bootstrap: false,
        uplift: { outcome: q.outcome, method: q.method, seed: q.seed },
      });
      return c.json({ status: 'ok', uplift: resultsJson(r).uplift, section: campaignUpliftSection(r) } satisfies ApiCampaignUplift);
    });
  },
  paths: campaignPaths(FORM_JSON_SCHEMA),
};
