import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
// Each test file runs in its own process: its temporary directories go when it exits
// (CVM_KEEP_TEST_FILES=1 keeps them for debugging).
process.on('exit', () => {
  if (process.env.CVM_KEEP_TEST_FILES === '1') return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, removed when the test process exits. */
export function tempDir(prefix = 'cvm-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
