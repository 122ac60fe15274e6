import { z } from 'zod';
import type { TableSpec } from '../table.js';
import { tableCsv, tablePage, tableQuerySchema } from '../table.js';
import { CUSTOMERS_TABLE } from '../sql/customers-sql.js';
import { NotFoundError } from '../errors.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import { quarterEnds, type Period } from '@cvm/core';
import { customerScores, pAliveHistory } from '../scores.js';
import { ensureSnapshot } from '../snapshots.js';
import { customerSegment, segmentation } from './segments.js';

/** Quarter ends used for a customer's segment history (the last eight of the log). */
const HISTORY_QUARTERS = 8;

/** The per-customer summary as a served table (units depend on the summary period). */
export function customersSpec(period: Period): TableSpec {
  const p = `${period}s`;
  return {
    name: 'customers',
    from: CUSTOMERS_TABLE,
    defaultSort: 'net_revenue',
    defaultDir: 'desc',
    tieBreak: 'ord',
    rowKey: 'ord',
    searchColumn: 'customer_id',
    columns: [
      { name: 'customer_id', kind: 'string', description: 'customer id as in the log' },
      { name: 'frequency', kind: 'number', unit: 'repeat purchase days', description: 'repeat purchase days up to the calibration end (first purchase excluded)' },
      { name: 'recency', kind: 'number', unit: p, description: 'last purchase - first purchase' },
      { name: 'T', kind: 'number', unit: p, description: 'calibration end - first purchase' },
      { name: 'monetary_value', kind: 'number', unit: 'currency per repeat purchase day', description: 'mean value of the repeat purchase days (0 for one-time buyers)' },
      { name: 'first_purchase', kind: 'string', unit: 'date', description: 'first purchase day' },
      { name: 'last_purchase', kind: 'string', unit: 'date', description: 'last purchase day up to the calibration end' },
      { name: 'transactions', kind: 'number', unit: 'purchase rows', description: 'purchase rows up to the calibration end' },
      { name: 'total_revenue', kind: 'number', unit: 'currency, to calibration end', description: 'sum of purchases' },
      { name: 'returns', kind: 'number', unit: 'rows', description: 'return and cancellation rows' },
      { name: 'returns_value', kind: 'number', unit: 'currency, to calibration end', description: 'value returned' },
      { name: 'net_revenue', kind: 'number', unit: 'currency, to calibration end', description: 'total revenue - returns' },
    ],
  };
}

const idParam = z.string().min(1).max(500);

/** GET /api/customers (paged, sorted, filtered, CSV) and GET /api/customers/{id} (drill-down). */
export const customerRoutes: RouteModule = {
  register(app, { state, validateAt }) {
    app.get('/api/customers', async (c) => {
      const q = parseQuery(c, tableQuerySchema, ['filter']);
      const summary = await state.customers();
      const spec = customersSpec(summary.period);
      if (q.format === 'csv') {
        return new Response(tableCsv(state.engine, spec, q), {
          headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="customers.csv"' },
        });
      }
      return c.json({ ...(await tablePage(state.engine, spec, q, state.permutations)), period: summary.period, calibrationEnd: summary.calibrationEnd });
    });

    app.get('/api/customers/:id', async (c) => {
      const id = idParam.parse(c.req.param('id'));
      const summary = await state.customers();
      const spec = customersSpec(summary.period);
      const names = spec.columns.map((col) => `"${col.name}"`).join(', ');
      const [row] = await state.engine.rows<Record<string, unknown>>(`SELECT ${names} FROM ${CUSTOMERS_TABLE} WHERE customer_id = $id`, { id });
      if (!row) throw new NotFoundError('customer_not_found', `No customer "${id}" with a purchase up to ${summary.calibrationEnd}; search the customer table for the id`, { id });
      const purchases = await state.engine.rows<{ date: string; amount: number; rows: number; returned: number }>(
        `SELECT strftime(event_date, '%Y-%m-%d') AS date, sum(amount) FILTER (WHERE NOT is_return) AS amount,
           count(*) FILTER (WHERE NOT is_return) AS rows, coalesce(-sum(amount) FILTER (WHERE is_return), 0) AS returned
         FROM transactions WHERE customer_id = $id GROUP BY event_date ORDER BY event_date LIMIT 5000`, { id });
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
        purchases: purchases.map((p) => ({ ...p, amount: p.amount ?? 0 })),
        model: { route: `/api/customers/${encodeURIComponent(id)}/model`, segments: `/api/customers/${encodeURIComponent(id)}/segments` },
      });
    });

    app.get('/api/customers/:id/model', async (c) => {
      const id = idParam.parse(c.req.param('id'));
      const summary = await state.customers();
      const scores = await customerScores(state, validateAt);
      const k = scores.index.get(id);
      if (k === undefined) throw new NotFoundError('customer_not_found', `No customer "${id}" with a purchase up to ${summary.calibrationEnd}; search the customer table for the id`, { id });
      const days = await state.engine.rows<{ date: string }>(
        `SELECT DISTINCT strftime(event_date, '%Y-%m-%d') AS date FROM transactions WHERE customer_id = $id AND NOT is_return AND event_date <= CAST($end AS DATE) ORDER BY date`, { id, end: summary.calibrationEnd });
      return c.json({
        status: 'ok',
        customerId: id,
        period: summary.period,
        calibrationEnd: summary.calibrationEnd,
        warnings: scores.warnings,
        pAlive: {
          model: scores.model, now: scores.pAlive[k],
          rule: `P(alive) under the fitted ${scores.model} model, evaluated on each day with only the customer's own (x, tₓ, T) as of that day (purchase days up to ${summary.calibrationEnd}; time in ${summary.period}s)`,
          series: pAliveHistory(scores.model, scores.params, days.map((d) => d.date), summary.calibrationEnd, summary.period),
        },
        clv: {
          model: scores.model, value: scores.clv[k], expectedPurchases: scores.expectedPurchases[k], expectedSpend: scores.expectedSpend[k], pAlive: scores.pAlive[k],
          units: scores.units,
        },
      });
    });

    app.get('/api/customers/:id/segments', async (c) => {
      const id = idParam.parse(c.req.param('id'));
      const { report } = await state.overview();
      const ends = quarterEnds(report.dateRange.first!, report.dateRange.last!).slice(-HISTORY_QUARTERS);
      const used = [];
      for (const d of ends) used.push(await ensureSnapshot(state, d));
      const rows = await state.engine.rows<{ as_of: string; computed_at: string; rfm_segment: string | null; r_score: number | null; f_score: number | null; m_score: number | null; value_tier: string; lifecycle_stage: string; value: number }>(
        `SELECT strftime(as_of, '%Y-%m-%d') AS as_of, CAST(computed_at AS VARCHAR) AS computed_at, rfm_segment, r_score, f_score, m_score, value_tier, lifecycle_stage, value
         FROM segment_snapshots WHERE customer_id = $id ORDER BY as_of`, { id });
      return c.json({
        status: 'ok',
        customerId: id,
        rule: 'One row per stored segment snapshot (the log\'s quarter ends, plus any stored with cvm segment/migrate) in which the customer had bought; each snapshot uses only the transactions up to its day. Value = historic net revenue to that day (currency).',
        snapshots: used,
        history: rows.map((r) => ({ asOf: r.as_of, computedAt: r.computed_at, valueTier: r.value_tier, lifecycleStage: r.lifecycle_stage, rfmSegment: r.rfm_segment, r: r.r_score, f: r.f_score, m: r.m_score, value: r.value })),
      });
    });
  },
  paths: {
    '/api/customers': {
      get: {
        summary: 'Per-customer summary table: paged, sorted and filtered in SQL; format=csv downloads it',
        parameters: oa.tableParams,
        responses: oa.tableResponses,
      },
    },
    '/api/customers/{id}': {
      get: {
        summary: 'One customer: summary row, purchase timeline (per day), segment with a sentence saying why; model outputs at /model, segment history at /segments',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: oa.json('The customer'), 404: oa.error },
      },
    },
    '/api/customers/{id}/model': {
      get: {
        summary: 'One customer under the fitted models (the models report\'s recommended count model and Gamma-Gamma): P(alive) over their history, P(alive) now, expected purchases and spend, CLV with units',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: oa.json('Model outputs for the customer'), 400: oa.error, 404: oa.error, 422: oa.error },
      },
    },
    '/api/customers/{id}/segments': {
      get: {
        summary: 'One customer\'s segment history: value tier, lifecycle stage and RFM segment in each quarter-end (and other stored) snapshot',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: oa.json('Segment history'), 400: oa.error },
      },
    },
  },
};
