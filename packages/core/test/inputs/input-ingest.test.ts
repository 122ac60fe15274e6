// Ingestion of the files beside the log: every row accepted or quarantined with its physical line
// and a reason; rows read = accepted + quarantined; attribute types; replacing and re-reading a file.
// Expected values are counted by hand from the small files written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { listInputQuarantine } from '../../src/inputs/input-quarantine.js';
import type { InputError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const file = (name: string, text: string): string => {
  const p = join(tempDir(), name);
  writeFileSync(p, text);
  return p;
};

test('spend file: negative, non-numeric, missing and unparseable months, duplicates, unknown channels each get their reason and line', async () => {
  const e = await openWorkspace({});
  const path = file(
    'spend.csv',
    [
      'month,channel,amount',
      '2024-01,Search,100.50', // 2 ok (channel lower-cased)
      '2024-01,social,-5', // 3 negative_amount
      '2024-02,social,$40', // 4 non_numeric_amount
      ',social,10', // 5 missing_period
      'Jan 2024,social,10', // 6 unparseable_period
      '2024-02,,10', // 7 missing_channel
      '2024-03,search,10', // 8 duplicate_period_channel (with line 9)
      '2024-03-15,search,12', // 9 duplicate (a date is taken as its month)
      '2024-03,serach,7', // 10 unknown_channel (with --channels)
      '2024-4,social,1,extra', // 11 malformed_row (too many fields)
      '2024/04,social,0', // 12 ok: YYYY/MM and zero spend
    ].join('\n') + '\n',
  );
  const r = await ingestInputFile(e, 'spend', path, { channels: ['search', 'social'] });
  assert.equal(r.rowsRead, 11);
  assert.equal(r.rowsAccepted, 2);
  assert.equal(r.rowsQuarantined, 9);
  assert.deepEqual(r.quarantineByReason, {
    duplicate_period_channel: 2,
    malformed_row: 1,
    missing_channel: 1,
    missing_period: 1,
    negative_amount: 1,
    non_numeric_amount: 1,
    unknown_channel: 1,
    unparseable_period: 1,
  });
  const q = await listInputQuarantine(e, 'spend');
  assert.deepEqual(
    q.map((x) => [x.line, x.reason]),
    [
      [3, 'negative_amount'],
      [4, 'non_numeric_amount'],
      [5, 'missing_period'],
      [6, 'unparseable_period'],
      [7, 'missing_channel'],
      [8, 'duplicate_period_channel'],
      [9, 'duplicate_period_channel'],
      [10, 'unknown_channel'],
      [11, 'malformed_row'],
    ],
  );
  assert.equal(q.find((x) => x.line === 8)!.detail, 'rows at lines 8, 9');
  assert.equal(q.find((x) => x.line === 10)!.detail, 'channel "serach"');
  assert.deepEqual(await e.rows('SELECT CAST(month AS VARCHAR) AS month, channel, amount, line FROM marketing_spend ORDER BY line'), [
    { month: '2024-01-01', channel: 'search', amount: 100.5, line: 2 },
    { month: '2024-04-01', channel: 'social', amount: 0, line: 12 },
  ]);
  // without --channels the misspelt channel is accepted (the acquisition report names it)
  const again = await ingestInputFile(e, 'spend', file('spend2.csv', '2024-01,serach,7\n'.replace(/^/, 'month,channel,amount\n')));
  assert.equal(again.status, 'replaced');
  assert.equal(again.rowsAccepted, 1);
  assert.equal((await listInputQuarantine(e, 'spend')).length, 0, "the replaced file's quarantine is gone");
  await e.close();
});

test('customers file: ids, dates, channels and attribute types; duplicates, bad dates and non-numeric values quarantined', async () => {
  const e = await openWorkspace({});
  const rows = ['customer_id,signup_date,acquisition_channel,region,visits,zip'];
  for (let i = 1; i <= 40; i++)
    rows.push(
      `c${i},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 2 ? 'Search' : 'social'},${i % 3 ? 'north' : ''},${i},0${1000 + i}`,
    );
  rows.push('c41,2024-02-30,search,north,3,01041'); // 42 unparseable_date
  rows.push(',2024-02-01,search,north,3,01042'); // 43 missing_customer_id
  rows.push('c5,2024-02-01,search,south,3,01043'); // 44 duplicate of line 6
  rows.push('c44,2024-02-01,search,south,many,01044'); // 45 non_numeric_attribute (visits is numeric: 41 of 42 values are numbers)
  rows.push('c45,,,,,'); // 46 ok: no date, no channel, no attributes
  const r = await ingestInputFile(e, 'customers', file('customers.csv', rows.join('\n') + '\n'));
  assert.equal(r.rowsRead, 45);
  assert.deepEqual(r.quarantineByReason, {
    duplicate_customer_id: 2,
    missing_customer_id: 1,
    non_numeric_attribute: 1,
    unparseable_date: 1,
  });
  assert.equal(r.rowsAccepted, 40);
  assert.deepEqual(r.attributes, [
    { name: 'region', type: 'categorical' },
    { name: 'visits', type: 'numeric' },
    { name: 'zip', type: 'numeric' },
  ]);
  const q = await listInputQuarantine(e, 'customers');
  assert.deepEqual(
    q.map((x) => [x.line, x.reason]),
    [
      [6, 'duplicate_customer_id'],
      [42, 'unparseable_date'],
      [43, 'missing_customer_id'],
      [44, 'duplicate_customer_id'],
      [45, 'non_numeric_attribute'],
    ],
  );
  assert.equal(q.find((x) => x.line === 45)!.detail, 'attribute "visits"');
  const [p] = await e.rows<{ n: number; ch: number; social: number; dated: number }>(
    "SELECT count(*) AS n, count(acquisition_channel) AS ch, count(*) FILTER (WHERE acquisition_channel = 'social') AS social, count(acquired_on) AS dated FROM customer_profiles",
  );
  assert.deepEqual(p, { n: 40, ch: 39, social: 20, dated: 39 });
  const [a] = await e.rows<{ region: number }>("SELECT count(*) AS region FROM customer_attributes WHERE name = 'region'");
  assert.equal(a!.region, 26, 'region is blank for every third customer (13 of the 39 accepted: c3 … c39) and for c45');
  // forcing a type: zip as a category
  const forced = await ingestInputFile(
    e,
    'customers',
    file('customers2.csv', rows.join('\n') + '\nc99,2024-01-01,search,north,1,00099\n'),
    { categorical: ['zip'] },
  );
  assert.equal(forced.attributes.find((x) => x.name === 'zip')!.type, 'categorical');
  await e.close();
});

test("prospects file: missing and duplicate ids quarantined; the customers file's attribute types are kept; same content is unchanged", async () => {
  const e = await openWorkspace({});
  await ingestInputFile(e, 'customers', file('c.csv', 'customer_id,channel,visits\na,search,1\nb,social,2\n'));
  const path = file(
    'p.csv',
    'prospect_id,channel,visits,extra\np1,search,3,x\np2,social,n/a,y\n,search,1,z\np1,social,4,w\np5,referral,,v\n',
  );
  const r = await ingestInputFile(e, 'prospects', path);
  assert.deepEqual(r.quarantineByReason, { duplicate_prospect_id: 2, missing_prospect_id: 1, non_numeric_attribute: 1 });
  assert.equal(r.rowsAccepted, 1);
  assert.deepEqual(r.attributes, [
    { name: 'visits', type: 'numeric' },
    { name: 'extra', type: 'categorical' },
  ]);
  assert.equal((await ingestInputFile(e, 'prospects', path)).status, 'unchanged');
  await e.close();
});

test('bad files: no id column, header only, missing file', async () => {
  const e = await openWorkspace({});
  await assert.rejects(
    ingestInputFile(e, 'spend', file('s.csv', 'period,source,cost\n')),
    (err: InputError) => err.code === 'no_rows',
    'period, source and cost are recognised; the file has no rows',
  );
  await assert.rejects(
    ingestInputFile(e, 'customers', file('c.csv', 'name,age\nann,3\n')),
    (err: InputError) => err.code === 'missing_columns' && /customerId/.test(err.message) && /name, age/.test(err.message),
  );
  await assert.rejects(ingestInputFile(e, 'spend', file('s2.csv', 'month,channel,amount\n')), (err: InputError) => err.code === 'no_rows');
  await assert.rejects(ingestInputFile(e, 'spend', '/no/such/file.csv'), (err: InputError) => err.code === 'file_not_found');
  await e.close();
});
