// The survey file (issue 15): every row accepted or quarantined with its line and a reason; NPS 11
// or −1, CSAT 0, fractional scores, missing or unparseable dates, rows with no score and exact
// repeats. Expected values counted by hand from the file written here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../../src/workspace.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { listInputQuarantine } from '../../src/inputs/input-quarantine.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const file = (name: string, text: string): string => {
  const p = join(tempDir(), name);
  writeFileSync(p, text);
  return p;
};

test('survey file: out-of-range NPS and CSAT, bad dates, no score and repeats quarantined with their reason and line', async () => {
  const e = await openWorkspace({});
  const path = file(
    'surveys.csv',
    [
      'customer_id,response_date,nps,csat,channel,comment',
      'c1,2024-01-05,9,5,Email,great', // 2 ok (channel lower-cased)
      'c2,2024-01-06,11,,email,', // 3 nps_out_of_range
      'c3,2024-01-06,-1,4,email,', // 4 nps_out_of_range
      'c4,2024-01-07,,0,app,', // 5 csat_out_of_range
      'c5,2024-01-07,6.5,,app,', // 6 nps_out_of_range (not whole)
      'c6,,7,3,app,', // 7 missing_date
      'c7,2024-13-45,7,3,app,', // 8 unparseable_date
      'c8,2024-01-08,,,app,nothing', // 9 no_score
      ',2024-01-08,8,,app,', // 10 missing_customer_id
      'c1,2024-01-05,9,5,Email,great', // 11 duplicate_response (same as line 2)
      'c9,2024-01-09,0,,,', // 12 ok: NPS only, no channel
      'c10,2024-01-09,,5,,', // 13 ok: CSAT only
      'c11,2024-01-10,10.0,1,sms,', // 14 ok: 10.0 reads as 10
    ].join('\n') + '\n',
  );
  const r = await ingestInputFile(e, 'surveys', path);
  assert.equal(r.rowsRead, 13);
  assert.equal(r.rowsAccepted, 4);
  assert.equal(r.rowsQuarantined, 9);
  assert.deepEqual(r.quarantineByReason, {
    csat_out_of_range: 1,
    duplicate_response: 1,
    missing_customer_id: 1,
    missing_date: 1,
    no_score: 1,
    nps_out_of_range: 3,
    unparseable_date: 1,
  });
  const q = await listInputQuarantine(e, 'surveys');
  assert.deepEqual(
    q.map((x) => [x.line, x.reason]),
    [
      [3, 'nps_out_of_range'],
      [4, 'nps_out_of_range'],
      [5, 'csat_out_of_range'],
      [6, 'nps_out_of_range'],
      [7, 'missing_date'],
      [8, 'unparseable_date'],
      [9, 'no_score'],
      [10, 'missing_customer_id'],
      [11, 'duplicate_response'],
    ],
  );
  assert.equal(q.find((x) => x.line === 3)!.detail, 'nps "11"');
  assert.equal(q.find((x) => x.line === 5)!.detail, 'csat "0"');
  assert.equal(q.find((x) => x.line === 11)!.detail, 'same as line 2');
  assert.deepEqual(
    await e.rows(
      'SELECT customer_id, CAST(responded_on AS VARCHAR) AS d, nps, csat, channel, comment, line FROM survey_responses ORDER BY line',
    ),
    [
      { customer_id: 'c1', d: '2024-01-05', nps: 9, csat: 5, channel: 'email', comment: 'great', line: 2 },
      { customer_id: 'c9', d: '2024-01-09', nps: 0, csat: null, channel: null, comment: null, line: 12 },
      { customer_id: 'c10', d: '2024-01-09', nps: null, csat: 5, channel: null, comment: null, line: 13 },
      { customer_id: 'c11', d: '2024-01-10', nps: 10, csat: 1, channel: 'sms', comment: null, line: 14 },
    ],
  );
  await e.close();
});

test('a survey file with neither an NPS nor a CSAT column is refused, naming the columns present', async () => {
  const e = await openWorkspace({});
  await assert.rejects(
    ingestInputFile(e, 'surveys', file('s.csv', 'customer_id,response_date,rating\nc1,2024-01-01,4\n')),
    (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.code, 'missing_columns');
      assert.match(err.message, /neither an NPS column .* nor a CSAT column .*columns present: customer_id, response_date, rating/);
      return true;
    },
  );
  await e.close();
});
