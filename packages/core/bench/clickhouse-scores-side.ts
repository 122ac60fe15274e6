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
 * - `gg-pairs` / `gg-shards`: the Gamma-Gamma fit alone, as before issue 16 moved it (the distinct
 *   (x, m̄ₓ) of the repeat buyers to Node, `fitSpendOnPatterns`) and on the shards (the summary staged
 *   as the scoring stages it, then `fitSpendInDatabase`: sums per distinct x per γ).
 *
 * Prints one JSON line: CPU seconds of this process (in all, and of the scoring alone: without
 * starting Node and compiling the TypeScript) and its peak RSS, rows and bytes received from
 * ClickHouse, customers and total CLV.
 */
import { createClickHouseEngine } from '../src/engine/clickhouse/clickhouse-engine.js';
import { parseClickHouseUrl } from '../src/engine/clickhouse/clickhouse-url.js';
import { predictCustomers } from '../src/scores/predict.js';
import { scoreInDatabase } from '../src/scores/score-in-database.js';
import { DAYS_PER_PERIOD, resolveSummaryPeriod, summarize } from '../src/summary/summary.js';
import { hasReturns, summarizeSpendPatterns } from '../src/summary/summary-patterns.js';
import { fitSpendOnPatterns } from '../src/scores/pattern-scores.js';
import { fitSpendInDatabase } from '../src/scores/database-spend-fit.js';
import { stagedSummarySql } from '../src/scores/database-scores-sql.js';
import { scoringTables, stageSummary } from '../src/scores/database-scores-write.js';

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
} else if (mode === 'gg-pairs') {
  const pairs = await summarizeSpendPatterns(engine, {});
  const fit = fitSpendOnPatterns(pairs, []);
  patterns = `${pairs.x.length} (x, m_x); p ${fit.p} q ${fit.q} gamma ${fit.gamma}`;
} else if (mode === 'gg-shards') {
  const r = await resolveSummaryPeriod(engine, {});
  const netReturns = await hasReturns(engine, r.calibrationEnd);
  const work = await scoringTables(engine);
  const o = { calibrationEnd: r.calibrationEnd, daysPerPeriod: DAYS_PER_PERIOD[r.period], netReturns };
  const staged = await stageSummary(engine, stagedSummarySql(engine.dialect, o), work.summary);
  const f = await fitSpendInDatabase(engine, staged.table);
  await staged.drop();
  await work.drop();
  patterns = `${f.distinctX} x, ${f.queries} queries, ${f.rows} rows, ${f.gammas} gamma values; p ${f.spend.p} q ${f.spend.q} gamma ${f.spend.gamma}`;
} else throw new Error(`mode must be node, sql, sql-historic, gg-pairs or gg-shards; got ${mode}`);
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
