import { defineTable } from '../report/report-table.js';

/** One offer as a table row. */
export interface OfferRow {
  customerId: string;
  rank: number;
  product: string;
  probability: number;
  value: number;
  expectedValue: number;
  source: 'rule' | 'co-occurrence' | 'popularity';
  reason: string;
}

/** The offers table, declared once for every surface. */
export const OFFERS_TABLE = defineTable<OfferRow>('expansion.offers', 'Next best offers', [
  { key: 'customer_id', label: 'Customer', kind: 'id', value: (r) => r.customerId },
  { key: 'rank', label: 'Rank', kind: 'count', value: (r) => r.rank, description: '1 = the best offer for this customer.' },
  { key: 'product', label: 'Product', kind: 'id', value: (r) => r.product },
  {
    key: 'probability',
    label: 'Probability',
    kind: 'probability',
    value: (r) => r.probability,
    description:
      'Estimated chance that a basket of this customer holds the product, from the rules that fire on what they bought (or item co-occurrence when none does).',
  },
  {
    key: 'value',
    label: 'Value per purchase',
    kind: 'money',
    value: (r) => r.value,
    description: 'Mean gross margin of a basket line of the product (revenue when product costs are unknown).',
  },
  {
    key: 'expected_value',
    label: 'Expected value',
    kind: 'money',
    value: (r) => r.expectedValue,
    description: 'Probability × value per purchase: the ranking score.',
  },
  {
    key: 'source',
    label: 'Source',
    kind: 'text',
    value: (r) => r.source,
    description: 'rule, co-occurrence (no rule fired for this product) or popularity (the baseline).',
  },
  { key: 'reason', label: 'Why', kind: 'text', value: (r) => r.reason },
]);

/** One method's backtest scores as a table row. */
export interface BacktestRow {
  method: string;
  customers: number;
  hits: number;
  hitRate: number;
  precision: number;
}

/** The backtest table: the recommender and the popularity baseline side by side. */
export const OFFER_BACKTEST_TABLE = defineTable<BacktestRow>('expansion.offers_backtest', 'Next best offer backtest', [
  { key: 'method', label: 'Method', kind: 'text', value: (r) => r.method },
  {
    key: 'customers',
    label: 'Customers evaluated',
    kind: 'count',
    value: (r) => r.customers,
    description: 'Customers with a purchase by the calibration end who bought a product new to them in the holdout.',
  },
  {
    key: 'hits',
    label: 'Customers with a hit',
    kind: 'count',
    value: (r) => r.hits,
    description: 'Customers who bought at least one of their offers in the holdout.',
  },
  {
    key: 'hit_rate',
    label: 'Hit rate at k',
    kind: 'share',
    value: (r) => r.hitRate,
    description: 'Share of evaluated customers who bought at least one of their k offers.',
  },
  {
    key: 'precision',
    label: 'Precision at k',
    kind: 'share',
    value: (r) => r.precision,
    description: 'Mean share of the k offers that the customer bought.',
  },
]);
