// The 12 KB house rule (scripts/check-file-size.mjs, run by `npm run lint`): it fails on a source
// file one byte over the limit, passes at the limit, ignores tests, benches, dist and the allow-listed
// barrel, and the repository itself keeps the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp-dir.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const script = join(repo, 'scripts/check-file-size.mjs');
const LIMIT = 12 * 1024;

const dir = tempDir('cvm-file-size-');
test.after(() => rmSync(dir, { recursive: true, force: true }));

/** A tree under `dir`/name with files of the given sizes (bytes). */
function tree(name: string, files: Record<string, number>): string {
  const root = join(dir, name);
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), 'x'.repeat(bytes));
  }
  return root;
}

const check = (root: string) => spawnSync(process.execPath, [script, '--root', root], { encoding: 'utf8' });

test('a source file one byte over 12 KB fails the check, naming the file and its size', () => {
  const r = check(tree('over', { 'packages/a/src/ok.ts': LIMIT, 'packages/b/src/deep/big.ts': LIMIT + 1 }));
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /packages\/b\/src\/deep\/big\.ts {2}12289 bytes \(1 over\)/);
  assert.doesNotMatch(r.stderr, /ok\.ts/);
});

test('files at the limit, outside src (tests, benches, dist) and the allow-listed barrel pass', () => {
  const r = check(
    tree('within', {
      'packages/a/src/exactly.ts': LIMIT,
      'packages/a/test/huge.test.ts': 3 * LIMIT,
      'packages/a/bench/huge-bench.ts': 3 * LIMIT,
      'packages/a/src/dist/bundle.js': 3 * LIMIT,
      'packages/core/src/index.ts': 3 * LIMIT,
      'packages/a/src/data.json': 3 * LIMIT,
    }),
  );
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('the allow-list names only the core barrel: the same size elsewhere fails', () => {
  const r = check(tree('barrel-elsewhere', { 'packages/server/src/index.ts': LIMIT + 100 }));
  assert.equal(r.status, 1);
  assert.match(r.stderr, /packages\/server\/src\/index\.ts/);
});

test('this repository keeps the rule', () => {
  const r = check(repo);
  assert.equal(r.status, 0, r.stderr);
});
