/** Schema of GET /api/breakdowns (see server routes/breakdowns.ts): a report by channel or a customer attribute. */
import { z } from 'zod';
import { cohortsResponseSchema } from './cohorts.js';
import { notComputedSchema, ok, reportSectionSchema } from './common.js';

/**
 * GET /api/breakdowns: report=segments, clv or profitability answer a core section (one table per
 * breakdown, "unknown" kept as a level); report=cohorts answers the cohort report with `byDimension` (without the rules in words and the triangles);
 * profitability without a cost model is not computed.
 */
export const breakdownsResponseSchema = z
  .union([
    z.strictObject({ status: ok, section: reportSectionSchema }).meta({ id: 'BreakdownSection' }),
    cohortsResponseSchema
      .omit({ rules: true, tables: true })
      .meta({ id: 'BreakdownCohorts', description: 'The cohort report with byDimension' }),
    notComputedSchema,
  ])
  .meta({ id: 'Breakdowns', description: 'A report broken down by channel or a customer attribute, or not_computed' });

export type ApiBreakdowns = z.infer<typeof breakdownsResponseSchema>;
