/** Schema of GET /api/cohorts (see server routes/cohorts.ts and the core's `CohortReport`). */
import { z } from 'zod';
import { ok, reportTableSchema } from './common.js';

/** One acquisition cohort: size and, per period since acquisition k, head-count and revenue. */
export const cohortRowSchema = z.strictObject({
  cohort: z.string(),
  start: z.string(),
  size: z.number().int(),
  observed: z.number().int(),
  active: z.array(z.number()),
  inOrAfter: z.array(z.number()),
  revenue: z.array(z.number()),
  retention: z.array(z.number()),
  revenueRetention: z.array(z.number()),
  cumulativeRevenuePerCustomer: z.array(z.number()),
});

/** Cohorts × periods since acquisition with the size-weighted average row and totals. */
export const cohortTableSchema = z.strictObject({
  by: z.enum(['week', 'month', 'quarter']),
  mode: z.enum(['returned', 'in_or_after']),
  rows: z.array(cohortRowSchema),
  average: z.strictObject({
    customers: z.array(z.number()),
    retention: z.array(z.number()),
    revenueRetention: z.array(z.number()),
    cumulativeRevenuePerCustomer: z.array(z.number()),
  }),
  totals: z.strictObject({ customers: z.number().int(), revenue: z.number() }),
});

/** GET /api/cohorts: the core's CohortReport with the rules in words. */
export const cohortsResponseSchema = z
  .strictObject({
    status: ok,
    by: z.enum(['week', 'month', 'quarter']),
    asOf: z.string(),
    firstDate: z.string(),
    computedAt: z.string(),
    mode: z.enum(['returned', 'in_or_after']),
    overall: cohortTableSchema,
    byChannel: z.array(z.strictObject({ channel: z.string(), table: cohortTableSchema })).nullable(),
    byDimension: z
      .strictObject({
        name: z.string(),
        rule: z.string(),
        levels: z.array(z.strictObject({ level: z.string(), table: cohortTableSchema })),
      })
      .optional(),
    rules: z.strictObject({
      cohort: z.string(),
      retention: z.string(),
      revenueRetention: z.string(),
      cumulativeRevenuePerCustomer: z.string(),
      average: z.string(),
    }),
    /** The overall triangle of each metric as the core declares it: the tables `cvm cohorts --metric retention|revenue|cumulative` prints. */
    tables: z
      .strictObject({ retention: reportTableSchema, revenue: reportTableSchema, cumulative: reportTableSchema })
      .describe(
        'The overall cohort triangle of each metric as a report table declared once in core (the table cvm cohorts --metric M prints)',
      ),
  })
  .meta({ id: 'Cohorts' });

export type ApiCohorts = z.infer<typeof cohortsResponseSchema>;
export type ApiCohortTable = z.infer<typeof cohortTableSchema>;
