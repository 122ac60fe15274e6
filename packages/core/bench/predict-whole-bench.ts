/**
 * `cvm predict LOG` (log to CLV per customer) as a whole process next to the same job written in
 * plain DuckDB SQL plus cvm's models (group `floor`, issue 18 must-have 6): on the CDNOW master
 * (data/cdnow/cdnow_master_elog.csv) and on a synthetic log of 1M customers (`--predict-rows`,
 * `--predict-customers`, default 3M / 1M; generated into bench-data/ when missing).
 *
 * - cvm: `cvm predict LOG --no-intervals --format csv` (the built CLI; BG/NBD + Gamma-Gamma, 52
 *   weeks, 10% a year: its defaults, without the parameter-draw intervals) under /usr/bin/time;
 * - plain: predict-plain.ts bundled by esbuild (so no TypeScript is compiled at its start either):
 *   the summary in one DuckDB query from the file (summary-floor-sql.ts; DuckDB capped at 512MB as
 *   cvm predict caps it), `predictCustomers` from packages/core/src, the same CSV columns;
 * - wall, CPU-s (user + sys) and maxRSS of both, alternating, best of --repeat; cvm's maxRSS against
 *   the issue's 1 GB at 1M customers.
 *
 * Check (throws): the two outputs have the same customers in the same order and every number
 * (P(alive), expected purchases, expected spend, CLV, x, t_x, T, m_x) agrees to 1e-9 relative.
 *
 *   npm run bench -- --only predict-whole [--predict-rows 3M --predict-customers 1M] [--predict-data cdnow,synthetic]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parseCount, registerBench, type BenchContext } from './registry.js';
import { syntheticLogFiles } from './datasets.js';
import { CVM_BIN, REPO, requireFreshCli, runText, runTimed, type ProcessRun } from './whole-process.js';

const n = (x: number): string => x.toLocaleString('en-US');
const CDNOW_MASTER = join(REPO, 'data/cdnow/cdnow_master_elog.csv');

/** The plain side as one ESM bundle beside node_modules (so that @duckdb/node-api resolves). */
async function bundlePlain(): Promise<string> {
  const dir = join(REPO, 'node_modules/.cache/cvm-bench');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'predict-plain.mjs');
  await build({
    entryPoints: [new URL('./predict-plain.ts', import.meta.url).pathname],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@duckdb/node-api', '@clickhouse/client', 'chdb'],
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return out;
}

/**
 * The largest relative difference between two CSV outputs of the same columns, customers in the
 * same order; @throws Error at the first structural difference (header, row count, customer id).
 */
export function compareCsv(a: string, b: string): number {
  const la = a.trimEnd().split('\n'),
    lb = b.trimEnd().split('\n');
  if (la[0] !== lb[0]) throw new Error(`the outputs' columns differ: ${la[0]} vs ${lb[0]}`);
  if (la.length !== lb.length) throw new Error(`cvm wrote ${n(la.length - 1)} customers, the plain job ${n(lb.length - 1)}`);
  let worst = 0;
  for (let i = 1; i < la.length; i++) {
    if (la[i] === lb[i]) continue;
    const x = la[i]!.split(','),
      y = lb[i]!.split(',');
    if (x[0] !== y[0]) throw new Error(`row ${i}: customer ${x[0]} vs ${y[0]}`);
    for (let j = 1; j < x.length; j++) {
      const u = Number(x[j]),
        v = Number(y[j]);
      worst = Math.max(worst, Math.abs(u - v) / Math.max(1e-12, Math.abs(u), Math.abs(v)));
    }
  }
  return worst;
}

async function benchData(
  ctx: BenchContext,
  label: string,
  cvmArgs: string[],
  plainArgs: string[],
  plain: string,
  million = false,
): Promise<void> {
  const cvm: ProcessRun[] = [],
    raw: (ProcessRun & { stderr: string })[] = [];
  let diff = 0,
    identical = true;
  for (let rep = 0; rep < ctx.repeat; rep++) {
    const a = join(ctx.runDir, `predict-cvm-${rep}.csv`),
      b = join(ctx.runDir, `predict-plain-${rep}.csv`);
    cvm.push(runTimed([CVM_BIN, 'predict', ...cvmArgs, '--no-intervals', '--format', 'csv'], a));
    raw.push(runTimed([plain, ...plainArgs], b));
    const ta = readFileSync(a, 'utf8'),
      tb = readFileSync(b, 'utf8');
    identical &&= ta === tb;
    diff = Math.max(diff, compareCsv(ta, tb));
    ctx.log(`${label} run ${rep + 1}: cvm ${runText(cvm.at(-1)!)}; plain ${runText(raw.at(-1)!)}`);
  }
  if (!(diff <= 1e-9)) throw new Error(`${label}: cvm predict and the plain job disagree: max relative difference ${diff}`);
  const bestOf = (rs: ProcessRun[]): ProcessRun => rs.reduce((p, q) => (q.seconds < p.seconds ? q : p));
  const c = bestOf(cvm),
    p = bestOf(raw) as ProcessRun & { stderr: string };
  const inner = JSON.parse(p.stderr.trim().split('\n').at(-1)!) as {
    customers: number;
    stages: Record<string, { wall: number; cpu: number }>;
  };
  const cpu = (rs: ProcessRun[]): number => Math.min(...rs.map((r) => r.cpuSeconds));
  ctx.record({
    name: `cvm predict, ${label} (whole process)`,
    value: c.seconds,
    unit: 's',
    note: `best of ${cvm.length}: ${cvm.map(runText).join('; ')}`,
  });
  ctx.record({
    name: `plain SQL + cvm's models, ${label} (whole process)`,
    value: p.seconds,
    unit: 's',
    note: `best of ${raw.length}: ${raw.map(runText).join('; ')}; inside: ${Object.entries(inner.stages)
      .map(([k, v]) => `${k} ${v.wall.toFixed(2)} s / ${v.cpu.toFixed(2)} CPU-s`)
      .join(', ')}`,
  });
  ctx.record({ name: '  cvm / plain (wall)', value: c.seconds / p.seconds, unit: '×', note: 'best / best, alternating runs' });
  ctx.record({
    name: '  cvm / plain (CPU-s)',
    value: cpu(cvm) / cpu(raw),
    unit: '×',
    note: `${cpu(cvm).toFixed(2)} / ${cpu(raw).toFixed(2)} CPU-s`,
  });
  ctx.record({
    name: `  cvm predict maxRSS`,
    value: Math.max(...cvm.map((r) => r.maxRssMb)),
    unit: 'MB',
    ...(million ? { target: { max: 1024 } } : {}),
    note: `plain ${Math.max(...raw.map((r) => r.maxRssMb)).toFixed(0)} MB${million ? " (the issue's 1 GB for a log of 1M customers)" : ''}`,
  });
  ctx.record({
    name: `  outputs agree (max relative difference)`,
    value: diff,
    unit: '',
    note: `${n(inner.customers)} customers; ${identical ? 'byte-identical CSV' : 'not byte-identical'} (throws above 1e-9)`,
  });
}

registerBench({
  name: 'predict-whole',
  group: 'floor',
  description:
    "cvm predict LOG (whole process, built CLI, --no-intervals) vs the same job in plain DuckDB SQL + cvm's models (bundled), CDNOW master and a 1M-customer synthetic log; outputs checked to 1e-9",
  async run(ctx) {
    requireFreshCli();
    const plain = await bundlePlain();
    const data = (ctx.extra['predict-data'] ?? 'cdnow,synthetic').split(',').map((s) => s.trim());
    ctx.record({ name: 'machine load average (1 min) at the start', value: loadavg()[0]!, unit: '' });
    if (data.includes('cdnow'))
      await benchData(ctx, 'CDNOW master', [CDNOW_MASTER, '--amount-col', 'sales'], ['--reader', 'cdnow', '--file', CDNOW_MASTER], plain);
    if (data.includes('synthetic')) {
      const rows = parseCount(ctx.extra['predict-rows'] ?? '3M', 'predict-rows');
      const customers = parseCount(ctx.extra['predict-customers'] ?? '1M', 'predict-customers');
      const { csv } = syntheticLogFiles({ rows, customers, seed: ctx.seed });
      await benchData(
        ctx,
        `synthetic ${n(rows)} rows / ${n(customers)} customers`,
        [csv],
        ['--reader', 'synthetic-csv', '--file', csv],
        plain,
        customers >= 1e6,
      );
    }
    ctx.record({ name: 'machine load average (1 min) at the end', value: loadavg()[0]!, unit: '' });
  },
});
