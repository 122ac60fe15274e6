/**
 * One side of the scoring benchmark (`clickhouse-scores-bench.ts`), run in a process of its own so
 * its CPU time and peak RSS are its own: `node --import tsx clickhouse-scores-side.ts MODE URL`.
 *
 * - `node`: what `cvm predict --engine` does: the per-customer summary to Node (Native format into
 *   typed arrays), then `predictCustomers` (fits and every customer's scores in Node).
 * - `sql`: `scoreInDatabase` with Gamma-Gamma: patterns to Node, scores per pattern, per-customer
 *   scores written by the shards into a table; `sql-historic`: the same with the historic spend model
 *   (one row of sums). Gamma-Gamma is fitted on the shards from sums per distinct x, one query per γ.
 *
 * Prints one JSON line: CPU seconds of this process (in all, and of the scoring alone: without
 * starting Node and compiling the TypeScript) and its peak RSS, rows and bytes received from
 * ClickHouse, customers and total CLV.
 */
import { createClickHouseEngine } from '../src/engine/clickhouse/clickhouse-engine.js';
import { parseClickHouseUrl } from '../src/engine/clickhouse/clickhouse-url.js';
import { predictCustomers } from '../src/scores/predict.js';
import { scoreInDatabase } from '../src/scores/score-in-database.js';
import { summarize } from '../src/summary/summary.js';

const [mode, url] = process.argv.slice(2);
const engine = createClickHouseEngine(parseClickHouseUrl(url!));
const o = { model: 'bg-nbd', horizon: 52, annualDiscountRate: 0.1, margin: 1 } as const;
const t0 = performance.now();
const c0 = process.cpuUsage();
let customers = 0,
  totalClv = 0,
  patterns = '';
if (mode === 'node') {
  const s = await summarize(engine, {});
  const p = predictCustomers(
    { x: s.frequency, tx: s.recency, T: s.T, mx: s.monetaryValue, customerId: s.customerId },
    { ...o, spendModel: 'gamma-gamma', period: 'week' },
  );
  customers = s.length;
  for (const v of p.clv) totalClv += v;
} else if (mode === 'sql' || mode === 'sql-historic') {
  const spendModel = mode === 'sql' ? 'gamma-gamma' : 'historic';
  const s = await scoreInDatabase(engine, { ...o, spendModel, into: 'cvm_bench_scores' });
  const r = s.spendFitReads;
  patterns = `${s.patterns} (x, t_x, T); spend fit: ${r.queries} queries, ${r.rows} rows (${r.distinctX} distinct x, ${r.gammas} γ values)`;
  customers = s.customers;
  totalClv = s.totalClv;
} else throw new Error(`mode must be node or sql; got ${mode}`);
const wall = (performance.now() - t0) / 1000;
const work = process.cpuUsage(c0);
await engine.close();
const cpu = process.cpuUsage();
process.stdout.write(
  `${JSON.stringify({
    mode,
    wall,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    workCpuSeconds: (work.user + work.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rows: engine.stats.rowsReceived,
    bytes: engine.stats.bytesReceived,
    customers,
    totalClv,
    patterns,
  })}\n`,
);
