import { z } from 'zod';
import type { TableSpec } from '../table.js';
import { tableCsv, tablePage, tableQuerySchema } from '../table.js';
import { CUSTOMERS_TABLE } from '../sql/customers-sql.js';
import { NotFoundError } from '../errors.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import { notComputed } from './not-computed.js';
import type { Period } from '@cvm/core';
import { customerSegment, segmentation } from './segments.js';

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
  register(app, { state }) {
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
        pAlive: notComputed('p_alive', 'P(alive) over time needs a fitted model (BG/NBD, Pareto/NBD), which the server does not wire yet.'),
        clv: notComputed('clv', 'Predicted CLV needs a fitted model and the Gamma-Gamma spend model, not wired yet.'),
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
        summary: 'One customer: summary row, purchase timeline (per day), model outputs when computed',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: oa.json('The customer'), 404: oa.error },
      },
    },
  },
};
