import { z } from 'zod';
import {
  backtestJson,
  customerOffersJson,
  expansionNotComputed,
  expansionSections,
  HEADROOM_GROUPINGS,
  headroomJson,
  offersCsvChunks,
  offersPage,
  RULE_SORT_KEYS,
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
import { isoDate, reportTableCsv } from '../report-csv.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';

const page = z.coerce.number().int().min(1).max(1e9).default(1);
const format = z.enum(['json', 'csv']).default('json');

export const rulesQuerySchema = z.object({
  item: z.string().min(1).max(500).optional(),
  side: z.enum(['any', 'antecedent', 'consequent']).default('any'),
  minSupport: z.coerce.number().gt(0).max(1).optional(),
  minConfidence: z.coerce.number().min(0).max(1).optional(),
  minLift: z.coerce.number().min(0).max(1e6).optional(),
  maxLength: z.coerce.number().int().min(2).max(10).optional(),
  sort: z.enum(RULE_SORT_KEYS).default('lift'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page,
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  format,
});

export const offersQuerySchema = z.object({
  sort: z.enum(['score', 'customer']).default('score'),
  product: z.string().min(1).max(500).optional(),
  page,
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
  format,
});

export const headroomQuerySchema = z.object({
  by: z.enum(HEADROOM_GROUPINGS).default('value_tier'),
  top: z.coerce.number().int().min(0).max(100).default(20),
  table: z.enum(['groups', 'top']).default('groups'),
  format,
});

export const backtestQuerySchema = z.object({
  calibrationEnd: isoDate.optional(),
  holdoutEnd: isoDate.optional(),
  k: z.coerce.number().int().min(1).max(20).optional(),
  format,
});

export const reportQuerySchema = z.object({
  customers: z.coerce.number().int().min(0).max(500).default(20),
  by: z.enum(HEADROOM_GROUPINGS).default('value_tier'),
  calibrationEnd: isoDate.optional(),
  holdoutEnd: isoDate.optional(),
  k: z.coerce.number().int().min(1).max(20).optional(),
});

const idParam = z.string().min(1).max(500);
const csvHeaders = (name: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${name}"`,
});
/** A table with JSON-safe cells (NaN and ±Infinity as null). */
const jsonTable = (t: ReportTable): ReportTable => ({ ...t, rows: t.rows.map((r) => r.map(normalizeCell)) });
const q = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', schema, description });

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
        return new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              const r = chunks.next();
              if (r.done) controller.close();
              else controller.enqueue(encoder.encode(r.value));
            },
          }),
          { headers: csvHeaders('offers.csv') },
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
  paths: {
    '/api/expansion/rules': {
      get: {
        summary:
          "Cross-sell association rules X ⇒ Y mined from the product baskets up to the summary day with FP-growth (single-item consequents, as arules): support, confidence, lift, leverage, conviction, and the consequent's margin with product costs; filtered by item, sorted by any measure, paged; the thresholds and definitions in notes. Mined once per threshold set (the four most recent kept). format=csv downloads every selected rule. status not_computed when the log has no product ids",
        parameters: [
          q(
            'item',
            { type: 'string' },
            'keep rules that mention this item (exact label; an unknown one answers 400 with the closest labels)',
          ),
          q('side', { type: 'string', enum: ['any', 'antecedent', 'consequent'], default: 'any' }, 'where the item must appear'),
          q('minSupport', { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.01 }, 'minimum share of baskets holding X and Y'),
          q('minConfidence', { type: 'number', minimum: 0, maximum: 1, default: 0.25 }, 'minimum P(Y | X)'),
          q('minLift', { type: 'number', minimum: 0, default: 0 }, 'minimum lift (1 = no association)'),
          q('maxLength', { type: 'integer', minimum: 2, maximum: 10, default: 10 }, 'largest itemset, X and Y together'),
          q(
            'sort',
            { type: 'string', enum: [...RULE_SORT_KEYS], default: 'lift' },
            "measure to sort by (baskets = the rule's basket count)",
          ),
          q('dir', { type: 'string', enum: ['asc', 'desc'], default: 'desc' }, 'sort direction'),
          q('page', { type: 'integer', minimum: 1, default: 1 }, '1-based page'),
          q('pageSize', { type: 'integer', minimum: 1, maximum: 1000, default: 50 }, 'rules per page'),
          q('format', { type: 'string', enum: ['json', 'csv'], default: 'json' }, 'csv downloads every selected rule'),
        ],
        responses: { 200: oa.json('A page of rules (TablePage plus thresholds, notes, basket counts) or not_computed'), 400: oa.error },
      },
    },
    '/api/expansion/offers': {
      get: {
        summary:
          "Next best offers: for each customer with a product basket, the top k products they do not own, scored by probability × value of one purchase (gross margin with product costs, else revenue), each with its reason in words; customers with the most valuable offer first. format=csv downloads every customer's offers (streamed). status not_computed when the log has no product ids",
        parameters: [
          q(
            'sort',
            { type: 'string', enum: ['score', 'customer'], default: 'score' },
            'score = best offer first; customer = customer order',
          ),
          q('product', { type: 'string' }, 'only customers offered this product'),
          q('page', { type: 'integer', minimum: 1, default: 1 }, '1-based page of customers'),
          q('pageSize', { type: 'integer', minimum: 1, maximum: 500, default: 25 }, 'customers per page (up to k rows each)'),
          q('format', { type: 'string', enum: ['json', 'csv'], default: 'json' }, "csv downloads every customer's offers"),
        ],
        responses: {
          200: {
            description: 'A page of offers or not_computed (JSON), or every offer (CSV)',
            content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } },
          },
          400: oa.error,
        },
      },
    },
    '/api/expansion/headroom': {
      get: {
        summary:
          "Up-sell headroom: each customer's spend (net revenue, last 365 days) and breadth (distinct products, or categories with a product file) against the upper quartile of their segment; totals by segment and the customers with the most headroom × P(alive) among those likely still active. Spend-only (breadth not measured) when the log has no product ids",
        parameters: [
          q('by', { type: 'string', enum: [...HEADROOM_GROUPINGS], default: 'value_tier' }, 'the segments customers are compared within'),
          q('top', { type: 'integer', minimum: 0, maximum: 100, default: 20 }, 'customers in the top list'),
          q('table', { type: 'string', enum: ['groups', 'top'], default: 'groups' }, 'which table format=csv downloads'),
          q('format', { type: 'string', enum: ['json', 'csv'], default: 'json' }, 'csv downloads the chosen table'),
        ],
        responses: { 200: oa.json('Headroom by segment and top customers, or not_computed'), 400: oa.error },
      },
    },
    '/api/expansion/backtest': {
      get: {
        summary:
          'Backtest of next best offer: offers from the data up to calibrationEnd, scored on what each customer bought after it (to holdoutEnd): hit rate and precision at k beside the popularity baseline (the k best sellers the customer does not own), paired 95% intervals and the verdict in words (a recommender that does not beat popularity says so)',
        parameters: [
          q(
            'calibrationEnd',
            { type: 'string', format: 'date' },
            "last day of the data the offers are made from (default: the models' validation day, else the middle of the log)",
          ),
          q('holdoutEnd', { type: 'string', format: 'date' }, 'last day of the purchases scored (default: the summary day)'),
          q('k', { type: 'integer', minimum: 1, maximum: 20, default: 5 }, 'offers per customer'),
          q('format', { type: 'string', enum: ['json', 'csv'], default: 'json' }, 'csv downloads the side-by-side table'),
        ],
        responses: { 200: oa.json('The backtest, or not_computed'), 400: oa.error },
      },
    },
    '/api/expansion/report': {
      get: {
        summary:
          "The expansion report as report sections (id, title, lines, warnings, tables), the same the CLI prints: the offers' backtest against the popularity baseline with its verdict first, the next best offers of the customers with the most valuable offer, and up-sell headroom by segment. A stage that cannot run on this data (no product ids) is a section whose line says why",
        parameters: [
          q(
            'customers',
            { type: 'integer', minimum: 0, maximum: 500, default: 20 },
            'customers listed in the offers table, best offer first',
          ),
          q('by', { type: 'string', enum: [...HEADROOM_GROUPINGS], default: 'value_tier' }, 'the segments headroom is compared within'),
          q(
            'calibrationEnd',
            { type: 'string', format: 'date' },
            "the backtest's calibration end (default: the models' validation day, else the middle of the log)",
          ),
          q('holdoutEnd', { type: 'string', format: 'date' }, "the backtest's holdout end (default: the summary day)"),
          q('k', { type: 'integer', minimum: 1, maximum: 20, default: 5 }, 'offers per customer in the backtest'),
        ],
        responses: { 200: oa.json('{ sections: ReportSection[] }'), 400: oa.error },
      },
    },
    '/api/customers/{id}/offers': {
      get: {
        summary:
          "One customer's next best offers with the reason for each, and their up-sell headroom against their value tier; not_computed when the log has no product ids",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: oa.json("The customer's offers and headroom"), 400: oa.error, 404: oa.error },
      },
    },
  },
};
