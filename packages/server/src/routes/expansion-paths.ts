import { HEADROOM_GROUPINGS, RULE_SORT_KEYS } from '@cvm/core';
import { oa, type OpenApiPaths } from './route-module.js';

const q = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', schema, description });

/** The OpenAPI description of the expansion routes (issue 13), beside {@link expansionRoutes} in expansion.ts. */
export const expansionPaths: OpenApiPaths = {
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
        q('sort', { type: 'string', enum: [...RULE_SORT_KEYS], default: 'lift' }, "measure to sort by (baskets = the rule's basket count)"),
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
        q('sort', { type: 'string', enum: ['score', 'customer'], default: 'score' }, 'score = best offer first; customer = customer order'),
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
};
