import type { HeadroomStageResult, OffersResult } from '../expansion/expansion-stage.js';
import type { CustomerColumn } from './customer-table.js';

/** One value per id from `index` (id → position) and `at` (position → value); `empty` for ids not there. */
function pick<T>(ids: readonly string[], index: ReadonlyMap<string, number>, at: (i: number) => T, empty: T): T[] {
  return ids.map((id) => {
    const i = index.get(id);
    return i === undefined ? empty : at(i);
  });
}

/**
 * The next best offer as customer-table columns, matched to `ids`: the best offer's product, its
 * probability and its score (probability × value of one purchase); empty for a customer without a
 * product basket or without an offer.
 * @example
 * offerColumns(stage, summary.customerId).map((c) => c.key); // → ['next_offer', 'next_offer_probability', 'next_offer_score']
 */
export function offerColumns(stage: OffersResult, ids: readonly string[]): CustomerColumn[] {
  const { offers, fit } = stage,
    k = offers.k;
  const item = (c: number): number => offers.item[c * k]!;
  const value = fit.model.values.kind === 'margin' ? 'gross margin' : 'revenue (no product costs)';
  return [
    {
      key: 'next_offer',
      label: 'Next best offer',
      kind: 'id',
      description: `the product with the highest expected ${value} among those the customer may be offered, as of ${stage.asOf}`,
      values: pick(ids, stage.customerIndex, (c) => (item(c) < 0 ? '' : fit.model.items[item(c)]!), ''),
    },
    {
      key: 'next_offer_probability',
      label: 'Offer probability',
      kind: 'probability',
      description:
        'estimated chance that a basket of the customer holds the next best offer (from the rules that fire on what they bought)',
      values: Float64Array.from(pick(ids, stage.customerIndex, (c) => (item(c) < 0 ? NaN : offers.probability[c * k]!), NaN)),
    },
    {
      key: 'next_offer_score',
      label: 'Offer score',
      kind: 'money',
      unit: 'expected per purchase',
      description: `probability × ${value} of one purchase of the next best offer`,
      values: Float64Array.from(pick(ids, stage.customerIndex, (c) => (item(c) < 0 ? NaN : offers.expectedValue[c * k]!), NaN)),
    },
  ];
}

/**
 * Up-sell headroom as customer-table columns, matched to `ids`: the spend gap to the upper quartile
 * of the customer's segment and the breadth (distinct categories, or products without a product
 * file) in the window; empty for a customer who bought nothing in the window.
 * @example
 * headroomColumns(stage, summary.customerId).map((c) => c.key); // → ['headroom', 'breadth']
 */
export function headroomColumns(stage: HeadroomStageResult, ids: readonly string[]): CustomerColumn[] {
  const r = stage.report;
  const window = `${r.from} to ${r.asOf}`;
  const columns: CustomerColumn[] = [
    {
      key: 'headroom',
      label: 'Up-sell headroom',
      kind: 'money',
      unit: window,
      description: `max(0, upper quartile of the segment's spend − the customer's spend), segments = ${stage.groupBy.replaceAll('_', ' ')}s`,
      values: Float64Array.from(pick(ids, stage.customerIndex, (i) => r.result.spendGap[i]!, NaN)),
    },
  ];
  if (r.breadthBasis !== null)
    columns.push({
      key: 'breadth',
      label: 'Breadth',
      kind: 'count',
      unit: `${r.breadthBasis}, ${window}`,
      description: `distinct ${r.breadthBasis} bought in the window`,
      values: Float64Array.from(pick(ids, stage.customerIndex, (i) => r.breadth[i]!, NaN)),
    });
  return columns;
}
