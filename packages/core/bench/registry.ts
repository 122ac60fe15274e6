/**
 * The benchmark registry. Each benchmark lives in its own `bench/*-bench.ts` file and calls
 * {@link registerBench} at import time; `run.ts` imports every such file, so adding a benchmark
 * never means editing the runner. Benchmarks report measurements (with an optional target, shown
 * as PASS/MISS) through the context; a missed target never fails the run.
 */

/** A target a measurement is compared with (`value < max`, or `value > min`). */
export type Target = { max: number } | { min: number };

export interface Measurement {
  /** What was measured, e.g. `ingest CSV`. */
  name: string;
  value: number;
  /** Unit of `value`: `s`, `MB`, `×` (a ratio), `rows/s`, … */
  unit: string;
  target?: Target;
  /** Extra detail shown beside the number (all repeats, the data it ran on, …). */
  note?: string;
}

export interface BenchOptions {
  /** Rows and customers of the main synthetic log. */
  rows: number;
  customers: number;
  seed: number;
  /** Repetitions of each timed step; benchmarks report the best and list all. */
  repeat: number;
  /** Any other `--name value` flags, for benchmark-specific options. */
  extra: Record<string, string>;
}

export interface BenchContext extends BenchOptions {
  /** A scratch directory shared by the benchmarks of one run (removed at the end unless `--keep`). */
  runDir: string;
  log(message: string): void;
  record(measurement: Measurement): void;
  /**
   * Times `fn` (wall clock) and samples the process RSS every 20 ms while it runs. The sampler only
   * runs while the event loop is free (i.e. during engine calls), so a synchronous JS peak can be
   * missed; the runner also reports the benchmark process's `maxRSS`. `cpuSeconds` is the process's
   * CPU time over the same span (`process.cpuUsage`: every thread, DuckDB's included), which on a
   * shared machine says more about the work than the wall time.
   */
  time<T>(fn: () => Promise<T> | T): Promise<{ value: T; seconds: number; cpuSeconds: number; peakRssMb: number }>;
}

export interface Bench {
  /** Unique name, selected with `--only NAME` (or `--only GROUP`). */
  name: string;
  /** Benchmarks that belong together (e.g. `foundation`), selected all at once with `--only GROUP`. */
  group: string;
  description: string;
  /** Names of benchmarks that must run earlier in the same run when both are selected. */
  after?: string[];
  /**
   * Targets on the benchmark process's peak RSS (MB); omit when the process deliberately does
   * something memory-hungry (e.g. a naive comparison).
   */
  rssTargetMb?: number;
  run(ctx: BenchContext): Promise<void>;
}

const benches = new Map<string, Bench>();

/** Adds a benchmark to the registry. @throws Error when the name is taken. */
export function registerBench(bench: Bench): void {
  if (benches.has(bench.name)) throw new Error(`registerBench: a benchmark named "${bench.name}" is already registered`);
  benches.set(bench.name, bench);
}

/**
 * The registered benchmarks matching `only` (names or groups; all when empty), ordered so that each
 * comes after the ones it names in `after`, otherwise in registration order.
 */
export function selectBenches(only: readonly string[]): Bench[] {
  const all = [...benches.values()];
  const picked = all.filter((b) => only.length === 0 || only.includes(b.name) || only.includes(b.group));
  const out: Bench[] = [];
  const visit = (b: Bench, path: string[]): void => {
    if (out.includes(b)) return;
    if (path.includes(b.name)) throw new Error(`benchmark order has a cycle: ${[...path, b.name].join(' → ')}`);
    for (const name of b.after ?? []) {
      const dep = picked.find((x) => x.name === name);
      if (dep) visit(dep, [...path, b.name]);
    }
    out.push(b);
  };
  for (const b of picked) visit(b, []);
  return out;
}

/** Every registered benchmark (for `--list`). */
export function allBenches(): Bench[] {
  return [...benches.values()];
}

/** PASS/MISS (or '' without a target). */
export function verdict(m: Pick<Measurement, 'value' | 'target'>): '' | 'PASS' | 'MISS' {
  if (!m.target) return '';
  return ('max' in m.target ? m.value < m.target.max : m.value > m.target.min) ? 'PASS' : 'MISS';
}

/** The target as text, e.g. `< 6 s`. */
export function targetText(m: Pick<Measurement, 'unit' | 'target'>): string {
  if (!m.target) return '';
  return 'max' in m.target ? `< ${m.target.max} ${m.unit}` : `> ${m.target.min} ${m.unit}`;
}

/** A count such as `10M`, `250k`, `1e6` or `1_000_000`. @throws Error naming the option otherwise. */
export function parseCount(text: string, name: string): number {
  const m = /^([\d_.e+]+)([kKmM]?)$/.exec(text.trim());
  const n = m ? Number(m[1]!.replaceAll('_', '')) * (m[2] === '' ? 1 : /k/i.test(m[2]!) ? 1e3 : 1e6) : NaN;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number such as 10M or 250k; got "${text}"`);
  return n;
}
