// Issue 21: `npx cvm` outside the repository fetched an unrelated registry package named `cvm`.
// The CLI's package is `cvm-cli` (free on the npm registry when chosen) with the bins `cvm` and
// `cvm-cli`; the workspace root is `cvm-workspace`, so nothing of ours is named `cvm`. Installing the
// clone globally puts both commands on the PATH and they run from any directory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './run-cli.js';

const json = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));

test('package names: the CLI is cvm-cli with bins cvm and cvm-cli; no package of ours is called cvm', () => {
  const cli = json('packages/cli/package.json');
  assert.equal(cli.name, 'cvm-cli');
  assert.deepEqual(cli.bin, { cvm: './bin/cvm.js', 'cvm-cli': './bin/cvm.js' });
  const root = json('package.json');
  assert.equal(root.name, 'cvm-workspace');
  assert.deepEqual(root.bin, { cvm: 'packages/cli/bin/cvm.js', 'cvm-cli': 'packages/cli/bin/cvm.js' });
});

test('npm install -g from the clone (into a temporary prefix): cvm and cvm-cli run from outside the repository', {
  timeout: 120_000,
}, () => {
  const prefix = tempDir('cvm-global-');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--ignore-scripts', '--offline', ROOT], {
    encoding: 'utf8',
  });
  assert.equal(install.status, 0, install.stderr);
  for (const bin of ['cvm', 'cvm-cli']) {
    const r = spawnSync(join(prefix, 'bin', bin), ['--version'], { cwd: tempDir('cvm-elsewhere-'), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'cvm 0.1.0\n');
  }
});
