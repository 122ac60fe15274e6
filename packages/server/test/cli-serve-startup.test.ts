// issue 18, item 5, through the real binary: `cvm serve` listens before its report is computed (it
// says where on stderr at once), a client that follows 202 Computing's Retry-After gets the overview
// the printed report shows, and the stdout banner still comes after the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, SAMPLE } from './helpers.js';

const BIN = join(ROOT, 'packages/cli/bin/cvm.js');

test('cvm serve answers while its report is computed, and the answers match the printed report', { timeout: 240_000 }, async () => {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds', '--port', '0', '--format', 'json'],
    { cwd: ROOT, env: { ...process.env, TZ: 'UTC', CVM_TOKEN: '' } },
  );
  const heard: { stream: 'out' | 'err'; text: string }[] = [];
  let stdout = '',
    stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    heard.push({ stream: 'out', text: d.toString() });
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    heard.push({ stream: 'err', text: d.toString() });
  });
  const waitFor = (read: () => string, re: RegExp): Promise<RegExpMatchArray> =>
    new Promise((done, fail) => {
      const timer = setInterval(() => {
        const m = re.exec(read());
        if (m) {
          clearInterval(timer);
          done(m);
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        fail(new Error(`cvm serve exited: ${stderr}`));
      });
    });
  try {
    const [, url] = await waitFor(() => stderr, /cvm: dashboard at (http:\/\/\S+);/);
    // a client that asks again after Retry-After, as the dashboard does
    let res = await fetch(`${url}api/overview`);
    let computingAnswers = 0;
    while (res.status === 202) {
      const body = (await res.json()) as { status: string; computing: string };
      assert.equal(body.status, 'computing');
      computingAnswers++;
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after'))));
      res = await fetch(`${url}api/overview`);
    }
    assert.equal(res.status, 200);
    const served = (await res.json()) as { overview: { customers: number; netRevenue: number } };
    await waitFor(() => stderr, /cvm dashboard: http/);
    const printed = JSON.parse(stdout) as { customers: number; netRevenue: number };
    assert.equal(served.overview.customers, printed.customers);
    assert.equal(served.overview.netRevenue, printed.netRevenue);
    assert.equal(printed.customers, 2357);
    // the early line came before any of the report; the banner after it
    const early = heard.findIndex((h) => h.stream === 'err' && h.text.includes('cvm: dashboard at'));
    const firstOut = heard.findIndex((h) => h.stream === 'out');
    assert.ok(early >= 0 && early < firstOut, 'the address is given before the report is printed');
    assert.ok(stderr.indexOf('cvm dashboard:') > stderr.indexOf('cvm: dashboard at'));
    process.stdout.write(`# overview asked again after ${computingAnswers} computing answer(s)\n`);
  } finally {
    child.kill('SIGTERM');
  }
});
