// Whole-process measurement for the report and predict-whole benchmarks: a command run under
// `/usr/bin/time` (wall, user + sys CPU of the child and everything it waits for, maxRSS), its
// stdout written to a file.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root. */
export const REPO = new URL('../../../', import.meta.url).pathname;
/** The `cvm` command the README documents (runs the built bundle when it is fresh). */
export const CVM_BIN = join(REPO, 'packages/cli/bin/cvm.js');

/** One whole-process run: wall seconds, CPU seconds (user + sys), max RSS in MB. */
export interface ProcessRun {
  seconds: number;
  cpuSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  maxRssMb: number;
}

function newestTs(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestTs(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Throws unless packages/cli/dist holds a bundle newer than every source file: otherwise `cvm` would
 * compile TypeScript at start-up and the benchmark would time the compiler.
 * @throws Error naming `npm run build:cli`
 */
export function requireFreshCli(): void {
  let built = 0;
  try {
    built = statSync(join(REPO, 'packages/cli/dist/cvm.mjs')).mtimeMs;
  } catch {
    /* missing: refused below */
  }
  const stale = ['core', 'cli', 'server'].some((p) => newestTs(join(REPO, 'packages', p, 'src')) > built);
  if (built === 0 || stale) throw new Error('the cvm bundle is missing or older than the sources: run `npm run build:cli` first');
}

/**
 * Runs `node ARGS…` under `/usr/bin/time -f '%e %U %S %M'`, stdout to `outFile`, stderr kept.
 * @throws Error with the child's stderr when it exits non-zero
 */
export function runTimed(args: string[], outFile: string, env: Record<string, string> = {}): ProcessRun & { stderr: string } {
  const timeFile = `${outFile}.time`;
  const out = openSync(outFile, 'w');
  try {
    const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, process.execPath, ...args], {
      stdio: ['ignore', out, 'pipe'],
      env: { ...process.env, TZ: 'UTC', ...env },
      maxBuffer: 64 * 2 ** 20,
    });
    const stderr = r.stderr?.toString() ?? '';
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status ?? r.signal}: ${stderr.slice(-2000)}`);
    const fields = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    const [seconds, user, sys, kb] = fields as [number, number, number, number];
    return { seconds, userSeconds: user, systemSeconds: sys, cpuSeconds: user + sys, maxRssMb: kb / 1024, stderr };
  } finally {
    closeSync(out);
  }
}

/** `12.3 s wall, 20.1 CPU-s, 812 MB` for a note. */
export const runText = (r: ProcessRun): string =>
  `${r.seconds.toFixed(2)} s wall, ${r.cpuSeconds.toFixed(2)} CPU-s (user ${r.userSeconds.toFixed(1)} + sys ${r.systemSeconds.toFixed(1)}), maxRSS ${r.maxRssMb.toFixed(0)} MB`;
