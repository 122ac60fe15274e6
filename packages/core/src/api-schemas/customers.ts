/** Schemas of GET /api/customers and the customer drill-down routes (see server routes/customers.ts). */
import { z } from 'zod';
import { fitStampSchema } from './fit.js';
import { cellSchema, ok, reportColumnSchema, reportTableSchema, tablePageSchema } from './common.js';
import { scoreUnitsSchema } from './value.js';

/** The summary period (time unit of x, tₓ and T). */
export const periodUnitSchema = z.enum(['day', 'week']);

/** GET /api/customers: a page of the customer table, with the summary's period and calibration end. */
export const customersPageResponseSchema = tablePageSchema
  .extend({ period: periodUnitSchema, calibrationEnd: z.string() })
  .meta({ id: 'CustomersPage' });

/** Where one customer sits in the segmentation, with a sentence saying why. */
export const customerSegmentSchema = z.strictObject({
  asOf: z.string(),
  computedAt: z.string(),
  rfmSegment: z.string(),
  r: z.number().int(),
  f: z.number().int(),
  m: z.number().int(),
  lifecycleStage: z.string(),
  valueTier: z.string(),
  tierRule: z.string(),
  recencyDays: z.number(),
  rhythmDays: z.number(),
  purchaseDays: z.number().int(),
  rfmConflict: z.strictObject({ flag: z.string(), note: z.string() }).nullable(),
  why: z.string(),
});

/** GET /api/customers/{id}: the customer's row of the customer table, their purchase days and segment. */
export const customerResponseSchema = z
  .strictObject({
    status: ok,
    /** The customer table's row, keyed by column key. */
    customer: z.record(z.string(), cellSchema),
    segment: customerSegmentSchema.nullable(),
    columns: z.array(reportColumnSchema).readonly(),
    period: periodUnitSchema,
    calibrationEnd: z.string(),
    purchases: z.array(z.strictObject({ date: z.string(), amount: z.number(), rows: z.number().int(), returned: z.number() })),
    /** The drill-down's tables as the core declares them: the customer table's row as a record, the purchases per day. */
    tables: z
      .strictObject({ profile: reportTableSchema, purchases: reportTableSchema })
      .describe(
        "The customer's row of the customer table (one row, the customer table's columns) and their purchases per day, as report tables declared once in core; format=csv&table=profile|purchases downloads one",
      ),
    model: z.strictObject({ route: z.string(), segments: z.string() }),
  })
  .meta({ id: 'Customer' });

/** GET /api/customers/{id}/model: P(alive) over the customer's history and their CLV. */
export const customerModelResponseSchema = z
  .strictObject({
    status: ok,
    customerId: z.string(),
    period: periodUnitSchema,
    calibrationEnd: z.string(),
    warnings: z.array(z.string()),
    /** issue 16: the fit these scores use. */
    fit: fitStampSchema.nullable().optional(),
    pAlive: z.strictObject({
      model: z.string(),
      now: z.number(),
      rule: z.string(),
      series: z.array(z.strictObject({ date: z.string(), pAlive: z.number(), x: z.number(), tx: z.number(), T: z.number() })),
    }),
    clv: z.strictObject({
      model: z.string(),
      value: z.number(),
      expectedPurchases: z.number(),
      expectedSpend: z.number(),
      pAlive: z.number(),
      units: scoreUnitsSchema,
    }),
  })
  .meta({ id: 'CustomerModel' });

/** GET /api/customers/{id}/segments: the customer in every stored segment snapshot. */
export const customerSegmentsResponseSchema = z
  .strictObject({
    status: ok,
    customerId: z.string(),
    rule: z.string(),
    snapshots: z.array(z.strictObject({ asOf: z.string(), source: z.string(), computedAt: z.string() })),
    history: z.array(
      z.strictObject({
        asOf: z.string(),
        computedAt: z.string(),
        valueTier: z.string(),
        lifecycleStage: z.string(),
        rfmSegment: z.string().nullable(),
        r: z.number().int().nullable(),
        f: z.number().int().nullable(),
        m: z.number().int().nullable(),
        value: z.number(),
        /** issue 20: the RFM-vs-stage flag of that day ('' when the RFM segment agrees with the stage). */
        rfmCheck: z.string(),
      }),
    ),
    /** The history as the core declares the table (format=csv downloads it). */
    tables: z
      .strictObject({ history: reportTableSchema })
      .describe('The segment history as a report table declared once in core; format=csv downloads it'),
  })
  .meta({ id: 'CustomerSegmentHistory' });

export type ApiCustomersPage = z.infer<typeof customersPageResponseSchema>;
export type ApiCustomer = z.infer<typeof customerResponseSchema>;
export type ApiCustomerModel = z.infer<typeof customerModelResponseSchema>;
export type ApiCustomerSegments = z.infer<typeof customerSegmentsResponseSchema>;
