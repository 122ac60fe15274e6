import { defineTable } from '../report/report-table.js';
import type { OverviewReport } from '../pipeline.js';

type Figure = { metric: string; value: string | number; meaning: string };

/** The overview's key figures, one per row: the main report's CSV/NDJSON payload. */
export const overviewFiguresTable = defineTable<Figure>('overview.figures', 'Key figures', [
  { key: 'metric', label: 'Metric', kind: 'text', value: (r) => r.metric },
  { key: 'value', label: 'Value', kind: 'number', value: (r) => r.value },
  { key: 'meaning', label: 'Meaning', kind: 'text', value: (r) => r.meaning },
]);

/** Quarantined rows by reason. */
export const quarantineByReasonTable = defineTable<OverviewReport['quarantine'][number]>(
  'overview.quarantine',
  'Quarantined rows by reason (cvm quarantine --workspace DIR lists them)',
  [
    { key: 'reason', label: 'Reason', kind: 'text', value: (r) => r.reason, description: 'quarantine reason code' },
    { key: 'rows', label: 'Rows', kind: 'count', value: (r) => r.rows },
    { key: 'meaning', label: 'Meaning', kind: 'text', value: (r) => r.meaning },
  ],
);

/** The overview's figures as rows (metric, value, meaning). */
export function overviewFigures(r: OverviewReport): Figure[] {
  return [
    {
      metric: 'customers',
      value: r.customers,
      meaning: 'customers with a purchase on or before the calibration end (purchases wholly returned or cancelled do not count)',
    },
    {
      metric: 'customers_all_returned',
      value: r.customersAllReturned,
      meaning: 'customers whose every purchase was returned or cancelled (not customers above)',
    },
    { metric: 'transactions', value: r.transactions, meaning: 'purchase rows (returns excluded)' },
    {
      metric: 'purchase_days',
      value: r.purchaseDays,
      meaning: 'customer-days with a purchase (same-day rows merged, days cancelled by returns left out)',
    },
    { metric: 'gross_revenue', value: r.grossRevenue, meaning: 'sum of purchases' },
    { metric: 'returns_value', value: r.returnsValue, meaning: 'sum of returns and cancellations' },
    { metric: 'net_revenue', value: r.netRevenue, meaning: 'gross revenue - returns' },
    { metric: 'repeat_buyers', value: r.repeatBuyers, meaning: 'customers with at least one repeat purchase day' },
    { metric: 'repeat_buyer_share', value: r.repeatBuyerShare, meaning: 'repeat buyers / customers' },
    { metric: 'first_date', value: r.dateRange.first ?? '', meaning: 'first transaction day in the log' },
    { metric: 'last_date', value: r.dateRange.last ?? '', meaning: 'last transaction day in the log' },
    { metric: 'calibration_end', value: r.calibrationEnd, meaning: 'summary computed as of this day' },
  ];
}
