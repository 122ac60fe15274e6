import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { tempDir } from './run-cli.js';

const SAMPLE = ['data/cdnow/cdnow_sample_elog.csv', '--customer-col', 'sampleid', '--quantity-col', 'cds'];
const cvm = (...args: string[]): { code: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, ['packages/cli/bin/cvm.js', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

test('cvm segment: per-customer CSV with the documented columns, one row per customer', () => {
  const r = cvm('segment', ...SAMPLE, '--as-of', '1997-12-31', '--format', 'csv');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines[0], 'customer_id,r_score,f_score,m_score,rfm_segment,value_tier,lifecycle_stage,micro_segment');
  assert.equal(lines.length, 2358);
  assert.match(
    lines[1]!,
    /^1,[1-5],[1-5],[1-5],[^,]+,(Platinum|Gold|Silver|Bronze),(new|active|at_risk|lapsed|churned|reactivated),[a-z_]+:\d+$/,
  );
});

test('cvm segment --format json carries rules and cut points', () => {
  const r = cvm('segment', ...SAMPLE, '--as-of', '1997-12-31', '--format', 'json', '--no-micro');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.asOf, '1997-12-31');
  assert.equal(j.rfm.cutPoints.recency.length, 5);
  assert.equal(j.valueTiers.tiers[0].name, 'Platinum');
  assert.ok(j.lifecycle.rules.length >= 6);
  assert.equal(j.rows.length, 2357);
  assert.equal(
    Object.values(j.lifecycleStages as Record<string, number>).reduce((a, b) => a + b, 0),
    2357,
  );
});

test('cvm segment: bad --bins is a usage error (exit 2)', () => {
  const r = cvm('segment', ...SAMPLE, '--bins', '12');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--bins must be a number of RFM scores, a whole number from 3 to 10; got "12"/);
});

test('cvm migrate: transition rows sum to the first snapshot; snapshots stored in the workspace', () => {
  const dir = tempDir('cvm-mig-');
  assert.equal(cvm('ingest', ...SAMPLE, '--workspace', dir, '--format', 'json').code, 0);
  const r = cvm('migrate', '--workspace', dir, '--from', '1997-06-30', '--to', '1997-12-31', '--by', 'lifecycle', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout);
  assert.equal(
    (m.matrix.rowTotals as number[]).reduce((a, b) => a + b, 0),
    2357,
  );
  assert.equal(
    Object.values(m.fromCounts as Record<string, number>).reduce((a, b) => a + b, 0),
    2357,
  );
  const again = cvm('migrate', '--workspace', dir, '--from', '1997-06-30', '--to', '1997-12-31', '--format', 'table');
  assert.match(again.stdout, /snapshot stored/);
  // the Markov and downgrade tables are headed by the core specs' labels and units, stages in words
  assert.match(
    again.stdout,
    /\nState +Revenue per customer \(per \d+-day period\) +Expected value \(next \d+ periods?, discounted\) +Historic value/,
  );
  assert.match(
    again.stdout,
    /\nCustomer +Tier before +Tier after +Stage before +Stage after +Net revenue before \(to 1997-06-30\) +Net revenue after \(to 1997-12-31\) +Reason\n/,
  );
  assert.doesNotMatch(again.stdout, /\bat_risk\b/);
  const missing = cvm('migrate', '--workspace', dir, '--from', '1997-12-31', '--to', '1997-06-30');
  assert.equal(missing.code, 2);
});

test('cvm cohorts --by month: cohort revenue sums to the log total', () => {
  const r = cvm('cohorts', ...SAMPLE, '--by', 'month', '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const revenue = (j.overall.rows as { revenue: number[] }[]).reduce((s, c) => s + c.revenue.reduce((a, b) => a + b, 0), 0);
  // CDNOW sample: sum of the sales column = 244,091.94 (no returns)
  assert.ok(Math.abs(revenue - 244091.94) < 1e-6, `revenue ${revenue}`);
  assert.deepEqual(
    (j.overall.rows as { cohort: string }[]).map((c) => c.cohort),
    ['1997-01', '1997-02', '1997-03'],
  );
  assert.equal(cvm('cohorts', ...SAMPLE, '--by', 'year').code, 2);
});
