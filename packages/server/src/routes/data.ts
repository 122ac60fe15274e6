import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { bodyLimit } from 'hono/body-limit';
import { InputError, QUARANTINE_REASONS, QUARANTINE_TABLE, quarantineRecords, tableCsvStream, tablePage, tableQuerySchema, type ColumnMapping, type IngestOptions } from '@cvm/core';
import { csvDownload } from '../report-csv.js';
import { PayloadTooLargeError } from '../errors.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';

/** File name endings accepted for upload; the stored file gets a generated name with the same ending. */
const EXTENSIONS = ['.csv.gz', '.tsv.gz', '.csv', '.tsv', '.txt', '.parquet', '.ndjson', '.jsonl', '.json'] as const;

const field = z.string().trim().max(200).optional().transform((v) => (v === '' ? undefined : v));
/** Upload form fields besides `file`: the column mapping and the date/validation options. */
export const uploadFieldsSchema = z.object({
  customer_col: field, date_col: field, amount_col: field, order_col: field, product_col: field,
  quantity_col: field, price_col: field, channel_col: field, cost_col: field,
  date_format: field, timezone: field, delimiter: z.string().max(4).optional().transform((v) => (v === '' ? undefined : v)),
  cancel_prefix: field,
});

/** Data routes: ingest sources, the quarantine (paged, CSV) and upload with column mapping. */
export const dataRoutes: RouteModule = {
  register(app, { state, uploadDir, maxUploadBytes }) {
    app.get('/api/data/sources', async (c) => {
      const sources = await state.engine.rows(
        `SELECT source_id, file_name, format, bytes, sha256, strftime(ingested_at, '%Y-%m-%dT%H:%M:%SZ') AS ingested_at,
           rows_read, rows_accepted, rows_quarantined, mapping FROM sources ORDER BY source_id`);
      const reasons = await state.engine.rows<{ reason: keyof typeof QUARANTINE_REASONS; rows: number }>(
        'SELECT reason, count(*) AS rows FROM quarantine GROUP BY reason ORDER BY rows DESC, reason');
      return c.json({
        status: 'ok',
        sources: sources.map((s) => ({ ...s, mapping: JSON.parse(String((s as { mapping: string }).mapping)) as unknown })),
        quarantineByReason: reasons.map((r) => ({ ...r, meaning: QUARANTINE_REASONS[r.reason] ?? r.reason })),
        maxUploadBytes,
      });
    });

    app.get('/api/data/quarantine', async (c) => {
      const q = parseQuery(c, tableQuerySchema.extend({ layout: z.enum(['records', 'listing']).default('records'), reason: z.string().max(64).optional() }), ['filter']);
      if (q.format === 'csv' && q.layout === 'records') {
        // the rejected rows as they were (their own columns, then cvm_source_file, cvm_line, cvm_reason, cvm_detail): fix and upload again
        const { columns, rows } = await quarantineRecords(state.engine, q.reason);
        return csvDownload(q.reason ? `quarantine-${q.reason}.csv` : 'quarantine.csv', columns, rows);
      }
      if (q.format === 'csv') {
        return new Response(tableCsvStream(state.engine, QUARANTINE_TABLE, q), {
          headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="quarantine.csv"' },
        });
      }
      return c.json(await tablePage(state.engine, QUARANTINE_TABLE, q));
    });

    const tooLarge = (): never => {
      throw new PayloadTooLargeError('upload_too_large', `The upload is larger than the server's limit of ${maxUploadBytes.toLocaleString('en-US')} bytes; split the log or start the server with a larger --max-upload-mb`, { maxUploadBytes });
    };
    app.post('/api/data/upload', bodyLimit({ maxSize: maxUploadBytes + 64 * 1024, onError: tooLarge }), async (c) => {
      const form = await c.req.parseBody().catch(() => {
        throw new InputError('bad_upload', 'The upload must be multipart/form-data with a "file" field', {});
      });
      const file = form.file;
      if (!(file instanceof File)) throw new InputError('bad_upload', 'The upload has no "file" field with a file in it', {});
      if (file.size > maxUploadBytes) tooLarge();
      const lower = file.name.toLowerCase();
      const ext = EXTENSIONS.find((e) => lower.endsWith(e));
      if (!ext) throw new InputError('bad_upload_type', `Upload a log ending in ${EXTENSIONS.join(', ')}; got "${file.name}"`, { name: file.name });
      const fields = uploadFieldsSchema.safeParse(Object.fromEntries(Object.entries(form).filter(([k, v]) => k !== 'file' && typeof v === 'string')));
      if (!fields.success) throw new InputError('bad_upload', `Upload field ${fields.error.issues[0]!.path.join('.')}: ${fields.error.issues[0]!.message}`, {});
      const f = fields.data;
      const mapping: ColumnMapping = {};
      for (const k of ['customer', 'date', 'amount', 'order', 'product', 'quantity', 'price', 'channel', 'cost'] as const) {
        const v = f[`${k}_col`];
        if (v !== undefined) mapping[k] = v;
      }
      const options: IngestOptions = { mapping, dateFormat: f.date_format, timezone: f.timezone, delimiter: f.delimiter, cancelPrefix: f.cancel_prefix ?? null };
      await mkdir(uploadDir, { recursive: true });
      // Generated name inside the upload directory: the client's file name never becomes a path.
      const path = join(uploadDir, `upload-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}${ext}`);
      await writeFile(path, new Uint8Array(await file.arrayBuffer()));
      const report = await state.ingest(path, options);
      return c.json({ status: 'ok', originalName: file.name, ingest: report });
    });
  },
  paths: {
    '/api/data/sources': {
      get: { summary: 'Ingested files with row counts (read, accepted, quarantined) and quarantine counts by reason', responses: { 200: oa.json('Sources') } },
    },
    '/api/data/quarantine': {
      get: {
        summary: 'Quarantined rows with reasons: paged, sorted, filtered; format=csv downloads the rejected rows as they were (their own columns plus cvm_source_file, cvm_line, cvm_reason, cvm_detail), to fix and upload again; layout=listing downloads the table as shown',
        parameters: [...oa.tableParams, { name: 'layout', in: 'query', schema: { type: 'string', enum: ['records', 'listing'], default: 'records' } }, { name: 'reason', in: 'query', schema: { type: 'string' }, description: 'with format=csv: only this reason code' }],
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
                type: 'object', required: ['file'],
                properties: Object.fromEntries([['file', { type: 'string', format: 'binary' }], ...Object.keys(uploadFieldsSchema.shape).map((k) => [k, { type: 'string' }])]),
              },
            },
          },
        },
        responses: { 200: oa.json('The ingest report'), 400: oa.error, 413: oa.error },
      },
    },
  },
};
