import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defineTable, tableRecords, columnHeading } from '../../src/report/report-table.js';
import { csvCell, csvNumber, csvQuoted, tableToCsv } from '../../src/report/csv.js';
import { formatCell, formatValue } from '../../src/report/format-value.js';

interface Row {
  name: string;
  n: number;
  share: number;
  v: number;
}
const spec = defineTable<Row>('t.tiers', 'Tiers', [
  { key: 'tier', label: 'Tier', kind: 'text', value: (r) => r.name },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.n },
  { key: 'share', label: 'Share', kind: 'share', value: (r) => r.share },
  { key: 'value', label: 'Value', kind: 'money', unit: 'USD', value: (r) => r.v },
]);

test('defineTable: metadata without the accessors, rows in column order, records keyed by key', () => {
  const t = spec([{ name: 'Gold', n: 1234, share: 0.25, v: 6552.700000000001 }], { notes: ['top 5%'] });
  assert.deepEqual(
    t.columns.map((c) => c.key),
    ['tier', 'customers', 'share', 'value'],
  );
  assert.equal('value' in t.columns[0]!, false);
  assert.deepEqual(t.rows, [['Gold', 1234, 0.25, 6552.700000000001]]);
  assert.deepEqual(t.notes, ['top 5%']);
  assert.deepEqual(tableRecords(t), [{ tier: 'Gold', customers: 1234, share: 0.25, value: 6552.700000000001 }]);
  assert.equal(columnHeading(t.columns[3]!), 'Value (USD)');
});

test('csv: formula neutralisation for text only, quoting, float noise removed, non-finite empty', () => {
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('+1'), '+1', 'a signed number is not a formula');
  assert.equal(csvCell('+A1'), "'+A1");
  assert.equal(csvCell('@a'), "'@a");
  assert.equal(csvCell(-5), '-5');
  assert.equal(csvCell('-5.00'), '-5.00', 'numeric text is not a formula');
  assert.equal(csvCell('+3e2'), '+3e2');
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('-cmd|calc'), "'-cmd|calc");
  assert.equal(csvCell('a,b'), '"a,b"');
  // the quoting alone (staged database loads): quotes doubled, a formula left as it is
  assert.equal(csvQuoted('=say "hi", a'), '"=say ""hi"", a"');
  assert.equal(csvQuoted(''), '""');
  assert.equal(csvNumber(6552.700000000001), '6552.7');
  assert.equal(csvNumber(0.1 + 0.2), '0.3');
  assert.equal(csvNumber(1 / 3), '0.333333333333333');
  assert.equal(csvNumber(NaN), '');
  assert.equal(csvNumber(123456789012345680000), '123456789012346000000');
  const t = spec([{ name: '-x', n: 1, share: NaN, v: 2.5 }]);
  assert.equal(tableToCsv(t), "tier,customers,share,value\n'-x,1,,2.5\n");
});

test('formatValue by kind', () => {
  assert.equal(formatValue(1234.5, 'count'), '1,235');
  assert.equal(formatValue(1234.5, 'money'), '1,234.50');
  assert.equal(formatValue(-3, 'money', { currency: '$' }), '-$3.00');
  assert.equal(formatValue(3, 'money', { currency: 'EUR' }), '3.00 EUR');
  assert.equal(formatValue(0.9836, 'probability'), '98.4%');
  assert.equal(formatValue(0.0004, 'share'), '0.04%');
  assert.equal(formatValue(3.956, 'ratio'), '3.96×');
  assert.equal(formatValue(0.123456, 'number'), '0.1235');
  assert.equal(formatValue(null, 'money'), '');
  assert.equal(formatValue(Infinity, 'number'), '');
});

test('formatValue: percentage points and p-values', () => {
  // points: the fraction × 100 with a sign; Hillstrom men's e-mail visit lift 0.1828 − 0.1062
  assert.equal(formatValue(0.18283 - 0.1062, 'points'), '+7.7 pp');
  assert.equal(formatValue(-0.0025, 'points'), '-0.25 pp');
  assert.equal(formatValue(0, 'points'), '0.0 pp');
  assert.equal(formatValue(0.00004, 'points'), '+0.004 pp');
  assert.equal(formatValue(NaN, 'points'), '');
  // p-values: 3 decimals, floored display below 0.001, never above 1
  assert.equal(formatValue(0.04999, 'p_value'), '0.050');
  assert.equal(formatValue(0.0123, 'p_value'), '0.012');
  assert.equal(formatValue(0.00099, 'p_value'), '<0.001');
  assert.equal(formatValue(0, 'p_value'), '<0.001');
  assert.equal(formatValue(1, 'p_value'), '1.000');
  assert.equal(formatValue(null, 'p_value'), '');
  assert.equal(formatValue(-0, 'number'), '0', 'no "-0" (the Qini table\'s random targeting at 0%)');
  assert.equal(formatValue(-0, 'points'), '0.0 pp');
});

test("formatCell: a number column with decimals reads alike (the cost pools' rates: 2.50, 6.00, not 2.50, 6)", () => {
  const rate = { kind: 'number', decimals: 2 } as const;
  assert.deepEqual(
    [2.5, 6, 10, 1234.5].map((v) => formatCell(v, rate)),
    ['2.50', '6.00', '10.00', '1,234.50'],
  );
  assert.equal(formatCell(0.012345, rate), '0.01235', 'a fraction below 1 keeps 4 significant digits, not 0.01');
  assert.equal(formatCell(0, rate), '0.00');
  assert.equal(formatCell(-0, rate), '0.00', 'no "-0.00"');
  assert.equal(formatCell(null, rate), '');
  assert.deepEqual(
    [2.5, 6].map((v) => formatCell(v, { kind: 'number' })),
    ['2.50', '6'],
    'without decimals a whole number shows none',
  );
});
