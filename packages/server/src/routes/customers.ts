import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { csvResponse, reportTableCsv } from '../report-csv.js';
import { oa, parseQuery, queryParams, type RouteModule } from './route-module.js';
import {
  pAliveHistory,
  customerDays,
  customerProfileTable,
  customerPurchaseDays,
  customerPurchasesTable,
  customerSegmentHistoryTable,
  customerRow,
  customerSnapshots,
  quarterEnds,
  SEGMENT_HISTORY_RULE,
  tableCsvStream,
  tablePage,
  tableQuerySchema,
} from '@cvm/core';
import { customerScores, fitOf } from '../scores.js';
import { ensureSnapshot } from '../snapshots.js';
import { customerSegment, segmentation } from './segments.js';
import type { ApiCustomer, ApiCustomerModel, ApiCustomerSegments, ApiCustomersPage } from '@cvm/core/api';

/** Quarter ends used for a customer's segment history (the last eight of the log). */
const HISTORY_QUARTERS = 8;

const idParam = z.string().min(1).max(500);

/** GET /api/customers/{id}: JSON, or one of its tables as CSV (the profile is the customer table's row). */
export const customerQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  table: z.enum(['profile', 'purchases']).default('profile'),
});

/** GET /api/customers/{id}/segments: JSON, or the history table as CSV. */
export const customerSegmentsQuerySchema = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** A customer id as a file name part (letters, digits, `.`, `_`, `-`; the rest `_`). */
const fileId = (id: string): string => id.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);

/** GET /api/customers (paged, sorted, filtered, CSV) and GET /api/customers/{id} (drill-down). */
export const customerRoutes: RouteModule = {
  register(app, { state, validateAt }) {
    app.get('/api/customers', async (c) => {
      const q = parseQuery(c, tableQuerySchema, ['filter']);
      const { summary } = await state.overview();
      const spec = await state.customerTable();
      if (q.format === 'csv') {
        return csvResponse(tableCsvStream(state.engine, spec, q), 'customers.csv');
      }
      return c.json({
        ...(await tablePage(state.engine, spec, q, state.permutations)),
        period: summary.period,
        calibrationEnd: summary.calibrationEnd,
      } satisfies ApiCustomersPage);
    });

    app.get('/api/customers/:id', async (c) => {
      const id = idParam.parse(c.req.param('id'));
      const q = parseQuery(c, customerQuerySchema);
      const { summary } = await state.overview();
      const spec = await state.customerTable();
      // issue 16: after an incremental refresh the table reflects an older version; the summary and scores are current
      const fresh = await state.refreshedRow(id);
      const stored = fresh === 'gone' ? null : await customerRow(state.engine, spec, id);
      const row = fresh === null || fresh === 'gone' ? stored : { ...stored, ...fresh };
      if (!row)
        throw new NotFoundError(
          'customer_not_found',
          `No customer "${id}" with a purchase up to ${summary.calibrationEnd}; search the customer table for the id`,
          { id },
        );
      const purchases = await customerDays(state.engine, id);
      // the drill-down's tables as the core declares them; the profile's CSV is the customer table's row
      const tables = { profile: customerProfileTable(spec, row), purchases: customerPurchasesTable(purchases) };
      if (q.format === 'csv') return reportTableCsv(tables[q.table], `customer-${fileId(id)}-${q.table}.csv`);
      const seg = await segmentation(state);
      const index = await state.cached('segment-index', async () => new Map(seg.customerId.map((cid, i) => [cid, i])));
      const at = index.get(id);
      return c.json({
        status: 'ok',
        customer: row,
        segment: at === undefined ? null : customerSegment(seg, at),
        columns: spec.columns,
        period: summary.period,
        calibrationEnd: summary.calibrationEnd,
        purchases,
        tables,
        model: { route: `/api/customers/${encodeURIComponent(id)}/model`, segments: `/api/customers/${encodeURIComponent(id)}/segments` },
      } satisfies ApiCustomer);
    });

    app.get('/api/customers/:id/model', async (c) => {
      const id = idParam.parse(c.req.param('id'));
      const { summary } = await state.overview();
      const scores = await customerScores(state);
      const k = scores.index.get(id);
      if (k === undefined)
        throw new NotFoundError(
          'customer_not_found',
          `No customer "${id}" with a purchase up to ${summary.calibrationEnd}; search the customer table for the id`,
          { id },
        );
      const days = await customerPurchaseDays(state.engine, id, summary.calibrationEnd);
      return c.json({
        status: 'ok',
        customerId: id,
        period: summary.period,
        calibrationEnd: summary.calibrationEnd,
        warnings: scores.warnings,
        fit: await fitOf(state),
        pAlive: {
          model: scores.model,
          now: scores.pAlive[k],
          rule: `P(alive) under the fitted ${scores.model} model, evaluated on each day with only the customer's own (x, tₓ, T) as of that day (purchase days up to ${summary.calibrationEnd}; time in ${summary.period}s)`,
          series: pAliveHistory(scores.model, scores.params, days, summary.calibrationEnd, summary.period),
        },
        clv: {
          model: scores.model,
          value: scores.clv[k],
          expectedPurchases: scores.expectedPurchases[k],
          expectedSpend: scores.expectedSpend[k],
          pAlive: scores.pAlive[k],
          units: scores.units,
        },
      } satisfies ApiCustomerModel);
    });

    app.get('/api/customers/:id/segments', async (c) => {
      const id = idParam.parse(c.req.param('id'));
      const q = parseQuery(c, customerSegmentsQuerySchema);
      const { report } = await state.overview();
      const ends = quarterEnds(report.dateRange.first!, report.dateRange.last!).slice(-HISTORY_QUARTERS);
      const used = [];
      for (const d of ends) used.push(await ensureSnapshot(state, d));
      const history = await customerSnapshots(state.engine, id);
      const table = customerSegmentHistoryTable(history);
      if (q.format === 'csv') return reportTableCsv(table, `customer-${fileId(id)}-segment-history.csv`);
      return c.json({
        status: 'ok',
        customerId: id,
        rule: SEGMENT_HISTORY_RULE,
        snapshots: used,
        history,
        tables: { history: table },
      } satisfies ApiCustomerSegments);
    });
  },
  paths: {
    '/api/customers': {
      get: {
        summary:
          'Every customer with every score (summary, P(alive), expected purchases, CLV, tier, lifecycle stage, RFM segment, profit when costed): paged, sorted and filtered in SQL; format=csv downloads it',
        parameters: oa.tableParams,
        responses: oa.tableResponses,
      },
    },
    '/api/customers/{id}': {
      get: {
        summary:
          'One customer: summary row, purchase timeline (per day), segment with a sentence saying why; model outputs at /model, segment history at /segments. `tables` holds the profile (the customer table row) and purchases per day as core report tables; format=csv&table=profile|purchases downloads one',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          ...queryParams(customerQuerySchema, { table: 'which table format=csv downloads' }),
        ],
        responses: { 200: oa.json('The customer'), 404: oa.error },
      },
    },
    '/api/customers/{id}/model': {
      get: {
        summary:
          "One customer under the fitted models (the models report's recommended count model and Gamma-Gamma): P(alive) over their history, P(alive) now, expected purchases and spend, CLV with units",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: oa.json('Model outputs for the customer'), 400: oa.error, 404: oa.error, 422: oa.error },
      },
    },
    '/api/customers/{id}/segments': {
      get: {
        summary:
          "One customer's segment history: value tier, lifecycle stage and RFM segment in each quarter-end (and other stored) snapshot; `tables.history` is the core's table of it, format=csv downloads it",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, ...queryParams(customerSegmentsQuerySchema)],
        responses: { 200: oa.json('Segment history'), 400: oa.error },
      },
    },
  },
};
