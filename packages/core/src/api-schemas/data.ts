/** Schemas of GET /api/data/sources and /api/data/input-quarantine (see server routes/data.ts). */
import { z } from 'zod';
import { ok, reportTableSchema, tablePageSchema } from './common.js';
import { columnMappingSchema, ingestReportSchema, quarantineCountSchema } from './overview.js';

/** An ingested file as the `sources` table stores it; `mapping` is the resolved column mapping. */
export const dataSourceSchema = z.strictObject({
  source_id: z.number().int(),
  file_name: z.string(),
  format: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  ingested_at: z.string(),
  rows_read: z.number().int(),
  rows_accepted: z.number().int(),
  rows_quarantined: z.number().int(),
  mapping: columnMappingSchema,
});

/** GET /api/data/sources: the ingested files, the quarantine by reason and the upload limit. */
export const dataSourcesResponseSchema = z
  .strictObject({
    status: ok,
    sources: z.array(dataSourceSchema),
    quarantineByReason: z.array(quarantineCountSchema),
    maxUploadBytes: z.number().int(),
  })
  .meta({ id: 'DataSources' });

/** GET /api/data/input-quarantine: quarantined rows of the customers, spend and prospects files. */
export const inputQuarantineResponseSchema = z
  .strictObject({ status: ok, total: z.number().int(), table: reportTableSchema })
  .meta({ id: 'InputQuarantine' });

/** POST /api/data/upload: the ingest report of the uploaded file; `unchanged` and `rejected` say why in `message`. */
export const uploadResponseSchema = z
  .union([
    z.strictObject({ status: ok, originalName: z.string(), ingest: ingestReportSchema }),
    z.strictObject({
      status: z.enum(['unchanged', 'rejected']),
      originalName: z.string(),
      ingest: ingestReportSchema,
      message: z.string(),
    }),
  ])
  .meta({ id: 'Upload' });

/** GET /api/data/quarantine: a page of the quarantined transaction rows (reason, detail, source file and line). */
export const quarantinePageResponseSchema = tablePageSchema;

/** The data version after an ingest (`DataVersion['version']`: the newest source id, 0 when empty). */
const dataVersionSchema = z.number().int();

/** POST /api/events: the ingest report of the NDJSON batch and the new data version; `rejected` when no row was accepted. */
/** How the server refreshed after a batch (issue 16): only the touched customers, or everything, and why (`RefreshInfo`). */
export const refreshInfoSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({
      mode: z.literal('incremental'),
      dataVersion: z.number().int(),
      sourceId: z.number().int(),
      timeMs: z.number(),
      touched: z.number().int(),
      refreshed: z.number().int(),
      added: z.number().int(),
      removed: z.number().int(),
      endMoved: z.boolean(),
      rescored: z.enum(['touched', 'all', 'none']),
      cpu: z.strictObject({ sql: z.number(), merge: z.number(), scoring: z.number() }),
    }),
    z.strictObject({ mode: z.literal('full'), dataVersion: z.number().int().nullable(), reason: z.string() }),
  ])
  .meta({ id: 'RefreshInfo', description: 'How the server refreshed after new data: the touched customers only, or everything and why' });

export const eventsResponseSchema = z
  .strictObject({
    status: z.enum(['ok', 'unchanged', 'rejected']),
    dataVersion: dataVersionSchema,
    ingest: ingestReportSchema,
    refresh: refreshInfoSchema.nullable(),
  })
  .meta({ id: 'Events', description: 'The ingest report of the posted events and the new data version' });

export type ApiUpload = z.infer<typeof uploadResponseSchema>;
export type ApiDataSources = z.infer<typeof dataSourcesResponseSchema>;
export type ApiDataSource = z.infer<typeof dataSourceSchema>;
export type ApiInputQuarantine = z.infer<typeof inputQuarantineResponseSchema>;
export type ApiQuarantinePage = z.infer<typeof quarantinePageResponseSchema>;
export type ApiEvents = z.infer<typeof eventsResponseSchema>;
