/** Schemas of GET /api/plan, POST /api/plan/save and GET /api/plan/saved (see core/plan/plan-types.ts). */
import { z } from 'zod';
import { displayKindSchema, ok, reportSectionSchema } from './common.js';

/** A figure of a plan step with the dashboard route it comes from. */
export const planFigureSchema = z.strictObject({
  label: z.string(),
  value: z.union([z.number(), z.string(), z.null()]),
  kind: displayKindSchema,
  unit: z.string().optional(),
  link: z.string(),
});

/** A missing part of the plan and how to add it. */
export const planMissingSchema = z.strictObject({ part: z.string(), reason: z.string(), how: z.string() });

/** One of the five plan steps. */
export const planStepSchema = z.strictObject({
  id: z.enum(['discover', 'commit', 'create', 'assess', 'improve']),
  title: z.string(),
  lines: z.array(z.string()),
  figures: z.array(planFigureSchema),
  missing: z.array(planMissingSchema),
});

/** The core's `PlanReport`. */
export const planReportSchema = z
  .strictObject({
    asOf: z.string(),
    computedAt: z.string(),
    valueBasis: z.string(),
    goalRule: z.array(z.string()),
    segments: z.array(
      z.strictObject({
        tier: z.string(),
        stage: z.string(),
        customers: z.number().int(),
        value: z.number(),
        valuePerCustomer: z.number(),
        historicPerCustomer: z.number(),
        valueAtRisk: z.number().nullable(),
        riskShare: z.number().nullable(),
        profit: z.number().nullable(),
        profitPerCustomer: z.number().nullable(),
        goal: z.string(),
        reason: z.string(),
        link: z.string(),
      }),
    ),
    campaigns: z.array(
      z.strictObject({
        name: z.string(),
        goal: z.string(),
        audience: z.string(),
        filters: z.array(z.string()),
        customers: z.number().int(),
        valueBase: z.number(),
        assumedRate: z.number(),
        assumption: z.string(),
        link: z.string(),
        controlShare: z.number(),
        controlCustomers: z.number().int(),
        controlRule: z.string(),
        expectedIncremental: z.number(),
        cost: z.number().nullable(),
        net: z.number().nullable(),
      }),
    ),
    pastCampaigns: z.array(
      z.strictObject({
        id: z.string(),
        name: z.string(),
        sendDate: z.string(),
        status: z.string(),
        customers: z.number().nullable(),
        outcome: z.string().nullable(),
        uplift: z.number().nullable(),
        lower: z.number().nullable(),
        upper: z.number().nullable(),
        incremental: z.number().nullable(),
        verdict: z.string(),
        action: z.enum(['scale', 'stop', 'keep testing', 'wait']),
        link: z.string(),
      }),
    ),
    previous: z.strictObject({ asOf: z.string(), savedAt: z.string() }).nullable(),
    goalChecks: z.array(
      z.strictObject({
        tier: z.string(),
        stage: z.string(),
        goal: z.string(),
        measure: z.string(),
        before: z.number(),
        now: z.number().nullable(),
        met: z.boolean().nullable(),
        link: z.string(),
      }),
    ),
    steps: z.array(planStepSchema),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'PlanReport' });

/** GET /api/plan: the plan and its sections. */
export const planResponseSchema = z
  .strictObject({ status: ok, plan: planReportSchema, sections: z.array(reportSectionSchema) })
  .meta({ id: 'Plan' });

/** POST /api/plan/save. */
export const planSavedResponseSchema = z
  .strictObject({ status: ok, saved: z.strictObject({ asOf: z.string(), savedAt: z.string() }) })
  .meta({ id: 'PlanSaved' });

/** GET /api/plan/saved. */
export const planListResponseSchema = z
  .strictObject({
    status: ok,
    plans: z.array(z.strictObject({ asOf: z.string(), savedAt: z.string(), segments: z.number().int(), campaigns: z.number().int() })),
  })
  .meta({ id: 'PlanList' });

export type ApiPlan = z.infer<typeof planResponseSchema>;
export type ApiPlanReport = z.infer<typeof planReportSchema>;
export type ApiPlanSaved = z.infer<typeof planSavedResponseSchema>;
export type ApiPlanList = z.infer<typeof planListResponseSchema>;
