// `cvm summary` never drops a customer silently: one whose every purchase was returned has no
// purchase day left and is not a row of the summary, and the command says how many on stderr
// (the count `cvm report` shows in its overview), in every format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvm, tempFile } from './run-cli.js';

const LOG = tempFile(
  'returned.csv',
  'customer,date,amount\nA,31/01/2024,10.50\nA,15/02/2024,-10.50\nB,03/03/2024,7\nC,04/03/2024,5\nC,05/03/2024,-5\n',
);

test('customers whose purchases were all returned are counted on stderr, not silently left out', () => {
  for (const format of ['csv', 'json', 'table']) {
    const r = cvm(['summary', LOG, '--date-format', 'dmy', '--format', format]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /cvm: 2 customers are not in the summary: every purchase up to 2024-03-05 was returned or cancelled/, format);
    assert.doesNotMatch(r.stdout, /\bA\b.*10\.5|"A"/, `${format}: A has no purchase day left`);
  }
  const csv = cvm(['summary', LOG, '--date-format', 'dmy', '--format', 'csv']).stdout.trim().split('\n');
  assert.deepEqual(
    csv.slice(1).map((l) => l.split(',')[0]),
    ['B'],
  );
});
