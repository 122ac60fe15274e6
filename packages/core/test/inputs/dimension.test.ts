// Dimensions for breakdowns: the acquisition channel under each attribution rule, categorical and
// numeric attributes, "unknown" for customers without a value (never dropped), and breakdownBy
// against sums counted by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { customerDimension, numericBands } from '../../src/inputs/dimension.js';
import { breakdownBy } from '../../src/inputs/breakdown.js';
import type { InputError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

async function workspace() {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'log.csv'),
    [
      'customer_id,date,amount,channel',
      'a,2024-01-05,10,web',
      'a,2024-02-01,20,app',
      'b,2024-01-07,5,Email',
      'b,2024-01-07,5,app',
      'b,2024-03-01,-5,web', // first day: email and app → app (smallest, lower-cased)
      'c,2024-01-09,7,', // no channel
      'd,2024-02-02,8,tv',
      'e,2024-02-03,9,web',
    ].join('\n') + '\n',
  );
  writeFileSync(
    join(dir, 'customers.csv'),
    'customer_id,signup,acquisition_channel,region,visits\na,2024-01-01,search,north,1\nb,2024-01-02,,south,2\nd,2024-01-03,Social,,5\ne,2024-01-04,search,north,8\nz,2024-01-05,search,east,3\n',
  );
  const e = await openWorkspace({});
  await ingestFile(e, join(dir, 'log.csv'));
  await ingestInputFile(e, 'customers', join(dir, 'customers.csv'));
  return e;
}

const IDS = ['a', 'b', 'c', 'd', 'e', 'x'];

test('channel under the three attribution rules; customers with neither are unknown', async () => {
  const e = await workspace();
  const by = async (attribution: 'file-then-first-order' | 'file' | 'first-order') =>
    (await customerDimension(e, IDS, 'channel', { attribution })).values;
  assert.deepEqual(await by('file-then-first-order'), ['search', 'app', 'unknown', 'social', 'search', 'unknown']);
  assert.deepEqual(await by('file'), ['search', 'unknown', 'unknown', 'social', 'search', 'unknown']);
  assert.deepEqual(await by('first-order'), ['web', 'app', 'unknown', 'tv', 'web', 'unknown']);
  const d = await customerDimension(e, IDS, 'channel');
  assert.deepEqual(d.levels, ['search', 'app', 'social', 'unknown'], 'by customers, ties by name, unknown last');
  assert.equal(d.unknown, 2);
  await e.close();
});

test('categorical and numeric attributes; an unknown dimension names the ones there are', async () => {
  const e = await workspace();
  const region = await customerDimension(e, IDS, 'region');
  assert.deepEqual(region.values, ['north', 'south', 'unknown', 'unknown', 'north', 'unknown']);
  const visits = await customerDimension(e, IDS, 'visits', { bands: 2 });
  // customers' values 1, 2, 3, 5, 8 (z has no purchase but a row): the median cut is the value at index ⌊5/2⌋ = 3
  assert.deepEqual(visits.values, ['< 3', '< 3', 'unknown', '≥ 3', '≥ 3', 'unknown']);
  await assert.rejects(
    customerDimension(e, IDS, 'age'),
    (err: InputError) => err.code === 'unknown_dimension' && /channel, region, visits/.test(err.message),
  );
  await e.close();
});

test('numericBands: quartile cuts from the sorted values, duplicates removed', () => {
  assert.deepEqual(numericBands(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), 4).labels, ['< 3', '3 to < 5', '5 to < 7', '≥ 7']);
  assert.deepEqual(numericBands(Float64Array.of(1, 1, 1, 2, 2), 4).cuts, [2], 'values at indices 1, 2, 3: 1, 1, 2');
  assert.deepEqual(numericBands(Float64Array.of(1, 1, 1, 1, 2), 4).cuts, [], 'the quartiles do not reach the single 2');
  assert.deepEqual(numericBands(Float64Array.of(4, 4, NaN), 4).labels, ['all']);
});

test('breakdownBy sums, shares and means per level against a hand count; NaN values left out of the sums', () => {
  const dim = {
    name: 'channel',
    type: 'channel' as const,
    values: ['a', 'b', 'a', 'unknown', 'a'],
    levels: ['a', 'b', 'unknown'],
    unknown: 1,
    rule: 'test',
  };
  const t = breakdownBy(Float64Array.of(10, 30, 20, 40, NaN), dim, { label: 'CLV', kind: 'money', unit: 'USD' });
  assert.deepEqual(t.rows, [
    ['a', 3, 0.6, 30, 0.3, 15],
    ['b', 1, 0.2, 30, 0.3, 30],
    ['unknown', 1, 0.2, 40, 0.4, 40],
    ['all', 5, 1, 100, 1, 25],
  ]);
  assert.equal(t.title, 'CLV by channel');
  assert.deepEqual(
    t.columns.filter((c) => c.kind === 'money').map((c) => [c.key, c.unit]),
    [
      ['total', 'USD'],
      ['mean', 'USD'],
    ],
  );
  assert.throws(
    () => breakdownBy(Float64Array.of(1), dim),
    (err: InputError) => err.code === 'misaligned_dimension',
  );
});
