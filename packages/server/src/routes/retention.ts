import { z } from 'zod';
import {
  backtestSection,
  COUNT_MODELS,
  InputError,
  retentionListTable,
  retentionSection,
  tableCsvStream,
  tablePage,
  tableQuerySchema,
  trendsSection,
  valueAtRiskTable,
  type CountModelName,
  type ListName,
  type ServedTable,
  type TableQuery,
} from '@cvm/core';
import type { ApiRetention, ApiRetentionBacktest, ApiRetentionList, ApiRetentionTrends } from '@cvm/core/api';
import type { Context } from 'hono';
import { csvResponse } from '../report-csv.js';
import type { WorkspaceState } from '../workspace-state.js';
import { notComputed } from './not-computed.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';

/** The retention stage, or null with the reason when the models did not run. */
async function retentionOrReason(state: WorkspaceState) {
  const m = await state.models();
  if (m.status !== 'ok') return { stage: null, reason: `Retention needs the CLV models, which were not fitted: ${m.reason}` };
  return { stage: await state.retention(), reason: '' };
}

/** A served table page as JSON, or the whole filtered table as a CSV download. */
export async function serveTable(c: Context, state: WorkspaceState, t: ServedTable, q: TableQuery, fileName: string): Promise<Response> {
  if (q.format === 'csv') {
    return csvResponse(tableCsvStream(state.engine, t, q), `${fileName}.csv`);
  }
  return c.json({ status: 'ok', ...(await tablePage(state.engine, t, q)) } satisfies ApiRetentionList);
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const backtestQuery = z.object({
  calibrationEnd: isoDate.optional(),
  holdoutEnd: isoDate.optional(),
  model: z.enum(COUNT_MODELS as unknown as [CountModelName, ...CountModelName[]]).optional(),
});

/**
 * Retention: GET /api/retention (the report: value at risk now and before, by tier and stage, risk
 * labels, list sizes, rules), /api/retention/at-risk and /win-back (the lists, paged, filtered, CSV),
 * /api/retention/backtest and /api/retention/trends. Saved audiences are in audiences.ts.
 */
export const retentionRoutes: RouteModule = {
  register(app, { state, validateAt }) {
    app.get('/api/retention', async (c) => {
      const { stage, reason } = await retentionOrReason(state);
      if (!stage) return c.json(notComputed('retention', reason) satisfies ApiRetention);
      const r = stage.report;
      return c.json({
        status: 'ok',
        retention: r,
        section: retentionSection(r),
        tables: { valueAtRisk: valueAtRiskTable(r.byTierStage) },
        lists: { atRisk: '/api/retention/at-risk', winBack: '/api/retention/win-back' },
      } satisfies ApiRetention);
    });

    for (const [path, list] of [
      ['/api/retention/at-risk', 'at_risk'],
      ['/api/retention/win-back', 'win_back'],
    ] as const) {
      app.get(path, async (c) => {
        const q = parseQuery(c, tableQuerySchema, ['filter']);
        const { stage, reason } = await retentionOrReason(state);
        if (!stage) return c.json(notComputed('retention', reason) satisfies ApiRetentionList);
        const t = retentionListTable(await state.customerTable(), list as ListName);
        return serveTable(c, state, t, q, list === 'at_risk' ? 'at-risk' : 'win-back');
      });
    }

    app.get('/api/retention/backtest', async (c) => {
      const q = parseQuery(c, backtestQuery);
      const m = await state.models();
      if (m.status !== 'ok')
        return c.json(
          notComputed(
            'retention backtest',
            `The backtest needs the CLV models, which were not fitted: ${m.reason}`,
          ) satisfies ApiRetentionBacktest,
        );
      const { report } = await state.overview();
      const last = report.dateRange.last!;
      const calibrationEnd = q.calibrationEnd ?? validateAt ?? m.report.validation?.calibrationEnd;
      if (!calibrationEnd) throw new InputError('bad_query', 'Give calibrationEnd=YYYY-MM-DD (the day to rank as of)', {});
      const b = await state.retentionBacktest({ calibrationEnd, holdoutEnd: q.holdoutEnd ?? last, model: q.model });
      return c.json({ status: 'ok', backtest: b, section: backtestSection(b) } satisfies ApiRetentionBacktest);
    });

    app.get('/api/retention/trends', async (c) => {
      const t = await state.retentionTrends();
      const { stage, reason } = await retentionOrReason(state);
      return c.json({
        status: 'ok',
        trends: t,
        table: trendsSection(t).tables[0],
        valueAtRisk: stage
          ? {
              status: 'ok',
              now: stage.report.valueAtRisk.now,
              before: stage.report.valueAtRisk.before,
              asOf: stage.report.asOf,
              beforeDay: stage.report.before,
              unit: stage.report.valueUnit,
            }
          : notComputed('value at risk', reason),
        links: { atRisk: '#/retention', winBack: '#/retention' },
      } satisfies ApiRetentionTrends);
    });
  },
  paths: {
    '/api/retention': {
      get: {
        summary:
          "Retention as of the summary day: the report (value at risk now and at the lookback day, by value tier and lifecycle stage, churn-risk labels, the two lists' sizes, rules and units), its report section (the lines and tables cvm at-risk prints: retention.risk, retention.value_at_risk_matrix) and the long value-at-risk table with the earlier day; not_computed without models",
        responses: { 200: oa.json('RetentionReport') },
      },
    },
    '/api/retention/at-risk': {
      get: {
        summary:
          'Valuable customers whose churn risk rose, ranked by value at risk, each with reasons in words: paged, sorted, filtered (tier, stage, channel, …); format=csv downloads the list',
        parameters: oa.tableParams,
        responses: oa.tableResponses,
      },
    },
    '/api/retention/win-back': {
      get: {
        summary:
          'Lapsed and churned customers ranked by win-back value, with reasons: paged, sorted, filtered; format=csv downloads the list',
        parameters: oa.tableParams,
        responses: oa.tableResponses,
      },
    },
    '/api/retention/backtest': {
      get: {
        summary:
          "Backtest of the retention ranking: as of calibrationEnd (default: the models' validation day) with only the data up to it, measured to holdoutEnd (default: the last day): AUC with interval, precision and lift, lift curve, calibration, next-purchase error vs the naive own gap, revenue by risk label",
        parameters: [
          { name: 'calibrationEnd', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'holdoutEnd', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'model', in: 'query', schema: { type: 'string', enum: [...COUNT_MODELS] } },
        ],
        responses: { 200: oa.json('RetentionBacktest with its report section'), 400: oa.error },
      },
    },
    '/api/retention/trends': {
      get: {
        summary:
          'Customers by lifecycle flow (new, returning, reactivated, lapsed) and revenue per month; value at risk now against the lookback day',
        responses: { 200: oa.json('Trends') },
      },
    },
  },
};
