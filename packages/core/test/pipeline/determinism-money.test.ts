// Determinism of the money sums outside the main report (issue 18): acquisition, lifecycle trends,
// the retention backtest's holdout revenue, up-sell headroom, next best offers (item values),
// campaign results and segment migration give byte-identical results run after run while DuckDB
// aggregates in parallel. Each of them sums amounts by a GROUP BY; a DOUBLE sum depends on the order
// the threads add their partial sums in, so its last digits change from run to run (see
// determinism.test.ts for the main report, the cohorts and the summary).
//
// The log is the 250,000-row synthetic log of determinism.test.ts (two DuckDB row groups and more,
// read by 4 threads). Results are compared as JSON text (shortest round-trip digits: equal text means
// equal doubles), typed arrays as SHA-256 hashes of their bytes. A pair of report runs can agree by
// luck, so each changed statement also runs 6 times on one engine. With the float sums (before
// 270afbc) the backtest outcomes, headroom spend, item values and campaign base rates changed
// between those runs, and acquisition's LTV:CAC interval between report runs (its customers' order).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ensureWorkspace, ingestFile } from '../../src/transactions/ingest.js';
import { ingestInputFile } from '../../src/inputs/input-ingest.js';
import { Analysis } from '../../src/analysis/analysis.js';
import { acquisitionStage } from '../../src/analysis/growth-stages.js';
import { parseCostModel } from '../../src/profitability/cost-model.js';
import { parseCampaign } from '../../src/campaigns/campaign-definition.js';
import { createCampaign } from '../../src/campaigns/campaign-audience.js';
import { campaignResults } from '../../src/campaigns/campaign-results.js';
import { readCampaign } from '../../src/campaigns/campaign-store.js';
import { ensureSnapshot } from '../../src/segments/ensure-snapshot.js';
import { migrateSnapshots } from '../../src/segments/migration.js';
import type { Engine, SqlDialect } from '../../src/engine/engine.js';
import { revenueByMonthSql } from '../../src/acquisition/acquisition-sql.js';
import { periodIndexSql } from '../../src/cohorts/cohort-sql.js';
import { monthlyRevenueSql } from '../../src/retention/trends-sql.js';
import { backtestOutcomesSql } from '../../src/retention/retention-sql.js';
import { customerSpendSql } from '../../src/expansion/headroom-sql.js';
import { productValuesSql } from '../../src/expansion/item-values-sql.js';
import { baseRatesSql, windowOutcomesSql } from '../../src/campaigns/campaign-results-sql.js';
import { transitionSql } from '../../src/segments/migration-sql.js';
import { generateSyntheticLog } from '../../bench/synthetic-log.js';
import { CHANNELS } from '../../bench/synthetic/customer-sim.js';
import { dataPath } from '../helpers/read-csv.js';
import { tempDir } from '../helpers/temp-dir.js';

const THREADS = 4;
const dir = tempDir('cvm-determinism-money-');
const csv = join(dir, 'log.csv');
// marketing spend for the acquisition report: every month of the log's three years and every channel
const spend = join(dir, 'spend.csv');
writeFileSync(
  spend,
  `month,channel,amount\n${[2021, 2022, 2023]
    .flatMap((y) =>
      Array.from({ length: 12 }, (_, m) =>
        CHANNELS.map((c, k) => `${y}-${String(m + 1).padStart(2, '0')},${c},${1000 + 250 * k + 10 * m}.50`),
      ),
    )
    .flat()
    .join('\n')}\n`,
);
// the CDNOW example cost model, its period moved onto the synthetic log's three years
const costModel = parseCostModel(
  readFileSync(dataPath('cdnow/cost-model.example.yaml'), 'utf8').replace(
    'period: { start: "1997-01-01", end: "1998-06-30" }',
    'period: { start: "2021-01-01", end: "2023-12-31" }',
  ),
);
const CAMPAIGN = `name: Spring voucher
target: {rule: "value > 0"}
action: 10% voucher by e-mail
send_date: 2023-03-01
response_window_days: 60
control_share: 0.2
global_holdout_share: 0.05
salt: spring-2023
margin_pct: 40
cost_per_contact: 0.25
`;

/** JSON text of a result, typed arrays as SHA-256 of their bytes and the computing times and stamps left out. */
function text(v: unknown): string {
  return JSON.stringify(v, (key, value: unknown) => {
    if (/computedAt$/i.test(key) || key === 'timeMs' || key === 'seconds') return undefined;
    if (ArrayBuffer.isView(value))
      return createHash('sha256')
        .update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
        .digest('hex');
    return value;
  });
}

/**
 * Each changed statement (as the reports run it) run `times` times on one engine: the names of
 * those whose result text changed between runs, with the run that differed. A report reads its
 * statement once, so this catches order-dependent sums that one pair of report runs can miss.
 */
async function unstableStatements(engine: Engine, campaignId: string, times: number): Promise<string[]> {
  const d: SqlDialect = engine.dialect;
  const { versions } = await readCampaign(engine, campaignId);
  // the acquired customers as the acquisition report's relation gives them: level and acquisition month
  await engine.exec(`CREATE TEMP TABLE test_lv AS SELECT customer_id, arg_min(channel, event_date) AS level,
  ${periodIndexSql(d, 'month', 'min(event_date)')} AS am FROM transactions GROUP BY customer_id`);
  const all = { from: null, to: null };
  const statements: [string, string][] = [
    ['acquisition revenue by month', revenueByMonthSql(d, 'SELECT * FROM test_lv', '2023-12-31')],
    ['trends monthly revenue', monthlyRevenueSql(d, { asOf: '2023-12-31' })],
    ['backtest outcomes', backtestOutcomesSql(d, { from: '2022-12-31', to: '2023-06-30' })],
    ['headroom spend', customerSpendSql(d, all)],
    ['item values', productValuesSql(d, all, costModel)],
    ['campaign outcomes', windowOutcomesSql(d, versions, '2023-03-01', '2023-04-30')],
    ['campaign base rates', baseRatesSql(d, versions, '2023-01-01', '2023-03-01')],
    ['migration matrix', transitionSql(d, '2022-12-31', '2023-06-30', 'value_tier')],
  ];
  // the rows as sorted JSON lines: values are compared, not the order of a statement without ORDER BY
  const result = async (sql: string): Promise<string> =>
    (await engine.rows(sql))
      .map((r) => JSON.stringify(r))
      .sort()
      .join('\n');
  const unstable: string[] = [];
  for (const [name, sql] of statements) {
    const first = await result(sql);
    assert.ok(first.length > 40, `${name} returned rows: ${first.slice(0, 300)}`);
    for (let k = 1; k < times; k++)
      if ((await result(sql)) !== first) {
        unstable.push(`${name} (run ${k + 1} of ${times})`);
        break;
      }
  }
  return unstable;
}

/** The reports whose money sums this test is about, from one fresh engine with `THREADS` threads. */
async function reports(file: string, statementRuns = 0): Promise<Record<string, string>> {
  const engine = createDuckDbEngine({ threads: THREADS });
  try {
    await ensureWorkspace(engine);
    await ingestFile(engine, file, {
      mapping: { order: 'order_id', customer: 'customer_id', date: 'date', amount: 'amount', product: 'product_id', channel: 'channel' },
    });
    await ingestInputFile(engine, 'spend', spend);
    const a = new Analysis(engine, { costModel, validateAt: '2022-06-30' });
    const out: Record<string, string> = {};
    out.acquisition = text(await acquisitionStage(a, { bootstrap: 200 }));
    out.trends = text(await a.retentionTrends());
    out.backtest = text(await a.retentionBacktest({ calibrationEnd: '2022-12-31', holdoutEnd: '2023-06-30', model: 'bg-nbd' }));
    out.headroom = text(await a.headroom());
    out.offers = text(await a.offers());
    const { campaign } = await createCampaign(engine, parseCampaign(CAMPAIGN));
    out.campaign = text(await campaignResults(engine, campaign.id, { bootstrap: { resamples: 200, seed: 7 } }));
    for (const day of ['2022-12-31', '2023-06-30']) await ensureSnapshot(engine, day);
    out.migration = text(await migrateSnapshots(engine, { from: '2022-12-31', to: '2023-06-30' }));
    if (statementRuns > 0) out.unstable = JSON.stringify(await unstableStatements(engine, campaign.id, statementRuns));
    return out;
  } finally {
    await engine.close();
  }
}

/** Lists the keys whose text differs, with the first differing position, so a failure says where. */
function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => {
    const x = a[k] ?? '(missing)';
    const y = b[k] ?? '(missing)';
    if (x === y) return [];
    let i = 0;
    while (x[i] === y[i]) i++;
    return [`${k} at ${i}: ${x.slice(Math.max(0, i - 60), i + 40)}  ≠  ${y.slice(Math.max(0, i - 60), i + 40)}`];
  });
}

test('determinism: acquisition, trends, backtest, headroom, offers, campaign results and migration are byte-identical run to run', {
  timeout: 300_000,
}, async () => {
  await generateSyntheticLog(csv, { rows: 250_000, customers: 16_000, seed: 18 });
  const first = await reports(csv, 6);
  assert.deepEqual(JSON.parse(first.unstable!), [], 'statements whose result changed between runs on one engine');
  delete first.unstable;
  // every report ran (a stage that could not run would compare equal without testing anything)
  for (const [name, t] of Object.entries(first)) {
    assert.ok(t.length > 200, `${name} produced a report: ${t.slice(0, 200)}`);
    assert.ok(!t.includes('"status":"missing"') && !t.includes('"status":"not_computed"'), `${name} ran: ${t.slice(0, 300)}`);
  }
  const second = await reports(csv);
  assert.deepEqual(differences(first, second), [], 'two runs on the same log differ');
});
