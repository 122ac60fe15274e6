/** Schemas of the campaign routes (see server routes/campaigns.ts and core/campaigns). */
import { z } from 'zod';
import { ok, reportSectionSchema, reportTableSchema } from './common.js';
import { maybeNumber } from './models.js';

/** Where a campaign is in its life. */
export const campaignStatusSchema = z.enum(['defined', 'assigned', 'in window', 'complete']);
/** The arms of a stored campaign. */
export const armNameSchema = z.enum(['target', 'control', 'holdout']);

/** A validated campaign definition (`Campaign`); the target is a rule with its conditions, or a list of ids. */
export const campaignSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  target: z.union([
    z.strictObject({
      kind: z.literal('rule'),
      rule: z.string(),
      conditions: z.array(z.strictObject({ column: z.string(), op: z.string(), values: z.array(z.union([z.string(), z.number()])) })),
    }),
    z.strictObject({ kind: z.literal('ids'), ids: z.array(z.string()), source: z.string() }),
  ]),
  action: z.string(),
  sendDate: z.string(),
  windowDays: z.number().int(),
  windowEnd: z.string(),
  controlShare: z.number(),
  holdoutShare: z.number(),
  salt: z.string(),
  marginPct: z.number().nullable(),
  costPerContact: z.number(),
});

/** Customers per arm. */
export const armCountsSchema = z.strictObject({ target: z.number().int(), control: z.number().int(), holdout: z.number().int() });

/** GET /api/campaigns: the stored campaigns with their status, the list section and the audience columns. */
export const campaignsResponseSchema = z
  .strictObject({
    status: ok,
    campaigns: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        sendDate: z.string(),
        windowDays: z.number().int(),
        windowEnd: z.string(),
        controlShare: z.number(),
        holdoutShare: z.number(),
        customers: z.number().int().nullable(),
        dataEnd: z.string().nullable(),
        status: campaignStatusSchema,
      }),
    ),
    section: reportSectionSchema,
    /** Column of the segment snapshot → what it holds (the audience filter builder's choices). */
    audienceColumns: z.record(z.string(), z.string()),
    segmentColumns: z.array(z.string()).readonly(),
  })
  .meta({ id: 'Campaigns' });

/** POST /api/campaigns/preview (200) and POST /api/campaigns (201): the campaign, its groups and the power before launch. */
export const campaignPlanResponseSchema = z
  .strictObject({
    status: ok,
    created: z.boolean(),
    campaign: campaignSchema,
    audience: z.strictObject({ asOf: z.string().nullable(), source: z.string(), customers: z.number().int() }),
    counts: armCountsSchema,
    power: z.strictObject({
      audience: z.number().int(),
      controlShare: z.number(),
      alpha: z.number(),
      power: z.number(),
      rates: z.strictObject({
        customers: z.number().int(),
        responseRate: z.number(),
        revenueMean: z.number(),
        revenueSd: z.number(),
        window: z.strictObject({ from: z.string(), to: z.string() }).nullable(),
      }),
      rows: z.array(
        z.strictObject({
          metric: z.string(),
          base: z.number(),
          sd: z.number(),
          nTarget: z.number().int(),
          nControl: z.number().int(),
          mde: maybeNumber,
          mdeRelative: maybeNumber,
          effect: z.number().nullable(),
          shareNeeded: z.number().nullable(),
        }),
      ),
      notes: z.array(z.string()),
    }),
    section: reportSectionSchema,
  })
  .meta({ id: 'CampaignPlan' });

/** POST /api/campaigns/{id}/assign. */
export const campaignAssignResponseSchema = z
  .strictObject({ status: ok, id: z.string(), audienceAsOf: z.string().nullable(), source: z.string(), counts: armCountsSchema })
  .meta({ id: 'CampaignAssign' });

/** GET /api/campaigns/{id}/assignments (JSON: the first 1,000 rows). */
export const campaignAssignmentsResponseSchema = z
  .strictObject({ status: ok, id: z.string(), customers: z.number().int(), table: reportTableSchema, truncated: z.boolean() })
  .meta({ id: 'CampaignAssignments' });

/** A test arm against the control on one outcome (`Comparison`); NaN statistics arrive as null. */
export const comparisonSchema = z.strictObject({
  arm: z.string(),
  control: z.string(),
  outcome: z.string(),
  label: z.string(),
  kind: z.enum(['rate', 'mean']),
  money: z.boolean(),
  nTest: z.number().int(),
  nControl: z.number().int(),
  meanTest: maybeNumber,
  meanControl: maybeNumber,
  difference: maybeNumber,
  lower: maybeNumber,
  upper: maybeNumber,
  method: z.enum(['newcombe', 'welch']),
  relative: maybeNumber,
  relativeLower: maybeNumber,
  relativeUpper: maybeNumber,
  pValue: maybeNumber,
  pAdjusted: maybeNumber,
  bootstrap: z
    .strictObject({
      lower: maybeNumber,
      upper: maybeNumber,
      relativeLower: maybeNumber,
      relativeUpper: maybeNumber,
      standardError: maybeNumber,
      resamples: z.number().int(),
      seed: z.number(),
    })
    .nullable(),
  incremental: maybeNumber,
  incrementalLower: maybeNumber,
  incrementalUpper: maybeNumber,
  significant: z.boolean(),
});

/** The uplift model without its per-customer arrays (Qini points every 10%). */
export const upliftModelSchema = z.strictObject({
  method: z.enum(['two-model', 'transformed-outcome']),
  kind: z.enum(['rate', 'mean']),
  features: z.array(z.string()),
  trainSize: z.number().int(),
  testSize: z.number().int(),
  qini: z.strictObject({ model: z.number(), responseModel: z.number(), randomLower: z.number(), randomUpper: z.number() }),
  beatsRandom: z.boolean(),
  points: z.array(
    z.strictObject({
      fraction: z.number(),
      targeted: z.number(),
      model: z.number(),
      responseModel: z.number(),
      random: z.number(),
      upliftTargeted: z.number().nullable(),
    }),
  ),
  coefficients: z.record(z.string(), z.array(z.number())),
  converged: z.boolean(),
  warnings: z.array(z.string()),
});

/** The campaign's results (`CampaignResults` without the uplift model's per-customer arrays). */
export const campaignResultsSchema = z.strictObject({
  campaign: campaignSchema,
  status: campaignStatusSchema,
  dataEnd: z.string().nullable(),
  source: z.enum(['transactions', 'response file']),
  margin: z.strictObject({ available: z.boolean(), method: z.string() }),
  analysis: z.strictObject({
    level: z.number(),
    customers: z.number().int(),
    control: z.string(),
    arms: z.array(
      z.strictObject({
        arm: z.string(),
        role: z.enum(['control', 'test', 'observed']),
        customers: z.number().int(),
        share: z.number(),
        plannedShare: z.number().nullable(),
        outcomes: z.array(
          z.strictObject({
            outcome: z.string(),
            kind: z.enum(['rate', 'mean']),
            n: z.number().int(),
            sum: z.number(),
            mean: maybeNumber,
            variance: maybeNumber,
          }),
        ),
      }),
    ),
    comparisons: z.array(comparisonSchema),
    srm: z
      .strictObject({
        arms: z.array(z.string()),
        observed: z.array(z.number()),
        planned: z.array(z.number()),
        expected: z.array(z.number()),
        statistic: maybeNumber,
        df: z.number(),
        pValue: maybeNumber,
        threshold: z.number(),
        mismatch: z.boolean(),
        message: z.string(),
      })
      .nullable(),
    verdicts: z.array(z.strictObject({ arm: z.string(), control: z.string(), effect: z.boolean(), text: z.string() })),
    warnings: z.array(z.string()),
  }),
  segments: z
    .strictObject({
      rows: z.array(
        comparisonSchema.extend({
          by: z.string(),
          segment: z.string(),
          pHolm: maybeNumber,
          pBonferroni: maybeNumber,
          significantAdjusted: z.boolean(),
        }),
      ),
      heterogeneity: z.array(
        z.strictObject({
          by: z.string(),
          arm: z.string(),
          outcome: z.string(),
          segments: z.number().int(),
          q: maybeNumber,
          df: z.number(),
          pValue: maybeNumber,
        }),
      ),
      tests: z.number().int(),
      warning: z.string(),
      notes: z.array(z.string()),
    })
    .nullable(),
  uplift: upliftModelSchema.nullable(),
  overlaps: z.array(
    z.strictObject({
      otherCampaign: z.string(),
      otherName: z.string(),
      otherSendDate: z.string(),
      arm: z.string(),
      otherArm: z.string(),
      customers: z.number().int(),
    }),
  ),
  warnings: z.array(z.string()),
});

/** GET /api/campaigns/{id}/results. */
export const campaignResultsResponseSchema = z
  .strictObject({ status: ok, results: campaignResultsSchema, section: reportSectionSchema })
  .meta({ id: 'CampaignResults' });

/** GET /api/campaigns/{id}/uplift. */
export const campaignUpliftResponseSchema = z
  .strictObject({ status: ok, uplift: upliftModelSchema.nullable(), section: reportSectionSchema })
  .meta({ id: 'CampaignUplift' });

/** GET /api/customers/{id}/campaigns: the campaigns a customer was in and the group. */
export const customerCampaignsResponseSchema = z
  .strictObject({
    status: ok,
    customerId: z.string(),
    campaigns: z.array(
      z.strictObject({ id: z.string(), name: z.string(), sendDate: z.string(), windowEnd: z.string(), arm: armNameSchema }),
    ),
    table: reportTableSchema,
  })
  .meta({ id: 'CustomerCampaigns' });

export type ApiCampaigns = z.infer<typeof campaignsResponseSchema>;
export type ApiCampaignPlan = z.infer<typeof campaignPlanResponseSchema>;
export type ApiCampaignResults = z.infer<typeof campaignResultsResponseSchema>;
export type ApiCampaignUplift = z.infer<typeof campaignUpliftResponseSchema>;
export type ApiCustomerCampaigns = z.infer<typeof customerCampaignsResponseSchema>;
export type ApiComparison = z.infer<typeof comparisonSchema>;
export type ApiCampaignAssign = z.infer<typeof campaignAssignResponseSchema>;
export type ApiCampaignAssignments = z.infer<typeof campaignAssignmentsResponseSchema>;
