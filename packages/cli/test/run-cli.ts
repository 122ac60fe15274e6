import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir as makeTempDir } from '../../core/test/helpers/temp-dir.js';

export const ROOT = new URL('../../../', import.meta.url).pathname;
export const BIN = join(ROOT, 'packages/cli/bin/cvm.js');
export const SAMPLE = join(ROOT, 'data/cdnow/cdnow_sample_elog.csv');

/** Runs the real `cvm` binary (no TTY: machine output by default). */
export function cvm(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC', CVM_DEBUG: '' },
    maxBuffer: 64 << 20,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh directory under the OS temp dir, removed when the test process exits (CVM_KEEP_TEST_FILES=1 keeps it). */
export function tempDir(prefix = 'cvm-cli-'): string {
  return makeTempDir(prefix);
}

export function tempFile(name: string, content: string | Buffer): string {
  const p = join(tempDir(), name);
  writeFileSync(p, content);
  return p;
}
