import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { bodyLimit } from 'hono/body-limit';
import {
  dataSources,
  InputError,
  QUARANTINE_REASONS,
  QUARANTINE_TABLE,
  quarantineRecords,
  tableCsvStream,
  tablePage,
  tableQuerySchema,
  type ColumnMapping,
  type IngestOptions,
} from '@cvm/core';
import { csvDownload, csvResponse } from '../report-csv.js';
import { PayloadTooLargeError } from '../errors.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import { receiveUpload, withoutServerPath } from '../upload-stream.js';
import type { ApiDataSource, ApiDataSources, ApiQuarantinePage, ApiUpload } from '@cvm/core/api';

/** File name endings accepted for upload (longest first); the file is stored under its own sanitised name in a folder of its own. */
const EXTENSIONS = ['.csv.gz', '.tsv.gz', '.csv', '.tsv', '.txt', '.parquet', '.ndjson', '.jsonl', '.json'] as const;

const field = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v === '' ? undefined : v));
/** Upload form fields besides `file`: the column mapping and the date/validation options. */
export const uploadFieldsSchema = z.object({
  customer_col: field,
  date_col: field,
  amount_col: field,
  order_col: field,
  product_col: field,
  quantity_col: field,
  price_col: field,
  channel_col: field,
  cost_col: field,
  date_format: field,
  timezone: field,
  delimiter: z
    .string()
    .max(4)
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  cancel_prefix: field,
});

/** Data routes: ingest sources, the quarantine (paged, CSV) and upload with column mapping. */
export const dataRoutes: RouteModule = {
  register(app, { state, uploadDir, maxUploadBytes }) {
    app.get('/api/data/sources', async (c) => {
      const { sources, quarantine } = await dataSources(state.engine);
      return c.json({
        status: 'ok',
        sources,
        quarantineByReason: quarantine.map((r) => ({
          ...r,
          meaning: QUARANTINE_REASONS[r.reason as keyof typeof QUARANTINE_REASONS] ?? r.reason,
        })),
        maxUploadBytes,
      } satisfies ApiDataSources);
    });

    app.get('/api/data/quarantine', async (c) => {
      const q = parseQuery(
        c,
        tableQuerySchema.extend({ layout: z.enum(['records', 'listing']).default('records'), reason: z.string().max(64).optional() }),
        ['filter'],
      );
      if (q.format === 'csv' && q.layout === 'records') {
        // the rejected rows as they were (their own columns, then cvm_source_file, cvm_line, cvm_reason, cvm_detail): fix and upload again
        const { columns, rows } = await quarantineRecords(state.engine, q.reason);
        return csvDownload(q.reason ? `quarantine-${q.reason}.csv` : 'quarantine.csv', columns, rows);
      }
      if (q.format === 'csv') {
        return csvResponse(tableCsvStream(state.engine, QUARANTINE_TABLE, q), 'quarantine.csv');
      }
      return c.json((await tablePage(state.engine, QUARANTINE_TABLE, q)) satisfies ApiQuarantinePage);
    });

    const tooLarge = (): never => {
      throw new PayloadTooLargeError(
        'upload_too_large',
        `The upload is larger than the server's limit of ${maxUploadBytes.toLocaleString('en-US')} bytes; split the log or start the server with a larger --max-upload-mb`,
        { maxUploadBytes },
      );
    };
    app.post('/api/data/upload', bodyLimit({ maxSize: maxUploadBytes + 64 * 1024, onError: tooLarge }), async (c) => {
      // streamed to disk under the client's own (sanitised) name, in a folder of its own
      const up = await receiveUpload(c.req.raw, {
        uploadDir,
        maxBytes: maxUploadBytes,
        extensions: EXTENSIONS,
        tooLarge: () =>
          new PayloadTooLargeError(
            'upload_too_large',
            `The upload is larger than the server's limit of ${maxUploadBytes.toLocaleString('en-US')} bytes; split the log or start the server with a larger --max-upload-mb`,
            { maxUploadBytes },
          ),
      });
      const discard = () => rm(up.dir, { recursive: true, force: true });
      let report;
      try {
        const fields = uploadFieldsSchema.safeParse(up.fields);
        if (!fields.success)
          throw new InputError(
            'bad_upload',
            `Upload field ${fields.error.issues[0]!.path.join('.')}: ${fields.error.issues[0]!.message}`,
            {},
          );
        const f = fields.data;
        const mapping: ColumnMapping = {};
        for (const k of ['customer', 'date', 'amount', 'order', 'product', 'quantity', 'price', 'channel', 'cost'] as const) {
          const v = f[`${k}_col`];
          if (v !== undefined) mapping[k] = v;
        }
        const options: IngestOptions = {
          mapping,
          dateFormat: f.date_format,
          timezone: f.timezone,
          delimiter: f.delimiter,
          cancelPrefix: f.cancel_prefix ?? null,
        };
        // an upload is interactive: every page (the customer table too) shows the new data at once, not after the next re-fit
        report = await state.ingest(up.path, options, 'full');
      } catch (error) {
        await discard();
        throw withoutServerPath(error, up, uploadDir);
      }
      const ingest = { ...report, file: up.originalName };
      if (report.status === 'unchanged') {
        await discard(); // the same content is already in the workspace
        return c.json({
          status: 'unchanged',
          originalName: up.originalName,
          ingest,
          message: `"${up.originalName}" holds the same content as a file already ingested; nothing changed`,
        } satisfies ApiUpload);
      }
      if (report.rowsAccepted === 0) {
        // every row rejected: the file is not kept, the quarantine keeps the rows with their reasons
        await discard();
        return c.json({
          status: 'rejected',
          originalName: up.originalName,
          ingest,
          message: `No row of "${up.originalName}" was accepted (${report.rowsQuarantined.toLocaleString('en-US')} rejected); see the reasons below, fix the file or the column mapping, and upload it again`,
        } satisfies ApiUpload);
      }
      return c.json({ status: 'ok', originalName: up.originalName, ingest } satisfies ApiUpload);
    });
  },
  paths: {
    '/api/data/sources': {
      get: {
        summary: 'Ingested files with row counts (read, accepted, quarantined) and quarantine counts by reason',
        responses: { 200: oa.json('Sources') },
      },
    },
    '/api/data/quarantine': {
      get: {
        summary:
          'Quarantined rows with reasons: paged, sorted, filtered; format=csv downloads the rejected rows as they were (their own columns plus cvm_source_file, cvm_line, cvm_reason, cvm_detail), to fix and upload again; layout=listing downloads the table as shown',
        parameters: [
          ...oa.tableParams,
          { name: 'layout', in: 'query', schema: { type: 'string', enum: ['records', 'listing'], default: 'records' } },
          { name: 'reason', in: 'query', schema: { type: 'string' }, description: 'with format=csv: only this reason code' },
        ],
        responses: oa.tableResponses,
      },
    },
    '/api/data/upload': {
      post: {
        summary: 'Upload a transaction log (multipart "file" plus optional column mapping fields); it is validated and ingested',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                properties: Object.fromEntries([
                  ['file', { type: 'string', format: 'binary' }],
                  ...Object.keys(uploadFieldsSchema.shape).map((k) => [k, { type: 'string' }]),
                ]),
              },
            },
          },
        },
        responses: { 200: oa.json('The ingest report'), 400: oa.error, 413: oa.error },
      },
    },
  },
};
