// The customer drill-down's tables (issue 19): the profile is the customer table's row under its
// columns (absent values null), the history carries its rule and, only when a row is flagged, what
// "RFM vs stage" means.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  customerProfileTable,
  customerSegmentHistoryTable,
  RFM_CHECK_NOTE,
  SEGMENT_HISTORY_RULE,
} from '../../src/customers/customer-drill-tables.js';
import type { CustomerSnapshotRow } from '../../src/customers/customer-detail.js';

test('customerProfileTable: one row in the served columns order, null for a column the row lacks', () => {
  const columns = [
    { key: 'customer_id', label: 'Customer', kind: 'id' as const },
    { key: 'frequency', label: 'Repeat purchases', kind: 'count' as const },
    { key: 'clv', label: 'CLV', kind: 'money' as const },
  ];
  const t = customerProfileTable({ columns }, { frequency: 2, customer_id: '7', extra: 'x' });
  assert.deepEqual(t.columns, columns);
  assert.deepEqual(t.rows, [['7', 2, null]]);
});

const row = (rfmCheck: string): CustomerSnapshotRow => ({
  asOf: '1998-06-30',
  computedAt: '2026-01-01 00:00:00',
  valueTier: 'Gold',
  lifecycleStage: 'churned',
  rfmSegment: 'Loyal',
  r: 1,
  f: 4,
  m: 5,
  value: 120.5,
  rfmCheck,
});

test('customerSegmentHistoryTable: the rule under it; the RFM-vs-stage note only when a row is flagged', () => {
  const plain = customerSegmentHistoryTable([row('')]);
  assert.deepEqual(plain.notes, [SEGMENT_HISTORY_RULE]);
  assert.deepEqual(plain.rows, [['1998-06-30', 'Gold', 'churned', 'Loyal', '', 1, 4, 5, 120.5, '2026-01-01 00:00:00']]);
  assert.deepEqual(customerSegmentHistoryTable([row(''), row('Loyal, but churned')]).notes, [SEGMENT_HISTORY_RULE, RFM_CHECK_NOTE]);
  const stage = plain.columns.find((c) => c.key === 'lifecycle_stage')!;
  assert.equal(stage.codes?.churned, 'churned');
  assert.equal(customerSegmentHistoryTable([]).rows.length, 0);
});
