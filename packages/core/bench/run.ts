/**
 * The benchmark runner (`npm run bench`; never part of `npm test`).
 *
 *   npm run bench -- [--rows 10M] [--customers 1M] [--seed 1] [--repeat 2] [--only NAME|GROUP[,…]]
 *                    [--list] [--keep] [--in-process] [--json FILE] [--BENCH-OPTION value …]
 *
 * Every `bench/*-bench.ts` file is imported and registers its benchmarks (see `registry.ts`). Each
 * selected benchmark runs in its own child process, so its peak RSS (`process.resourceUsage().maxRSS`,
 * DuckDB included: it runs in the same process) is its own; `--in-process` runs them in this process
 * instead (for profiling with `node --cpu-prof`). Targets print PASS/MISS; the exit code is 0 unless
 * a benchmark crashed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import {
  allBenches,
  parseCount,
  selectBenches,
  targetText,
  verdict,
  type Bench,
  type BenchContext,
  type BenchOptions,
  type Measurement,
} from './registry.js';

interface BenchResult {
  bench: string;
  measurements: Measurement[];
  maxRssMb: number;
  seconds: number;
  error?: string;
}

const FLAGS = new Set(['list', 'keep', 'in-process', 'help']);
const HERE = new URL('.', import.meta.url).pathname;

function parseCli(argv: string[]): { options: Record<string, string>; flags: Set<string> } {
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}" (options are --name value)`);
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (FLAGS.has(name)) flags.add(name);
    else if (inline !== undefined) options[name] = inline;
    else if (i + 1 < argv.length) options[name] = argv[++i]!;
    else throw new Error(`--${name} needs a value`);
  }
  return { options, flags };
}

async function loadBenches(): Promise<void> {
  for (const file of readdirSync(HERE)
    .filter((f) => f.endsWith('-bench.ts'))
    .sort())
    await import(join(HERE, file));
}

function benchOptions(options: Record<string, string>): BenchOptions {
  const {
    rows = '10M',
    customers = '1M',
    seed = '1',
    repeat = '2',
    only: _o,
    child: _c,
    'run-dir': _r,
    'result-file': _f,
    json: _j,
    ...extra
  } = options;
  return {
    rows: parseCount(rows, 'rows'),
    customers: parseCount(customers, 'customers'),
    seed: Number(seed),
    repeat: parseCount(repeat, 'repeat'),
    extra,
  };
}

function makeContext(bench: Bench, opts: BenchOptions, runDir: string, sink: Measurement[]): BenchContext {
  return {
    ...opts,
    runDir,
    log: (m) => console.error(`  [${bench.name}] ${m}`),
    record: (m) => {
      sink.push(m);
      console.error(`  [${bench.name}] ${formatRow(m)}`);
    },
    async time(fn) {
      const mb = (): number => process.memoryUsage.rss() / 2 ** 20;
      let peak = mb();
      const timer = setInterval(() => {
        peak = Math.max(peak, mb());
      }, 20);
      const t0 = performance.now(),
        c0 = process.cpuUsage();
      try {
        const value = await fn();
        const seconds = (performance.now() - t0) / 1000;
        const c = process.cpuUsage(c0);
        return { value, seconds, cpuSeconds: (c.user + c.system) / 1e6, peakRssMb: Math.max(peak, mb()) };
      } finally {
        clearInterval(timer);
      }
    },
  };
}

async function runOne(bench: Bench, opts: BenchOptions, runDir: string): Promise<BenchResult> {
  const measurements: Measurement[] = [];
  const t0 = performance.now();
  try {
    await bench.run(makeContext(bench, opts, runDir, measurements));
    return { bench: bench.name, measurements, maxRssMb: process.resourceUsage().maxRSS / 1024, seconds: (performance.now() - t0) / 1000 };
  } catch (error) {
    const e = error as Error;
    return {
      bench: bench.name,
      measurements,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      seconds: (performance.now() - t0) / 1000,
      error: e.stack ?? String(e),
    };
  }
}

function runChild(bench: Bench, argv: string[], runDir: string): BenchResult {
  const resultFile = join(runDir, `${bench.name}.result.json`);
  const r = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      new URL(import.meta.url).pathname,
      ...argv,
      '--child',
      bench.name,
      '--run-dir',
      runDir,
      '--result-file',
      resultFile,
    ],
    { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } },
  );
  try {
    return JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult;
  } catch {
    return {
      bench: bench.name,
      measurements: [],
      maxRssMb: NaN,
      seconds: NaN,
      error: `the benchmark process exited with ${r.status ?? r.signal} and wrote no result`,
    };
  }
}

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
function formatRow(m: Measurement): string {
  const v = verdict(m);
  return `${m.name.padEnd(52)} ${`${fmt(m.value)} ${m.unit}`.padStart(12)}  ${targetText(m).padEnd(10)} ${v.padEnd(4)}${m.note ? `  ${m.note}` : ''}`;
}

function withRss(bench: Bench | undefined, r: BenchResult): Measurement[] {
  const rss: Measurement = { name: `peak RSS, ${r.bench} process (maxRSS)`, value: r.maxRssMb, unit: 'MB' };
  if (bench?.rssTargetMb !== undefined) rss.target = { max: bench.rssTargetMb };
  return [...r.measurements, rss];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { options, flags } = parseCli(argv);
  await loadBenches();
  if (flags.has('help')) {
    console.log(
      readFileSync(new URL(import.meta.url), 'utf8')
        .split('*/')[0]!
        .replace(/^\/\*\*?|^ \* ?/gm, ''),
    );
    return;
  }
  if (flags.has('list')) {
    for (const b of allBenches()) console.log(`${b.name.padEnd(20)} ${b.group.padEnd(14)} ${b.description}`);
    return;
  }
  const opts = benchOptions(options);
  if (options.child !== undefined) {
    const bench = allBenches().find((b) => b.name === options.child);
    if (!bench) throw new Error(`no benchmark named ${options.child}`);
    const result = await runOne(bench, opts, options['run-dir']!);
    writeFileSync(options['result-file']!, JSON.stringify(result));
    return;
  }
  const only = (options.only ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const selected = selectBenches(only);
  if (selected.length === 0) throw new Error(`--only ${options.only} matches no benchmark; see --list`);
  const cpu = cpus();
  console.log(
    `cvm bench ${new Date().toISOString().slice(0, 16)}Z · ${cpu.length} × ${cpu[0]?.model ?? 'cpu'} · ${(totalmem() / 2 ** 30).toFixed(0)} GB · node ${process.version} · load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `rows ${opts.rows.toLocaleString('en-US')} · customers ${opts.customers.toLocaleString('en-US')} · seed ${opts.seed} · repeat ${opts.repeat} · ${selected.map((b) => b.name).join(', ')}\n`,
  );
  const runDir = mkdtempSync(join(tmpdir(), 'cvm-bench-'));
  const childArgv = argv.filter((a) => a !== '--in-process');
  const results: BenchResult[] = [];
  try {
    for (const bench of selected) {
      console.error(`▶ ${bench.name}: ${bench.description}`);
      const r = flags.has('in-process') ? await runOne(bench, opts, runDir) : runChild(bench, childArgv, runDir);
      results.push(r);
      if (r.error) console.error(`✗ ${bench.name} failed: ${r.error}`);
    }
  } finally {
    if (!flags.has('keep')) rmSync(runDir, { recursive: true, force: true });
    else console.error(`kept ${runDir}`);
  }
  console.log('');
  let pass = 0,
    miss = 0;
  for (const r of results) {
    console.log(`${r.bench}${r.error ? '  (FAILED, see above)' : ''}`);
    for (const m of withRss(
      allBenches().find((b) => b.name === r.bench),
      r,
    )) {
      console.log(`  ${formatRow(m)}`);
      if (verdict(m) === 'PASS') pass++;
      if (verdict(m) === 'MISS') miss++;
    }
  }
  console.log(`\ntargets: ${pass} PASS, ${miss} MISS (a bench never fails the build)`);
  if (options.json)
    writeFileSync(
      options.json,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: { cpus: cpu.length, model: cpu[0]?.model, memGb: totalmem() / 2 ** 30, node: process.version },
          options: opts,
          results,
        },
        null,
        2,
      ),
    );
  if (results.some((r) => r.error)) process.exitCode = 1;
}

await main();
