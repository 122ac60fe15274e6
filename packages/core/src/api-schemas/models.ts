/** Schema of GET /api/models: the core's ModelsReport with its tables (see server routes/models.ts). */
import { z } from 'zod';
import { fitStampSchema } from './fit.js';
import { notComputedSchema, ok, reportTableSchema } from './common.js';
import { scoreUnitsSchema } from './value.js';

/** A number that is null where the core has NaN or ±Infinity (JSON has no such numbers). */
export const maybeNumber = z.number().nullable();

/** One reason to doubt a fit, plain words first (`FitIssue`). */
export const fitIssueSchema = z.strictObject({
  kind: z.enum(['not_converged', 'at_bound', 'flat_likelihood', 'weakly_identified', 'assumption', 'no_dropout']),
  parameter: z.string().nullable(),
  severity: z.enum(['caution', 'unreliable']),
  plain: z.string(),
  detail: z.string(),
});

/** The verdict on a fit (`FitAssessment`). */
export const fitAssessmentSchema = z.strictObject({
  model: z.string(),
  trust: z.enum(['ok', 'caution', 'unreliable']),
  issues: z.array(fitIssueSchema),
  summary: z.string(),
});

/**
 * A model fit (`FitResult`): parameters, standard errors and 95% intervals by parameter name (null where
 * unavailable). `covariance` is the k × k matrix, row-major (null where unavailable).
 */
export const fitResultSchema = z.strictObject({
  model: z.string(),
  params: z.record(z.string(), z.number()),
  logLikelihood: z.number(),
  aic: z.number(),
  bic: z.number(),
  nObs: z.number(),
  standardErrors: z.record(z.string(), maybeNumber),
  confidenceIntervals: z.record(z.string(), z.tuple([maybeNumber, maybeNumber])),
  covariance: z.array(maybeNumber),
  iterations: z.number().int(),
  gradientNorm: maybeNumber,
  converged: z.boolean(),
  warnings: z.array(z.string()),
  atBound: z.array(z.string()),
  starts: z.number().int(),
  timeMs: z.number(),
  diagnostics: z.record(z.string(), maybeNumber),
});

/** The holdout prediction band of the tracking curve (issue 17). */
export const trackingBandSchema = z.strictObject({
  level: z.number(),
  uncertainty: z.string(),
  firstPeriod: z.number(),
  cumulative: z.array(z.number()),
  cumulativeLo: z.array(z.number()),
  cumulativeHi: z.array(z.number()),
  incremental: z.array(z.number()),
  incrementalLo: z.array(z.number()),
  incrementalHi: z.array(z.number()),
  method: z.string(),
});

/** One model's holdout validation (`ModelValidation`). */
export const modelValidationSchema = z.strictObject({
  model: z.string(),
  label: z.string(),
  fit: fitResultSchema,
  byFrequency: z.array(z.strictObject({ frequency: z.string(), customers: z.number().int(), actual: z.number(), predicted: z.number() })),
  mae: z.number(),
  rmse: z.number(),
  aggregate: z.strictObject({ actual: z.number(), predicted: z.number(), relativeError: maybeNumber }),
  tracking: z.strictObject({
    period: z.array(z.number()),
    actualCumulative: z.array(z.number()),
    predictedCumulative: z.array(z.number()),
    calibrationPeriods: z.number(),
    actualIncremental: z.array(z.number()).optional(),
    band: trackingBandSchema.nullable().optional(),
    bandNote: z.string().optional(),
  }),
  trackingMape: maybeNumber,
  verdict: z.enum(['good', 'fair', 'poor']),
  verdictReason: z.string(),
  assessment: fitAssessmentSchema,
});

/** The holdout validation of every count model (`ValidationReport`). */
export const validationReportSchema = z.strictObject({
  computedAt: z.string(),
  period: z.enum(['day', 'week']),
  calibrationEnd: z.string(),
  holdoutEnd: z.string(),
  holdoutPeriods: z.number(),
  customers: z.number().int(),
  models: z.array(modelValidationSchema),
  failures: z.array(z.strictObject({ model: z.string(), code: z.string(), message: z.string() })),
  comparison: z.strictObject({
    rows: z.array(
      z.strictObject({
        model: z.string(),
        label: z.string(),
        logLikelihood: z.number(),
        aic: z.number(),
        bic: z.number(),
        mae: z.number(),
        rmse: z.number(),
        aggregateError: maybeNumber,
        trackingMape: maybeNumber,
        converged: z.boolean(),
        verdict: z.string(),
        trust: z.enum(['ok', 'caution', 'unreliable']),
        doubts: z.string(),
      }),
    ),
    recommended: z.string().nullable(),
    reason: z.string(),
  }),
  regularity: z
    .strictObject({
      k: z.number(),
      ci95: z.tuple([maybeNumber, maybeNumber]),
      customers: z.number().int(),
      verdict: z.enum(['poisson', 'regular', 'irregular', 'too_few']),
      message: z.string(),
    })
    .optional(),
});

/** The models part of the main job (`ModelsReport`). */
export const modelsReportSchema = z
  .strictObject({
    validation: validationReportSchema.nullable(),
    validationSkipped: z.string().nullable(),
    model: z.string().nullable(),
    params: z.record(z.string(), z.number()).nullable(),
    assessment: fitAssessmentSchema.nullable(),
    spendModel: z.enum(['gamma-gamma', 'historic']).nullable(),
    spendParams: z.record(z.string(), z.number()).nullable(),
    spendAssessment: fitAssessmentSchema.nullable(),
    warnings: z.array(z.string()),
    notes: z.array(z.string()),
    fallback: z.strictObject({ value: z.literal('historic_net_revenue'), reason: z.string() }).nullable(),
    units: scoreUnitsSchema.nullable(),
    totalClv: z.number().nullable(),
    top: z.array(
      z.strictObject({
        customerId: z.string(),
        pAlive: z.number(),
        expectedPurchases: z.number(),
        expectedSpend: z.number(),
        clv: z.number(),
      }),
    ),
    topHistoric: z.array(z.strictObject({ customerId: z.string(), netRevenue: z.number() })),
  })
  .meta({ id: 'ModelsReport' });

/** GET /api/models when the models ran. */
export const modelsOkSchema = z.strictObject({
  status: ok,
  validateAt: z.string().nullable(),
  models: modelsReportSchema,
  comparison: reportTableSchema.nullable(),
  tracking: z.strictObject({ model: z.string(), label: z.string(), table: reportTableSchema }).nullable(),
  /** The top customers as the core declares the table (`cvm report` prints it): by CLV, or by historic net revenue on the fallback. */
  top: reportTableSchema.describe('The top customers as a report table declared once in core (printed by cvm report)'),
  /** issue 16: the fit every score uses (scores of data since are made with its parameters until the next re-fit). */
  fit: fitStampSchema.nullable().optional(),
});

/** GET /api/models: the models report, or not computed with the reason. */
export const modelsResponseSchema = z.union([modelsOkSchema, notComputedSchema]).meta({ id: 'Models' });

export type ApiModelsReport = z.infer<typeof modelsReportSchema>;
export type ApiModelsOk = z.infer<typeof modelsOkSchema>;
export type ApiModels = z.infer<typeof modelsResponseSchema>;
