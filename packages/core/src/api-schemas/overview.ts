/** Schemas of GET /api/health, /api/settings and /api/overview (see server routes/overview.ts). */
import { z } from 'zod';
import { notComputedSchema, ok, periodSchema, reportTableSchema } from './common.js';

/** GET /api/health. */
export const healthResponseSchema = z
  .strictObject({
    status: ok,
    /** Id of the newest ingest (0: nothing ingested). */
    dataVersion: z.number().int(),
    data: z.strictObject({
      version: z.number().int(),
      files: z.number().int(),
      transactions: z.number().int(),
      /** Time of the newest ingest, 'YYYY-MM-DD HH:MM:SS' UTC; null when nothing was ingested. */
      lastIngestAt: z.string().nullable(),
    }),
  })
  .meta({ id: 'Health' });

/** GET /api/settings: the currency of amounts (`--currency`, else the cost model's, else null). */
export const settingsResponseSchema = z
  .strictObject({
    status: ok,
    currency: z.string().nullable(),
    source: z.enum(['option', 'cost model']).nullable(),
  })
  .meta({ id: 'Settings' });

/** Rows quarantined by reason, with the reason in words. */
export const quarantineCountSchema = z.strictObject({ reason: z.string(), rows: z.number().int(), meaning: z.string() });

/** The resolved column mapping of an ingested file: log column per field, which were detected, amount = price × quantity. */
export const columnMappingSchema = z.strictObject({
  mapping: z.record(z.string(), z.string()),
  detected: z.array(z.string()),
  amountFromPriceQuantity: z.boolean(),
});

/** One file's ingest report (`IngestReport`); the mapping and date detection as the core returns them. */
export const ingestReportSchema = z.strictObject({
  file: z.string(),
  format: z.string(),
  encoding: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  status: z.enum(['ingested', 'replaced', 'unchanged']),
  sourceId: z.number(),
  mapping: columnMappingSchema.nullable(),
  dateFormat: z
    .strictObject({
      format: z.string(),
      ambiguous: z.boolean(),
      parsedShare: z.number(),
      evidence: z.string().optional(),
      detected: z.boolean(),
    })
    .nullable(),
  timezone: z.string(),
  rowsRead: z.number(),
  rowsAccepted: z.number(),
  rowsQuarantined: z.number(),
  quarantineByReason: z.record(z.string(), z.number()),
  returns: z.strictObject({ rows: z.number(), amount: z.number() }),
  duplicateCheck: z.boolean(),
  acceptedRange: z.tuple([z.string(), z.string()]),
});

/** The core's `OverviewReport` (what `cvm report` prints first). */
export const overviewReportSchema = z
  .strictObject({
    computedAt: z.string(),
    period: z.enum(['day', 'week']),
    calibrationEnd: z.string(),
    ingest: z.array(ingestReportSchema),
    dateRange: z.strictObject({ first: z.string().nullable(), last: z.string().nullable() }),
    customers: z.number().int(),
    customersAllReturned: z.number().int(),
    transactions: z.number().int(),
    purchaseDays: z.number().int(),
    grossRevenue: z.number(),
    returnsValue: z.number(),
    netRevenue: z.number(),
    repeatBuyers: z.number().int(),
    repeatBuyerShare: z.number(),
    quarantine: z.array(quarantineCountSchema),
  })
  .meta({ id: 'OverviewReport' });

/** Customers in an active lifecycle stage over all customers, with the rule. */
export const activeShareSchema = z.strictObject({
  value: z.number(),
  customers: z.number().int(),
  rule: z.string(),
  asOf: z.string(),
  computedAt: z.string(),
});

/** Total profit under the server's cost model. */
export const profitTotalSchema = z.strictObject({
  status: ok,
  value: z.number(),
  currency: z.string(),
  period: periodSchema,
  costModel: z.string(),
  illustrative: z.boolean(),
  computedAt: z.string(),
});

/** GET /api/overview. */
export const overviewResponseSchema = z
  .strictObject({
    status: ok,
    overview: overviewReportSchema,
    activeShare: activeShareSchema,
    profit: z.union([profitTotalSchema, notComputedSchema]),
    predictedClv: z.strictObject({ status: z.literal('separate'), route: z.string(), field: z.string() }),
    /** The quarantine counts by reason as the core declares the table (the one `cvm report` prints under the overview). */
    tables: z
      .strictObject({ quarantine: reportTableSchema })
      .describe('The quarantined rows by reason as a report table declared once in core (printed by cvm report)'),
  })
  .meta({ id: 'Overview' });

export type ApiHealth = z.infer<typeof healthResponseSchema>;
export type ApiSettings = z.infer<typeof settingsResponseSchema>;
export type ApiOverview = z.infer<typeof overviewResponseSchema>;
