/**
 * Schemas of the retention routes (see server routes/retention.ts): the report with its section
 * and value-at-risk table, the at-risk and win-back list pages, the backtest of the ranking and the
 * monthly trends. Numbers a ratio can leave undefined (no customer in a group) arrive as null.
 */
import { z } from 'zod';
import { maybeNumber } from './models.js';
import { notComputedSchema, ok, reportSectionSchema, reportTableSchema, tablePageSchema } from './common.js';

/** The count models a retention score can come from (`CountModelName`). */
export const countModelSchema = z.enum(['bg-nbd', 'mbg-nbd', 'pareto-nbd']);

/** The retention options in force (`Required<RetentionOptions>`); days and probability cut-offs. */
export const retentionOptionsSchema = z.strictObject({
  horizonDays: z.number(),
  lookbackDays: z.number(),
  highRiskBelow: z.number(),
  mediumRiskBelow: z.number(),
  nextPurchaseQuantiles: z.tuple([z.number(), z.number(), z.number()]).readonly(),
  maxNextPurchaseDays: z.number(),
});

/** Value at risk of a value tier × lifecycle stage, now and at the earlier day (`RiskGroup`). */
export const riskGroupSchema = z.strictObject({
  tier: z.string(),
  stage: z.string(),
  customers: z.number().int(),
  valueAtRisk: z.number(),
  valueAtRiskBefore: z.number(),
});

/** The core's `RetentionReport`: value at risk now and before, risk labels, list sizes, rules. */
export const retentionReportSchema = z
  .strictObject({
    asOf: z.string(),
    before: z.string(),
    computedAt: z.string(),
    model: countModelSchema,
    period: z.enum(['day', 'week']),
    valueBasis: z.enum(['revenue', 'margin']),
    valueUnit: z.string(),
    options: retentionOptionsSchema,
    rules: z.array(z.string()),
    customers: z.number().int(),
    risk: z.array(z.strictObject({ label: z.string(), customers: z.number().int(), share: maybeNumber, valueAtRisk: z.number() })),
    lists: z.strictObject({
      atRisk: z.strictObject({ customers: z.number().int(), valueAtRisk: z.number() }),
      winBack: z.strictObject({ customers: z.number().int(), value: z.number() }),
    }),
    valueAtRisk: z.strictObject({ now: z.number(), before: z.number() }),
    byTierStage: z.array(riskGroupSchema),
    tierLabel: z.string(),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'RetentionReportCore', description: "The core's RetentionReport (value in valueUnit; days in options)" });

/** GET /api/retention: the report, its section and the long value-at-risk table, or not computed. */
export const retentionResponseSchema = z
  .union([
    z
      .strictObject({
        status: ok,
        retention: retentionReportSchema,
        section: reportSectionSchema,
        tables: z.strictObject({ valueAtRisk: reportTableSchema }),
        lists: z.strictObject({ atRisk: z.string(), winBack: z.string() }),
      })
      .meta({ id: 'RetentionOk' }),
    notComputedSchema,
  ])
  .meta({ id: 'Retention', description: 'Retention as of the summary day, or not_computed without models' });

/** GET /api/retention/at-risk and /win-back: a page of the list (JSON), or not computed. */
export const retentionListResponseSchema = z
  .union([tablePageSchema.extend({ status: ok }).meta({ id: 'RetentionListPage' }), notComputedSchema])
  .meta({ id: 'RetentionList', description: 'A page of the at-risk or win-back list, or not_computed without models' });

/** How well one score separates holdout buyers from the others (`ScoreAuc`); AUC with its 95% interval. */
export const scoreAucSchema = z.strictObject({
  key: z.string(),
  label: z.string(),
  description: z.string(),
  auc: maybeNumber,
  se: maybeNumber,
  lower: maybeNumber,
  upper: maybeNumber,
});

/** The core's `RetentionBacktest`: AUC, precision and lift, gains, calibration, timing, value captured. */
export const retentionBacktestSchema = z
  .strictObject({
    calibrationEnd: z.string(),
    holdoutEnd: z.string(),
    holdoutDays: z.number().int(),
    period: z.enum(['day', 'week']),
    model: countModelSchema,
    modelChoice: z.string(),
    params: z.record(z.string(), z.number()),
    computedAt: z.string(),
    customers: z.number().int(),
    bought: z.number().int(),
    baseRate: maybeNumber,
    scores: z.array(scoreAucSchema),
    precision: z.array(
      z.strictObject({
        end: z.enum(['most at risk', 'least at risk']),
        outcome: z.enum(['did not buy', 'bought']),
        share: z.number(),
        customers: z.number(),
        events: z.number(),
        rate: maybeNumber,
        baseRate: maybeNumber,
        lift: maybeNumber,
      }),
    ),
    gains: z.array(
      z.strictObject({
        share: z.number(),
        customers: z.number(),
        events: z.number(),
        rate: maybeNumber,
        lift: maybeNumber,
        captured: maybeNumber,
      }),
    ),
    calibration: z.array(
      z.strictObject({
        bin: z.number().int(),
        customers: z.number().int(),
        predicted: maybeNumber,
        observed: maybeNumber,
        predictedCount: maybeNumber,
        actualCount: maybeNumber,
      }),
    ),
    brier: z.strictObject({ brier: maybeNumber, baseline: maybeNumber }),
    timing: z.array(
      z.strictObject({
        group: z.string(),
        customers: z.number().int(),
        modelMedianError: maybeNumber,
        withinMedianError: maybeNumber,
        naiveMedianError: maybeNumber,
        coverage: maybeNumber,
      }),
    ),
    valueCaptured: z.array(
      z.strictObject({
        risk: z.string(),
        customers: z.number().int(),
        customerShare: maybeNumber,
        buyers: z.number().int(),
        buyerShare: maybeNumber,
        revenue: z.number(),
        revenueShare: maybeNumber,
      }),
    ),
    lists: z.array(z.strictObject({ list: z.string(), customers: z.number().int(), bought: z.number().int(), rate: maybeNumber })),
    options: retentionOptionsSchema,
    warnings: z.array(z.string()),
  })
  .meta({ id: 'RetentionBacktestCore', description: "The core's RetentionBacktest (days; money in the log's currency)" });

/** GET /api/retention/backtest: the backtest and its report section, or not computed. */
export const retentionBacktestResponseSchema = z
  .union([
    z.strictObject({ status: ok, backtest: retentionBacktestSchema, section: reportSectionSchema }).meta({ id: 'RetentionBacktestOk' }),
    notComputedSchema,
  ])
  .meta({ id: 'RetentionBacktest', description: 'The backtest of the retention ranking, or not_computed without models' });

/** One calendar month of the base's movement (`TrendMonth`): customers are counts, money in the log's currency. */
export const trendMonthSchema = z.strictObject({
  month: z.string(),
  new: z.number().int(),
  returning: z.number().int(),
  reactivated: z.number().int(),
  lapsed: z.number().int(),
  active: z.number().int(),
  gross: z.number(),
  returned: z.number(),
  net: z.number(),
});

/** GET /api/retention/trends: lifecycle flows and revenue per month, value at risk now and before. */
export const retentionTrendsResponseSchema = z
  .strictObject({
    status: ok,
    trends: z.strictObject({ asOf: z.string(), lapseDays: z.number(), rule: z.string(), months: z.array(trendMonthSchema) }),
    table: reportTableSchema.optional(),
    valueAtRisk: z.union([
      z.strictObject({
        status: ok,
        now: z.number(),
        before: z.number(),
        asOf: z.string(),
        beforeDay: z.string(),
        unit: z.string(),
      }),
      notComputedSchema,
    ]),
    links: z.strictObject({ atRisk: z.string(), winBack: z.string() }),
  })
  .meta({ id: 'RetentionTrends', description: 'Customers by lifecycle flow and revenue per month; value at risk now and before' });

export type ApiRetention = z.infer<typeof retentionResponseSchema>;
export type ApiRetentionReport = z.infer<typeof retentionReportSchema>;
export type ApiRetentionList = z.infer<typeof retentionListResponseSchema>;
export type ApiRetentionBacktest = z.infer<typeof retentionBacktestResponseSchema>;
export type ApiRetentionBacktestReport = z.infer<typeof retentionBacktestSchema>;
export type ApiRetentionTrends = z.infer<typeof retentionTrendsResponseSchema>;
