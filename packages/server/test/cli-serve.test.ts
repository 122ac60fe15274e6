// `cvm serve` through the real binary: help, the report with CVM_NO_SERVE=1 (what npm start runs in
// the quick-start test), and the binding rule checked before any work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SAMPLE, tempDir } from './helpers.js';

const BIN = join(ROOT, 'packages/cli/bin/cvm.js');
const cvm = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', CVM_TOKEN: '', ...env } });

test('cvm serve --help names the flags and the default address', () => {
  const r = cvm(['serve', '--help']);
  assert.equal(r.status, 0);
  for (const flag of ['--workspace', '--port', '--host', '--token', '--costs', 'CVM_NO_SERVE', '127.0.0.1'])
    assert.ok(r.stdout.includes(flag), flag);
});

test('cvm serve FILE with CVM_NO_SERVE=1 prints the overview and exits 0', () => {
  const r = cvm(['serve', SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds', '--format', 'table'], { CVM_NO_SERVE: '1' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Customers\s+2,357/);
  assert.doesNotMatch(r.stdout, /cvm dashboard/);
});

test('cvm serve on a non-loopback host without a token exits 2 before doing any work', () => {
  const r = cvm(['serve', '--workspace', tempDir(), '--host', '0.0.0.0']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--token/);
  assert.doesNotMatch(r.stdout, /Customers/);
  const bad = cvm(['serve', '--workspace', tempDir(), '--port', 'http']);
  assert.equal(bad.status, 2);
});

test('cvm serve with an unreadable --costs file exits 2 before binding', () => {
  const r = cvm([
    'serve',
    SAMPLE,
    '--customer-col',
    'sampleid',
    '--quantity-col',
    'cds',
    '--no-models',
    '--port',
    '0',
    '--format',
    'json',
    '--costs',
    join(tempDir(), 'missing.yaml'),
  ]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /cost model/i);
  assert.doesNotMatch(r.stderr, /cvm dashboard/);
});

test('cvm serve --watch: a missing folder is a usage error before any work', () => {
  const r = cvm(['serve', '--workspace', tempDir(), '--watch', join(tempDir(), 'no-such-dir')]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--watch .*no such folder/);
  const bad = cvm(['serve', '--workspace', tempDir(), '--watch', tempDir(), '--watch-every', '0']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--watch-every must be seconds between looks/);
  // issue 16: the re-fit schedule is a duration
  const refit = cvm(['serve', '--workspace', tempDir(), '--refit-every', '5x']);
  assert.equal(refit.status, 2, refit.stderr);
  assert.match(refit.stderr, /--refit-every must be a duration like 90s, 15m, 6h or 1d \(or off\); got "5x"/);
  // issue 16: the look for other processes' ingests
  const poll = cvm(['serve', '--workspace', tempDir(), '--poll-every', '-1']);
  assert.equal(poll.status, 2, poll.stderr);
  assert.match(poll.stderr, /--poll-every must be seconds between looks for data other processes ingested \(0 turns them off\)/);
  assert.match(cvm(['serve', '--help']).stdout, /--poll-every S/);
});

test('cvm serve --watch DIR ingests a file dropped into DIR while serving (issue 16)', { timeout: 240_000 }, async () => {
  const dir = tempDir();
  const child = spawn(
    process.execPath,
    [
      BIN,
      'serve',
      SAMPLE,
      '--customer-col',
      'sampleid',
      '--quantity-col',
      'cds',
      '--no-models',
      '--port',
      '0',
      '--format',
      'json',
      '--watch',
      dir,
      '--watch-every',
      '1',
    ],
    { cwd: ROOT, env: { ...process.env, TZ: 'UTC', CVM_TOKEN: '' } },
  );
  let stderr = '';
  const waitFor = (re: RegExp): Promise<RegExpMatchArray> =>
    new Promise((done, fail) => {
      const check = (): void => {
        const m = re.exec(stderr);
        if (m) done(m);
      };
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        check();
      });
      child.on('exit', () => fail(new Error(`cvm serve exited: ${stderr}`)));
      check();
    });
  try {
    const [, url] = await waitFor(/cvm dashboard: (http:\/\/\S+)/);
    writeFileSync(join(dir, 'july.csv'), 'masterid,sampleid,date,cds,sales\n99999,9001,19980701,1,12.50\n99999,9001,19980702,x,3\n');
    await waitFor(/cvm watch: july\.csv: ingested, 1 rows accepted, 1 quarantined; data version 2/);
    const health = (await (await fetch(`${url}api/health`)).json()) as { dataVersion: number; data: { transactions: number } };
    assert.equal(health.dataVersion, 2);
    assert.equal(health.data.transactions, 6919 + 1);
  } finally {
    child.kill('SIGTERM');
  }
});
