/**
 * Timing helpers for the model benchmarks: repeated synchronous runs after warm-up, wall clock and
 * process CPU time side by side. On a shared machine wall time includes waiting for a core; CPU
 * time (`process.cpuUsage`, all threads of the process: GC and JIT helpers included) shows how much
 * work was done. Benchmarks report the median of the timed runs and list every run.
 */

/** Wall and CPU milliseconds of each timed run, and the last run's value. */
export interface Runs<T> {
  value: T;
  wallMs: number[];
  cpuMs: number[];
}

/** Times `fn` once: wall and process CPU milliseconds. */
export function timeOnce<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed. */
export function timeRuns<T>(fn: () => T, runs: number, warmup = 0): Runs<T> {
  for (let i = 0; i < warmup; i++) fn();
  const wallMs: number[] = [],
    cpuMs: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const r = timeOnce(fn);
    value = r.value;
    wallMs.push(r.wallMs);
    cpuMs.push(r.cpuMs);
  }
  return { value, wallMs, cpuMs };
}

/** Median (mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `12.3, 11.9, …` with the given digits. */
export const list = (xs: readonly number[], digits = 1): string => xs.map((x) => x.toFixed(digits)).join(', ');

/** `1,234,567`. */
export const count = (x: number): string => x.toLocaleString('en-US');

/** Summary note for a set of runs: median CPU, then every wall time. */
export function runsNote(r: Pick<Runs<unknown>, 'wallMs' | 'cpuMs'>, digits = 1): string {
  return `median of ${r.wallMs.length}; CPU ${median(r.cpuMs).toFixed(digits)} ms; runs ${list(r.wallMs, digits)} ms`;
}
