import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../../', import.meta.url).pathname;
export const BIN = join(ROOT, 'packages/cli/bin/cvm.js');
export const SAMPLE = join(ROOT, 'data/cdnow/cdnow_sample_elog.csv');

/** Runs the real `cvm` binary (no TTY: machine output by default). */
export function cvm(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, TZ: 'UTC', CVM_DEBUG: '' }, maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
// Each test file runs in its own process: its temporary directories (fresh clones included) go when
// it exits; CVM_KEEP_TEST_FILES=1 keeps them for debugging.
process.on('exit', () => {
  if (process.env.CVM_KEEP_TEST_FILES === '1') return;
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'cvm-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function tempFile(name: string, content: string | Buffer): string {
  const p = join(tempDir(), name);
  writeFileSync(p, content);
  return p;
}
