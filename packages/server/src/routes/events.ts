import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { bodyLimit } from 'hono/body-limit';
import { InputError, type ColumnMapping, type IngestOptions } from '@cvm/core';
import type { ApiEvents } from '@cvm/core/api';
import { PayloadTooLargeError } from '../errors.js';
import { oa, type RouteModule } from './route-module.js';
import { uploadFieldsSchema } from './data.js';

/**
 * Continuous ingestion (issue 16, item 5), first step: `POST /api/events` takes new transactions as
 * NDJSON (one JSON object a line, the columns named as in a log file, or mapped with the upload's
 * `customer_col`, `date_col`, … query parameters). The batch is stored as a file of its own and
 * ingested exactly like an uploaded log (`state.ingest`): the same validation, the same quarantine
 * reasons, a repeated batch is `unchanged` and a row already ingested is a `duplicate_row`, so a
 * client may retry. The server's rules apply as to every /api call (its token when it has one; no
 * cross-site browser posts). The reply carries the data version the reports now reflect.
 */
export const eventRoutes: RouteModule = {
  register(app, { state, uploadDir, maxUploadBytes }) {
    const tooLarge = (): never => {
      throw new PayloadTooLargeError(
        'upload_too_large',
        `The event batch is larger than the server's limit of ${maxUploadBytes.toLocaleString('en-US')} bytes; send smaller batches or start the server with a larger --max-upload-mb`,
        { maxUploadBytes },
      );
    };
    app.post('/api/events', bodyLimit({ maxSize: maxUploadBytes, onError: tooLarge }), async (c) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'text/plain', ''].includes(type)) {
        throw new InputError(
          'bad_events',
          `POST /api/events takes NDJSON (Content-Type application/x-ndjson): one JSON object per line; got ${type}`,
          { type },
        );
      }
      const text = await c.req.text();
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      if (lines.length === 0)
        throw new InputError('bad_events', 'POST /api/events: the body holds no event (one JSON object per line)', {});
      const fields = uploadFieldsSchema.safeParse(c.req.query());
      if (!fields.success)
        throw new InputError(
          'bad_events',
          `Query parameter ${fields.error.issues[0]!.path.join('.')}: ${fields.error.issues[0]!.message}`,
          {},
        );
      const f = fields.data;
      const mapping: ColumnMapping = {};
      for (const k of ['customer', 'date', 'amount', 'order', 'product', 'quantity', 'price', 'channel', 'cost'] as const) {
        const v = f[`${k}_col`];
        if (v !== undefined) mapping[k] = v;
      }
      const options: IngestOptions = { mapping, dateFormat: f.date_format, timezone: f.timezone, cancelPrefix: f.cancel_prefix ?? null };
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const dir = join(uploadDir, `events-${stamp}-${randomBytes(4).toString('hex')}`);
      await mkdir(dir, { recursive: true });
      const path = join(dir, `events-${stamp}.ndjson`);
      await writeFile(path, lines.join('\n') + '\n');
      let report;
      try {
        report = await state.ingest(path, options);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      if (report.status === 'unchanged' || report.rowsAccepted === 0) await rm(dir, { recursive: true, force: true });
      const status = report.status === 'unchanged' ? 'unchanged' : report.rowsAccepted === 0 ? 'rejected' : 'ok';
      return c.json({
        status,
        dataVersion: (await state.workspaceVersion()).version,
        ingest: { ...report, file: `events-${stamp}.ndjson` },
        // issue 16: refreshed incrementally (touched customers, scored with the current fit) or in full, and why
        refresh: report.status === 'unchanged' ? null : state.lastRefresh,
      } satisfies ApiEvents);
    });
  },
  paths: {
    '/api/events': {
      post: {
        summary:
          'Append new transactions sent as NDJSON (one object a line; column mapping as query parameters customer_col, date_col, amount_col, …); validated and quarantined as an uploaded log; replies with the ingest report and the new data version',
        requestBody: { required: true, content: { 'application/x-ndjson': { schema: { type: 'string' } } } },
        responses: { 200: oa.json('The ingest report and data version'), 400: oa.error, 413: oa.error },
      },
    },
  },
};
