/** Schemas of GET /api/value and /api/value/clv (see server routes/value.ts). */
import { z } from 'zod';
import { ok, tablePageSchema } from './common.js';

/** Share of value held by the top `topShare` of customers. */
export const concentrationPointSchema = z.strictObject({ topShare: z.number(), customers: z.number().int(), valueShare: z.number() });
/** A point of the Lorenz curve: customer share (largest first) against value share. */
export const lorenzPointSchema = z.strictObject({ customerShare: z.number(), valueShare: z.number() });
/** A histogram bin [lo, hi) with its customer count. */
export const histogramBinSchema = z.strictObject({ lo: z.number(), hi: z.number(), customers: z.number().int() });

/** GET /api/value: concentration of historic net revenue, its distribution and the top customers. */
export const valueResponseSchema = z
  .strictObject({
    status: ok,
    valueKind: z.literal('historic'),
    valueLabel: z.string(),
    calibrationEnd: z.string(),
    customers: z.number().int(),
    concentration: z.array(concentrationPointSchema),
    lorenz: z.array(lorenzPointSchema),
    histogram: z.array(histogramBinSchema),
    top: tablePageSchema,
    predictedClv: z.strictObject({ status: z.literal('separate'), route: z.string() }),
    computedAt: z.string(),
  })
  .meta({ id: 'Value' });

/** Units of the predicted values (horizon, discounting, margin, spend). */
export const scoreUnitsSchema = z.strictObject({ horizon: z.string(), discount: z.string(), margin: z.string(), spend: z.string() });

/** GET /api/value/clv: distribution of predicted CLV under the fitted models. */
export const clvResponseSchema = z
  .strictObject({
    status: ok,
    model: z.string(),
    units: scoreUnitsSchema,
    warnings: z.array(z.string()),
    valueLabel: z.string(),
    customers: z.number().int(),
    total: z.number(),
    mean: z.number(),
    concentration: z.array(concentrationPointSchema),
    histogram: z.array(histogramBinSchema),
    histogramRule: z.string(),
    computedAt: z.string(),
  })
  .meta({ id: 'ClvDistribution' });

export type ApiValue = z.infer<typeof valueResponseSchema>;
export type ApiClv = z.infer<typeof clvResponseSchema>;
