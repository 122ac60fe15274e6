/**
 * The customer drill-down's tables, declared once (issue 19): the customer's row of the customer
 * table as a record (every score), their purchases per day and their segment history. GET
 * /api/customers/{id} (JSON `tables`, `format=csv&table=profile|purchases`), GET
 * /api/customers/{id}/segments (JSON `tables`, `format=csv`) and the dashboard's customer page
 * render these. Amounts are in the log's currency.
 */
import { defineTable, type Cell, type ReportTable } from '../report/report-table.js';
import type { ServedTable } from '../tables/served-table.js';
import { LIFECYCLE_STAGE_WORDS } from '../segments/lifecycle.js';
import type { CustomerDay, CustomerSnapshotRow } from './customer-detail.js';

/** What the segment history is: which snapshots, which value. */
export const SEGMENT_HISTORY_RULE =
  "One row per stored segment snapshot (the log's quarter ends, plus any stored with cvm segment/migrate) in which the customer had bought; each snapshot uses only the transactions up to its day. Value = historic net revenue to that day (currency).";

/** What the "RFM vs stage" column means (shown under the history when a row is flagged). */
export const RFM_CHECK_NOTE =
  "RFM vs stage: set when that day's RFM segment (a rank against the other customers) contradicts that day's lifecycle stage (the customer against their own rhythm); act on the stage.";

/**
 * One customer's row of a served table (the customer table) as a one-row report table with the
 * served table's columns: the drill-down's record of every score. Its CSV is the customer table's
 * CSV filtered to this customer.
 * @example
 * customerProfileTable(customers, { customer_id: '7', frequency: 2 }).rows; // → [['7', 2, …]] (null where absent)
 */
export function customerProfileTable(t: Pick<ServedTable, 'columns'>, row: Readonly<Record<string, Cell>>): ReportTable {
  return {
    id: 'customer.profile',
    title: 'Every score of this customer',
    columns: t.columns.map((c) => ({ ...c })),
    rows: [t.columns.map((c) => row[c.key] ?? null)],
    notes: [],
  };
}

/** The customer's purchases and returns per day (the purchase timeline's numbers). */
export const customerPurchasesTable = defineTable<CustomerDay>('customer.purchases', 'Purchases per day', [
  { key: 'date', label: 'Date', kind: 'date', value: (d) => d.date },
  {
    key: 'amount',
    label: 'Purchases',
    kind: 'money',
    value: (d) => d.amount,
    description: 'amount of the purchase lines that day (returns not deducted)',
  },
  { key: 'rows', label: 'Purchase lines', kind: 'count', value: (d) => d.rows, description: 'purchase rows of the log that day' },
  { key: 'returned', label: 'Returns', kind: 'money', value: (d) => d.returned, description: 'amount returned that day (positive)' },
]);

/** The customer in each stored segment snapshot. */
export const customerSegmentHistorySpec = defineTable<CustomerSnapshotRow>(
  'customer.segment_history',
  'Segment history (quarter-end snapshots; revenue tier = by net revenue to that day, not the CLV tier)',
  [
    { key: 'as_of', label: 'As of', kind: 'date', value: (x) => x.asOf, description: 'the snapshot day' },
    {
      key: 'value_tier',
      label: 'Revenue tier',
      kind: 'text',
      value: (x) => x.valueTier,
      description: 'tier by historic net revenue to that day (not the CLV tier)',
    },
    { key: 'lifecycle_stage', label: 'Lifecycle stage', kind: 'text', value: (x) => x.lifecycleStage, codes: LIFECYCLE_STAGE_WORDS },
    {
      key: 'rfm_segment',
      label: 'RFM segment',
      kind: 'text',
      value: (x) => x.rfmSegment,
      description: 'empty when the customer was not scored that day',
    },
    {
      key: 'rfm_check',
      label: 'RFM vs stage',
      kind: 'text',
      value: (x) => x.rfmCheck,
      description: "set when that day's RFM segment contradicts that day's lifecycle stage; act on the stage",
    },
    { key: 'r_score', label: 'R', kind: 'number', value: (x) => x.r, description: 'recency score that day (5 = most recent)' },
    { key: 'f_score', label: 'F', kind: 'number', value: (x) => x.f, description: 'frequency score that day' },
    { key: 'm_score', label: 'M', kind: 'number', value: (x) => x.m, description: 'monetary score that day' },
    {
      key: 'value',
      label: 'Value',
      kind: 'money',
      unit: 'net revenue to that day',
      value: (x) => x.value,
      description: 'historic net revenue up to the snapshot day',
    },
    { key: 'computed_at', label: 'Computed at', kind: 'text', value: (x) => x.computedAt, description: 'when the snapshot was computed' },
  ],
);

/**
 * The segment history with its rule under it (and what "RFM vs stage" means when a row is flagged).
 * @example
 * customerSegmentHistoryTable([]).notes[0] === SEGMENT_HISTORY_RULE; // true
 */
export function customerSegmentHistoryTable(history: readonly CustomerSnapshotRow[]): ReportTable {
  return customerSegmentHistorySpec(history, {
    notes: [SEGMENT_HISTORY_RULE, ...(history.some((x) => x.rfmCheck) ? [RFM_CHECK_NOTE] : [])],
  });
}
