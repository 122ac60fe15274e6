import { InputError } from '../errors.js';
import { defineTable, type DisplayKind, type ReportTable } from '../report/report-table.js';
import type { CustomerDimension } from './dimension.js';

/** One level of a breakdown. */
export interface BreakdownRow {
  level: string;
  customers: number;
  customerShare: number;
  /** Customers of the level with a finite value (NaN values are left out of the sums). */
  withValue: number;
  total: number;
  valueShare: number;
  mean: number;
}

/** The breakdown table, declared once; `breakdownBy` sets its title and the value's unit. */
export const breakdownTable = defineTable<BreakdownRow>('breakdown', 'Breakdown', [
  {
    key: 'level',
    label: 'Level',
    kind: 'text',
    value: (r) => r.level,
    description: 'the value of the dimension (unknown: customers without one)',
  },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  { key: 'customer_share', label: 'Share of customers', kind: 'share', value: (r) => r.customerShare },
  { key: 'total', label: 'Total', kind: 'number', value: (r) => r.total, description: "sum of the value over the level's customers" },
  { key: 'value_share', label: 'Share of total', kind: 'share', value: (r) => r.valueShare },
  { key: 'mean', label: 'Mean per customer', kind: 'number', value: (r) => r.mean, description: 'total / customers with a value' },
]);

export interface BreakdownOptions {
  /** What the values are, e.g. "predicted CLV" (used in the title). */
  label?: string;
  /** How to show the values (default `number`; e.g. `money`). */
  kind?: DisplayKind;
  /** Unit and period of the values, e.g. "USD, next 52 weeks". */
  unit?: string;
}

/**
 * Sums and averages per-customer values by the levels of a dimension (see `customerDimension`),
 * in the dimension's level order, with a total row. Non-finite values are left out of the sums and
 * means (counted in `customers`, not in `withValue`).
 *
 * @throws InputError `misaligned_dimension` when the values and the dimension differ in length.
 * @example
 * breakdownBy(Float64Array.of(10, 30, 20), { name: 'channel', type: 'channel', values: ['a', 'b', 'a'], levels: ['a', 'b'], unknown: 0, rule: '' }).rows;
 * // → [['a', 2, 0.667, 30, 0.5, 15], ['b', 1, 0.333, 30, 0.5, 30], ['all', 3, 1, 60, 1, 20]]
 */
export function breakdownBy(values: Float64Array, dimension: CustomerDimension, options: BreakdownOptions = {}): ReportTable {
  if (values.length !== dimension.values.length) {
    throw new InputError(
      'misaligned_dimension',
      `breakdownBy: ${values.length} values but ${dimension.values.length} customers in the dimension "${dimension.name}"; align both to the same customer list`,
      {},
    );
  }
  const index = new Map(dimension.levels.map((l, j) => [l, j]));
  const k = dimension.levels.length;
  const customers = new Float64Array(k),
    withValue = new Float64Array(k),
    total = new Float64Array(k);
  for (let i = 0; i < values.length; i++) {
    const j = index.get(dimension.values[i]!)!;
    customers[j]!++;
    const v = values[i]!;
    if (Number.isFinite(v)) {
      withValue[j]!++;
      total[j]! += v;
    }
  }
  let n = 0,
    w = 0,
    sum = 0;
  for (let j = 0; j < k; j++) {
    n += customers[j]!;
    w += withValue[j]!;
    sum += total[j]!;
  }
  const row = (level: string, c: number, wv: number, t: number): BreakdownRow => ({
    level,
    customers: c,
    customerShare: n > 0 ? c / n : NaN,
    withValue: wv,
    total: t,
    valueShare: sum !== 0 ? t / sum : NaN,
    mean: wv > 0 ? t / wv : NaN,
  });
  const rows = dimension.levels.map((l, j) => row(l, customers[j]!, withValue[j]!, total[j]!));
  rows.push(row('all', n, w, sum));
  const what = options.label ?? 'value';
  const table = breakdownTable(rows, { title: `${what} by ${dimension.name}`, notes: [`Levels: ${dimension.rule}.`] });
  for (const c of table.columns) {
    if (c.key === 'total' || c.key === 'mean') {
      c.kind = options.kind ?? 'number';
      if (options.unit) c.unit = options.unit;
      c.label = `${c.key === 'total' ? 'Total' : 'Mean'} ${what}`;
    }
  }
  return table;
}
