/**
 * The price of exact money sums in the reports outside the summary (issue 18): acquisition revenue
 * by month, lifecycle trends' monthly revenue, the retention backtest's holdout revenue, headroom
 * spend, item values, campaign outcomes and base rates, and the migration matrix's values. Each
 * statement runs as it is (`dialect.moneySum`: DECIMAL(38, 6) sums) and with a dialect whose
 * `moneySum` is the plain float `sum` (what the statements did before), alternating on one in-memory
 * workspace of the synthetic log; the result is read whole (every column summed over the rows, so
 * DuckDB cannot drop a column). Process CPU seconds (every DuckDB thread) are compared, side by side.
 *
 *   npm run bench -- --only money-sums --rows 1M --customers 100k --repeat 3
 */
import type { Engine, SqlDialect } from '../src/engine/engine.js';
import { createDuckDbEngine } from '../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../src/transactions/ingest.js';
import { revenueByMonthSql } from '../src/acquisition/acquisition-sql.js';
import { monthlyRevenueSql } from '../src/retention/trends-sql.js';
import { backtestOutcomesSql } from '../src/retention/retention-sql.js';
import { customerSpendSql } from '../src/expansion/headroom-sql.js';
import { productValuesSql } from '../src/expansion/item-values-sql.js';
import { baseRatesSql, windowOutcomesSql } from '../src/campaigns/campaign-results-sql.js';

/** The stand-in campaign's assignment below (written without a token). */
const BENCH_CAMPAIGN = { id: 'bench', assignments: '', responses: '' };
import { transitionSql } from '../src/segments/migration-sql.js';
import { periodIndexSql } from '../src/cohorts/cohort-sql.js';
import { registerBench, type BenchContext } from './registry.js';
import { syntheticLogFiles } from './datasets.js';

const n = (x: number): string => x.toLocaleString('en-US');

/** The statement's result read whole: a count and the sum of every numeric column, so nothing is pruned. */
async function readWhole(engine: Engine, sql: string): Promise<void> {
  const cols = (await engine.rows<{ column_name: string; column_type: string }>(`DESCRIBE ${sql}`))
    .filter((c) => /DOUBLE|DECIMAL|INT|FLOAT/.test(c.column_type))
    .map((c) => `sum("${c.column_name}")`);
  await engine.rows(`SELECT count(*) AS n${cols.map((c, k) => `, ${c} AS s${k}`).join('')} FROM (${sql}) q`);
}

/** Runs `make(dialect)` with the exact and the float dialect, alternating; best CPU seconds of each. */
async function sideBySide(ctx: BenchContext, engine: Engine, label: string, make: (d: SqlDialect) => string): Promise<void> {
  const exact = engine.dialect;
  const float: SqlDialect = { ...exact, moneySum: (e) => `sum(${e})` };
  const now: number[] = [],
    before: number[] = [];
  for (let rep = 0; rep < ctx.repeat + 1; rep++) {
    // the first pair warms the caches up and is not counted
    const a = await ctx.time(() => readWhole(engine, make(exact)));
    const b = await ctx.time(() => readWhole(engine, make(float)));
    if (rep > 0) {
      now.push(a.cpuSeconds);
      before.push(b.cpuSeconds);
    }
  }
  const x = Math.min(...now),
    y = Math.min(...before);
  const all = (v: number[]): string => v.map((t) => t.toFixed(2)).join(', ');
  ctx.record({ name: `${label}: exact`, value: x, unit: 'CPU-s', note: `best of ${now.length} (${all(now)})` });
  ctx.record({ name: `  float sum`, value: y, unit: 'CPU-s', note: `best of ${before.length} (${all(before)})` });
  ctx.record({ name: `  exact / float`, value: x / y, unit: '×' });
}

registerBench({
  name: 'money-sums',
  group: 'money',
  description: 'report statements with exact (DECIMAL) money sums vs the same statements with float sums, side by side (CPU-s)',
  async run(ctx) {
    const { csv } = syntheticLogFiles(ctx);
    const engine = createDuckDbEngine();
    const r = await ingestFile(engine, csv);
    const [range] = await engine.rows<{ first: string; last: string }>(
      `SELECT CAST(min(event_date) AS VARCHAR) AS first, CAST(max(event_date) AS VARCHAR) AS last FROM transactions`,
    );
    const { first, last } = range!;
    const mid = new Date((Date.parse(first) + Date.parse(last)) / 2).toISOString().slice(0, 10);
    const year = new Date(Date.parse(last) - 365 * 86_400_000).toISOString().slice(0, 10);
    ctx.log(`${n(r.rowsAccepted)} rows, ${first} .. ${last}`);
    const d = engine.dialect;
    // stand-ins for the tables the reports read: the acquired customers (channel and month of the
    // first purchase), a campaign's assignment (every customer, 10% control) and two snapshots
    await engine.exec(`CREATE TEMP TABLE bench_lv AS SELECT customer_id, coalesce(arg_min(channel, event_date), 'unknown') AS level,
  ${periodIndexSql(d, 'month', 'min(event_date)')} AS am FROM transactions GROUP BY customer_id`);
    await engine.exec(`CREATE TEMP TABLE campaign_assignments AS SELECT 'bench' AS campaign_id, customer_id,
  CASE WHEN hash(customer_id) % 10 = 0 THEN 'control' ELSE 'target' END AS arm, '' AS version FROM (SELECT DISTINCT customer_id FROM transactions) c`);
    const snapshot = (asOf: string): string =>
      `SELECT customer_id, DATE '${asOf}' AS as_of, CASE WHEN v > 500 THEN 'Gold' ELSE 'Bronze' END AS value_tier,
  CASE WHEN v > 500 THEN 1 ELSE 2 END AS tier_rank, 'active' AS lifecycle_stage, '' AS rfm_segment, '' AS micro_segment, v AS value
  FROM (SELECT customer_id, sum(amount) AS v FROM transactions WHERE event_date <= DATE '${asOf}' GROUP BY customer_id) s`;
    await engine.exec(`CREATE TEMP TABLE segment_snapshots AS ${snapshot(mid)} UNION ALL ${snapshot(last)}`);
    const lv = 'SELECT * FROM bench_lv';
    const w = { from: year, to: last };
    await sideBySide(ctx, engine, 'acquisition revenue by month', (x) => revenueByMonthSql(x, lv, last));
    await sideBySide(ctx, engine, 'trends monthly revenue', (x) => monthlyRevenueSql(x, { asOf: last }));
    await sideBySide(ctx, engine, 'backtest outcomes (holdout revenue)', (x) => backtestOutcomesSql(x, { from: mid, to: last }));
    await sideBySide(ctx, engine, 'headroom spend (last 365 days)', (x) => customerSpendSql(x, w));
    await sideBySide(ctx, engine, 'item values (last 365 days)', (x) => productValuesSql(x, w, null));
    await sideBySide(ctx, engine, 'campaign outcomes (window from the middle)', (x) => windowOutcomesSql(x, BENCH_CAMPAIGN, mid, last));
    await sideBySide(ctx, engine, 'campaign base rates', (x) => baseRatesSql(x, BENCH_CAMPAIGN, mid, last));
    await sideBySide(ctx, engine, 'migration transition matrix', (x) => transitionSql(x, mid, last, 'value_tier'));
    await engine.close();
  },
});
