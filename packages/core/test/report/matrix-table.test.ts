// The cross tables built from data (issue 19): the migration matrix and its row shares and values,
// the tier × lifecycle grid. Columns: the corner, one per column state, then (by default) the total.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixTable } from '../../src/report/matrix-table.js';

test('matrixTable: a total column by default, the row sums in it', () => {
  const t = matrixTable(
    't',
    'Moves',
    'from \\ to',
    ['A', 'B'],
    ['A', 'B'],
    [
      [1, 2],
      [0, 3],
    ],
    'count',
  );
  assert.deepEqual(
    t.columns.map((c) => [c.key, c.label, c.kind]),
    [
      ['from', 'from \\ to', 'text'],
      ['A', 'A', 'count'],
      ['B', 'B', 'count'],
      ['total', 'total', 'count'],
    ],
  );
  assert.deepEqual(t.rows, [
    ['A', 1, 2, 3],
    ['B', 0, 3, 3],
  ]);
});

test('matrixTable: no total for shares of the row; the corner key and words for the column states', () => {
  const t = matrixTable('s', 'Shares', 'Tier', ['Gold'], ['at_risk', 'new'], [[0.25, 0.75]], 'share', ['a note'], {
    total: false,
    cornerKey: 'tier',
    labels: { at_risk: 'at risk' },
  });
  assert.deepEqual(
    t.columns.map((c) => [c.key, c.label]),
    [
      ['tier', 'Tier'],
      ['at_risk', 'at risk'],
      ['new', 'new'],
    ],
  );
  assert.deepEqual(t.rows, [['Gold', 0.25, 0.75]]);
  assert.deepEqual(t.notes, ['a note']);
});
