// The cohort CSV is one core table (cohortLongTable) written by the one CSV writer: the API's
// download equals `cvm cohorts --format csv` byte for byte for the same request, with and without
// --by (a period, or a dimension through /api/breakdowns), on the bundled CDNOW sample.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, SAMPLE, sampleApp } from './helpers.js';

const { app, engine } = await sampleApp();
after(() => engine.close());

/** `cvm cohorts SAMPLE … --format csv`, its stdout. */
function cli(...args: string[]): string {
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'packages/cli/bin/cvm.js'),
      'cohorts',
      SAMPLE,
      '--customer-col',
      'sampleid',
      '--quantity-col',
      'cds',
      ...args,
      '--format',
      'csv',
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } },
  );
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** The API's CSV download, its body (and the content type checked). */
async function api(url: string): Promise<string> {
  const res = await app.request(url);
  assert.equal(res.status, 200, url);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/, url);
  return res.text();
}

const MEASURES = 'cohort,cohort_size,period,active,active_in_or_after,retention,revenue,revenue_retention,cumulative_revenue_per_customer';
const header = (csv: string): string => csv.slice(0, csv.indexOf('\n'));

test('cohort CSV: GET /api/cohorts?format=csv = cvm cohorts --format csv, no level column without a breakdown', {
  timeout: 120_000,
}, async () => {
  const month = await api('/api/cohorts?format=csv');
  assert.equal(month, cli());
  assert.equal(header(month), MEASURES);
  assert.equal(month.trimEnd().split('\n').length - 1, 18 + 17 + 16, 'the Jan–Mar 1997 cohorts observed to June 1998');
  assert.equal(await api('/api/cohorts?format=csv&by=week&mode=in_or_after'), cli('--by', 'week', '--mode', 'in-or-after'));
});

test('cohort CSV by a dimension: GET /api/breakdowns?report=cohorts&format=csv = cvm cohorts --by NAME --format csv', {
  timeout: 120_000,
}, async () => {
  const byChannel = await api('/api/breakdowns?report=cohorts&by=channel&period=quarter&format=csv');
  assert.equal(byChannel, cli('--by', 'channel', '--period', 'quarter'));
  assert.equal(header(byChannel), `channel,${MEASURES}`);
  // the sample has no channel: the overall rows ("all"), then the same cohorts as "unknown"
  const levels = byChannel
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.slice(0, l.indexOf(',')));
  assert.deepEqual([...new Set(levels)], ['all', 'unknown']);
});
