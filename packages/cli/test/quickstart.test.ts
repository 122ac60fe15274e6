// The README's quick start, as a new user runs it: a fresh clone of the committed repository,
// `npm install && npm start` (the main job on the synthetic demo business, generated on first start;
// `npm run start:cdnow` runs it on the bundled CDNOW sample). `npm test` itself is what is
// running this file, so here we check that the README and .ci/run name it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './run-cli.js';

test('README opens with the two quick-start commands and .ci/run calls npm test', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const firstBlock = /```(?:sh|bash)?\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.match(firstBlock, /^npm install && npm start$/m);
  assert.match(firstBlock, /^npm test$/m);
  assert.match(readFileSync(join(ROOT, '.ci/run'), 'utf8'), /\bnpm test\b/);
});

test('fresh clone: npm install && npm start runs the main job on the demo business; npm run start:cdnow on CDNOW', {
  timeout: 900_000,
}, () => {
  if (!existsSync(join(ROOT, '.git'))) return assert.fail('not a git checkout: cannot clone');
  const dir = join(tempDir(), 'clone');
  execFileSync('git', ['clone', '--quiet', ROOT, dir]);
  assert.ok(!existsSync(join(dir, 'node_modules')));
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 540_000,
  });
  assert.equal(install.status, 0, install.stderr);
  const start = spawnSync('npm', ['start'], { cwd: dir, encoding: 'utf8', timeout: 300_000, env: { ...process.env, CVM_NO_SERVE: '1' } });
  assert.equal(start.status, 0, start.stderr);
  // the demo business is generated on first start (git-ignored), then the main job runs on it
  assert.match(start.stdout, /SYNTHETIC retailer \(made-up data, not a real company\)/);
  // 20,000 customers: those whose every purchase was returned are counted beside the others (returns netting, issue 21)
  const counted = /Customers\s+([\d,]+)(?: \(and ([\d,]+) whose purchases were all returned or cancelled\))?/.exec(start.stdout);
  assert.ok(counted, 'customers line');
  const n = Number(counted[1]!.replaceAll(',', '')),
    allReturned = Number((counted[2] ?? '0').replaceAll(',', ''));
  assert.equal(n + allReturned, 20_000, `${n} customers + ${allReturned} whose purchases were all returned`);
  assert.match(start.stdout, /Date range\s+2022-01-01 \.\. 2024-12-31/);
  assert.match(start.stdout, /Quarantined rows\s+none/);
  assert.match(start.stdout, /Top customers by CLV/);
  const platinum = Math.ceil(0.01 * n);
  assert.match(
    start.stdout,
    new RegExp(`^Platinum\\s+${platinum.toLocaleString('en-US')}\\s+1\\.0%`, 'm'),
    `Platinum = top 1% of ${n} customers by predicted CLV`,
  );
  assert.match(start.stdout, /Whale curve\s+peaks at \d+\.\d% of total profit/);
  assert.match(start.stdout, /pools reconcile to the cent/);
  assert.doesNotMatch(start.stdout, /No activity file given/, 'the demo cost model names its support-contacts file');
  const cdnow = spawnSync('npm', ['run', 'start:cdnow'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, CVM_NO_SERVE: '1' },
  });
  assert.equal(cdnow.status, 0, cdnow.stderr);
  assert.match(cdnow.stdout, /Customers\s+2,357/);
  assert.match(cdnow.stdout, /Repeat buyers\s+1,139/);
  assert.match(cdnow.stdout, /Date range\s+1997-01-01 \.\. 1998-06-30/);
  // the later issues' sections: CLV, tiers, lifecycle, migration over the last two quarters, whale curve
  assert.match(cdnow.stdout, /Top customers by CLV/);
  assert.match(cdnow.stdout, /^Platinum\s+24\s+1\.0%/m, 'Platinum = top 1% of 2,357 customers by predicted CLV');
  assert.match(cdnow.stdout, /^Lifecycle stages$/m);
  assert.match(cdnow.stdout, /1997-12-31 -> 1998-03-31: [\d,]+ stayed/);
  assert.match(cdnow.stdout, /1998-03-31 -> 1998-06-30: [\d,]+ stayed/);
  assert.match(cdnow.stdout, /Whale curve\s+peaks at \d+\.\d% of total profit/);
  assert.match(cdnow.stdout, /pools reconcile to the cent/);
});
