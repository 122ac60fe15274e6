/** Schemas of GET /api/segments and /api/segments/micro (see server routes/segments.ts). */
import { z } from 'zod';
import { ok, reportTableSchema } from './common.js';
import { concentrationPointSchema } from './value.js';

/** What a segmentation's value is: historic net revenue, predicted CLV or profit. */
export const valueKindSchema = z.enum(['historic', 'clv', 'profit']);

/** One RFM score bin: its count, threshold and the range of the values in it (null when empty). */
export const rfmBinSchema = z.strictObject({
  score: z.number().int(),
  count: z.number().int(),
  threshold: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

/** A value tier with its rule and totals. */
export const valueTierSchema = z.strictObject({
  name: z.string(),
  rule: z.string(),
  cutoff: z.number().nullable(),
  count: z.number().int(),
  customerShare: z.number(),
  value: z.number(),
  valueShare: z.number(),
});

/** A cell of the tier × lifecycle grid. */
export const gridCellSchema = z.strictObject({
  row: z.string(),
  column: z.string(),
  count: z.number().int(),
  value: z.number(),
  customerShare: z.number(),
  valueShare: z.number(),
});

/** GET /api/segments: RFM, value tiers, lifecycle and tier × lifecycle, each with its rule. */
export const segmentsResponseSchema = z
  .strictObject({
    status: ok,
    asOf: z.string(),
    computedAt: z.string(),
    customers: z.number().int(),
    valueKind: valueKindSchema,
    rfm: z.strictObject({
      bins: z.number().int(),
      methods: z.strictObject({ recency: z.string(), frequency: z.string(), monetary: z.string() }),
      cutPoints: z.strictObject({ recency: z.array(rfmBinSchema), frequency: z.array(rfmBinSchema), monetary: z.array(rfmBinSchema) }),
      segments: z.array(
        z.strictObject({ name: z.string(), count: z.number().int(), share: z.number(), meaning: z.string(), cells: z.array(z.string()) }),
      ),
      /** Customers by recency score (rows) × frequency score (columns). */
      recencyByFrequency: z.array(z.array(z.number().int())),
    }),
    tiers: z.array(valueTierSchema),
    totalValue: z.number(),
    pareto: z.array(concentrationPointSchema),
    lifecycle: z.strictObject({
      stages: z.array(z.strictObject({ name: z.string(), count: z.number().int(), share: z.number() })),
      rules: z.array(z.string()),
      baseRhythmDays: z.number(),
    }),
    tierByLifecycle: z.array(gridCellSchema),
    microSegments: z.strictObject({ status: ok, route: z.string() }),
    valueWarnings: z.array(z.string()),
    /** The RFM segments, value tiers, lifecycle stages, cut points and tier × lifecycle grid as the core declares them (the tables `cvm segment` prints). */
    tables: z
      .strictObject({
        rfm: reportTableSchema,
        tiers: reportTableSchema,
        lifecycle: reportTableSchema,
        rfmCutPoints: reportTableSchema,
        tierLifecycle: reportTableSchema,
        tierLifecycleValue: reportTableSchema,
      })
      .describe(
        'The RFM segments, value tiers, lifecycle stages, RFM cut points and value tier × lifecycle stage grid (customers; share of value) as report tables declared once in core (printed by cvm segment, its --view names rfm, tiers, lifecycle, rfm_cut_points, tier_lifecycle, tier_lifecycle_value)',
      ),
  })
  .meta({ id: 'Segments' });

/** A micro-segment: size, shares, words and the typical customer (per-feature medians). */
export const microSegmentSchema = z.strictObject({
  label: z.string(),
  stage: z.string(),
  size: z.number().int(),
  stageShare: z.number(),
  valueShare: z.number(),
  description: z.string(),
  profile: z.array(z.strictObject({ feature: z.string(), unit: z.string(), mean: z.number(), median: z.number(), z: z.number() })),
});

/** GET /api/segments/micro: micro-segment profiles within each lifecycle stage. */
export const microSegmentsResponseSchema = z
  .strictObject({
    status: ok,
    asOf: z.string(),
    computedAt: z.string(),
    customers: z.number().int(),
    valueKind: valueKindSchema,
    rule: z.string(),
    features: z.array(z.string()),
    choices: z.array(
      z.strictObject({
        stage: z.string(),
        k: z.number().int(),
        silhouettes: z.array(z.strictObject({ k: z.number().int(), silhouette: z.number() })),
      }),
    ),
    segments: z.array(microSegmentSchema),
    /** The profiles as the core declares the table (`cvm segment` prints it). */
    table: reportTableSchema.describe('The micro-segment profiles as a report table declared once in core (printed by cvm segment)'),
  })
  .meta({ id: 'MicroSegments' });

export type ApiSegments = z.infer<typeof segmentsResponseSchema>;
export type ApiMicroSegments = z.infer<typeof microSegmentsResponseSchema>;
