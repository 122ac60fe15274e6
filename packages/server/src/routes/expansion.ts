import { z } from 'zod';
import {
  backtestJson,
  customerOffersJson,
  expansionNotComputed,
  expansionSections,
  headroomJson,
  offersCsvChunks,
  offersPage,
  rulesCsvTable,
  rulesPage,
  normalizeCell,
  type ReportTable,
} from '@cvm/core';
import type {
  ApiCustomerOffers,
  ApiExpansionBacktest,
  ApiExpansionHeadroom,
  ApiExpansionOffers,
  ApiExpansionReport,
  ApiExpansionRules,
} from '@cvm/core/api';
import { NotFoundError } from '../errors.js';
import { csvResponse, reportTableCsv } from '../report-csv.js';
import { expansionPaths } from './expansion-paths.js';
import { backtestQuerySchema, headroomQuerySchema, offersQuerySchema, reportQuerySchema, rulesQuerySchema } from './expansion-queries.js';
import { parseQuery, type RouteModule } from './route-module.js';

export {
  backtestQuerySchema,
  headroomQuerySchema,
  offersQuerySchema,
  reportQuerySchema,
  rulesQuerySchema,
} from './expansion-queries.js';

const idParam = z.string().min(1).max(500);
/** A table with JSON-safe cells (NaN and ±Infinity as null). */
const jsonTable = (t: ReportTable): ReportTable => ({ ...t, rows: t.rows.map((r) => r.map(normalizeCell)) });

/**
 * Expansion (issue 13): association rules, next best offers, up-sell headroom and the offers'
 * backtest, each the core `Analysis` stage (computed once per data version, shared with the
 * customer table and the CLI); `status: 'not_computed'` with the reason when the log has no
 * product ids. Tables are the core's declarations; CSV by the core writer.
 */
export const expansionRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/expansion/rules', async (c) => {
      const p = parseQuery(c, rulesQuerySchema);
      const stage = await state.rules({
        minSupport: p.minSupport,
        minConfidence: p.minConfidence,
        minLift: p.minLift,
        maxLength: p.maxLength,
      });
      if (stage.status !== 'ok') return c.json(expansionNotComputed('expansion.rules', stage) satisfies ApiExpansionRules);
      if (p.format === 'csv') return reportTableCsv(rulesCsvTable(stage, p), 'rules.csv');
      return c.json(rulesPage(stage, p) satisfies ApiExpansionRules);
    });

    app.get('/api/expansion/offers', async (c) => {
      const p = parseQuery(c, offersQuerySchema);
      const stage = await state.offers();
      if (stage.status !== 'ok') return c.json(expansionNotComputed('expansion.offers', stage) satisfies ApiExpansionOffers);
      if (p.format === 'csv') {
        const chunks = offersCsvChunks(stage, p);
        const encoder = new TextEncoder();
        return csvResponse(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              const r = chunks.next();
              if (r.done) controller.close();
              else controller.enqueue(encoder.encode(r.value));
            },
          }),
          'offers.csv',
        );
      }
      return c.json(offersPage(stage, p) satisfies ApiExpansionOffers);
    });

    app.get('/api/expansion/headroom', async (c) => {
      const p = parseQuery(c, headroomQuerySchema);
      const stage = await state.headroom(p.by);
      if (stage.status !== 'ok') return c.json(expansionNotComputed('expansion.headroom', stage) satisfies ApiExpansionHeadroom);
      if (p.format === 'csv')
        return reportTableCsv(
          p.table === 'top' ? stage.report.customersTable : stage.report.groupsTable,
          `headroom-${p.table}-${p.by}.csv`,
        );
      return c.json(headroomJson(stage, p.top) satisfies ApiExpansionHeadroom);
    });

    app.get('/api/expansion/backtest', async (c) => {
      const p = parseQuery(c, backtestQuerySchema);
      const stage = await state.offerBacktest({ calibrationEnd: p.calibrationEnd, holdoutEnd: p.holdoutEnd, k: p.k });
      if (stage.status !== 'ok') return c.json(expansionNotComputed('expansion.backtest', stage) satisfies ApiExpansionBacktest);
      if (p.format === 'csv') return reportTableCsv(stage.backtest.table, 'offers-backtest.csv');
      return c.json(backtestJson(stage.backtest, stage.computedAt) satisfies ApiExpansionBacktest);
    });

    // the expansion report as the core's sections (the backtest's verdict first), as `cvm offers --backtest` and `cvm headroom` print them
    app.get('/api/expansion/report', async (c) => {
      const p = parseQuery(c, reportQuerySchema);
      const sections = await expansionSections(state, {
        customers: p.customers,
        headroomBy: p.by,
        backtest: { calibrationEnd: p.calibrationEnd, holdoutEnd: p.holdoutEnd, k: p.k },
      });
      return c.json({ sections: sections.map((s) => ({ ...s, tables: s.tables.map(jsonTable) })) } satisfies ApiExpansionReport);
    });

    app.get('/api/customers/:id/offers', async (c) => {
      const id = idParam.parse(c.req.param('id'));
      const { summary } = await state.overview();
      const known = await state.cached('expansion:summary-ids', async () => new Set(summary.customerId));
      if (!known.has(id))
        throw new NotFoundError(
          'customer_not_found',
          `No customer "${id}" with a purchase up to ${summary.calibrationEnd}; search the customer table for the id`,
          { id },
        );
      const offers = await state.offers();
      if (offers.status !== 'ok') return c.json(expansionNotComputed('expansion.customer_offers', offers) satisfies ApiCustomerOffers);
      return c.json(customerOffersJson(offers, await state.headroom(), id) satisfies ApiCustomerOffers);
    });
  },
  paths: expansionPaths,
};
