// The retention stage of an analysis on the CDNOW sample plus named edge cases (a customer whose
// first purchase is the as-of day, T = 0; one who returned everything; a one-time buyer; one acquired
// since the lookback day): no NaN anywhere, sensible labels, value if alive consistent with the main
// scoring (CLV = P(alive) × value if alive), reasons with the customer's own numbers, and the two
// lists served from the customer table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Analysis,
  openWorkspace,
  ingestFile,
  tablePage,
  tableQuerySchema,
  retentionListTable,
  type Engine,
  type RetentionStage,
} from '../../src/index.js';
import { wholeAmount, wholePercent } from '../../src/retention/retention-reasons.js';
import { dataPath } from '../helpers/read-csv.js';
import { tempDir } from '../helpers/temp-dir.js';
import { assertAllFinite, assertClose } from '../helpers/assert-close.js';

let engine: Engine;
let analysis: Analysis;
let stage: RetentionStage;
let analysisIds: string[] = [];
const at = (id: string): number => {
  const i = analysisIds.indexOf(id);
  assert.ok(i >= 0, `customer ${id} is in the summary`);
  return i;
};

before(async () => {
  engine = await openWorkspace();
  const mapping = { mapping: { customer: 'sampleid', quantity: 'cds' } };
  await ingestFile(engine, dataPath('cdnow/cdnow_sample_elog.csv'), mapping);
  const dir = tempDir('cvm-edge-');
  const extra = join(dir, 'edge.csv');
  writeFileSync(
    extra,
    [
      'masterid,sampleid,date,cds,sales',
      '0,9001,19980630,1,25.00', // first purchase on the as-of day: T = 0
      '0,9002,19980105,1,40.00', // bought …
      '0,9002,19980109,-1,-40.00', // … and returned everything
      '0,9003,19970315,1,12.00', // a one-time buyer from long ago
      '0,9004,19980510,2,30.00', // acquired after the lookback day (1998-04-01)
      '0,9004,19980601,1,15.00',
    ].join('\n') + '\n',
  );
  await ingestFile(engine, extra, mapping);
  analysis = new Analysis(engine, { validateAt: '1997-09-30' });
  stage = await analysis.retention();
  analysisIds = (await analysis.overview()).summary.customerId;
});
after(async () => engine?.close());

test('no NaN in any retention score, for every customer including the edge cases', () => {
  const r = stage.scores;
  assert.equal(
    r.length,
    2360,
    'CDNOW 2,357 + edge cases 9001, 9003, 9004 (9002 returned everything: not a customer after returns netting)',
  );
  for (const k of [
    'pAlive',
    'pAliveBefore',
    'pReturn',
    'pReturnBefore',
    'riskScore',
    'daysSilent',
    'rhythmDays',
    'overdue',
    'nextDays',
    'nextLowDays',
    'nextHighDays',
    'valueIfAlive',
    'valueAtRisk',
    'valueAtRiskBefore',
  ] as const) {
    assertAllFinite(r[k], k);
  }
  for (let i = 0; i < r.length; i++) {
    assert.ok(r.pReturn[i]! >= 0 && r.pReturn[i]! <= r.pAlive[i]! + 1e-15, `P(return) ≤ P(alive) at ${i}`);
    assert.ok(r.nextLowDays[i]! < r.nextDays[i]! && r.nextDays[i]! < r.nextHighDays[i]!, `interval brackets the median at ${i}`);
    assert.ok(r.valueAtRisk[i]! >= 0);
  }
});

test('edge cases get sensible labels: T = 0, everything returned, one-time buyer, acquired since the lookback day', async () => {
  const r = stage.scores;
  const seg = await analysis.segmentation();
  const stageOf = (id: string) => seg.lifecycle.stage[seg.customerId.indexOf(id)];
  const t0 = at('9001');
  assert.equal(r.daysSilent[t0], 0);
  assert.equal(r.overdue[t0], 0);
  assert.equal(stageOf('9001'), 0, 'T = 0 is a new customer');
  assert.equal(r.list[t0], 0, 'a customer who bought today is on no list');
  // a customer who returned everything is no customer after returns netting (issue 21): no score, on no list
  assert.equal(analysisIds.indexOf('9002'), -1);
  const once = at('9003');
  assert.ok(r.daysSilent[once]! > 400 && r.risk[once] === 2, 'a one-time buyer silent 15 months is high risk');
  const since = at('9004');
  assert.equal(r.valueAtRiskBefore[since], 0, 'not a customer on the lookback day');
  // compared with the state of the first purchase day: the model's P(alive) at x = T = 0
  assert.ok(r.pAliveBefore[since]! > 0 && r.pAliveBefore[since]! <= 1);
});

test("value if alive × P(alive) = the main scoring's CLV (revenue basis, same horizon and discount)", async () => {
  const m = await analysis.models();
  assert.equal(m.status, 'ok');
  if (m.status !== 'ok') return;
  const r = stage.scores;
  for (let i = 0; i < r.length; i++) {
    assertClose(r.valueIfAlive[i]! * r.pAlive[i]!, m.scores.clv[i]!, 1e-9 * Math.max(1, m.scores.clv[i]!), `customer ${analysisIds[i]}`);
    if (r.valueAtRisk[i]! > 0) assertClose(r.valueAtRisk[i]!, (1 - r.pAlive[i]!) * r.valueIfAlive[i]!, 1e-9, `value at risk ${i}`);
  }
});

test("reasons carry the customer's own numbers", async () => {
  const { summary } = await analysis.overview();
  const r = stage.scores;
  let checked = 0;
  for (let i = 0; i < r.length && checked < 50; i++) {
    if (!r.list[i]) {
      assert.equal(stage.reason(i), '');
      continue;
    }
    const why = stage.reason(i)!;
    const days = summary.frequency[i]! + 1;
    assert.ok(
      why.startsWith(
        days === 1 ? `bought once (${wholeAmount(summary.netRevenue[i]!)})` : `spent ${wholeAmount(summary.netRevenue[i]!)} in `,
      ),
      why,
    );
    assert.ok(why.includes(`${Math.round(r.daysSilent[i]!)} days silent`), why);
    assert.ok(why.includes(wholePercent(r.pAlive[i]!)), why);
    assert.ok(why.includes(`chance of a purchase in the next 90 days`), why);
    checked++;
  }
  assert.equal(checked, 50);
  assert.equal(wholeAmount(1240.4), '1,240');
  assert.equal(wholeAmount(-1234567.6), '-1,234,568');
  assert.equal(wholePercent(0.004), '<1%');
});

test('the two lists are served from the customer table: members, order and counts', async () => {
  const customers = await analysis.customerTable();
  for (const [list, key, count] of [
    ['at_risk', 'value_at_risk', stage.report.lists.atRisk.customers],
    ['win_back', 'win_back_value', stage.report.lists.winBack.customers],
  ] as const) {
    const t = retentionListTable(customers, list);
    const page = await tablePage(engine, t, tableQuerySchema.parse({ pageSize: 1000 }));
    assert.equal(page.total, count, `${list} size`);
    assert.ok(count > 0, `${list} is not empty on CDNOW`);
    const v = page.columns.findIndex((c) => c.key === key);
    const why = page.columns.findIndex((c) => c.key === 'retention_reason');
    for (let k = 1; k < page.rows.length; k++)
      assert.ok((page.rows[k - 1]![v] as number) >= (page.rows[k]![v] as number), `${list} ranked by ${key}`);
    for (const row of page.rows) assert.ok(String(row[why]).length > 20);
    // a filter narrows the list with the customer table's syntax
    const gold = await tablePage(engine, t, tableQuerySchema.parse({ filter: ['value_tier:eq:Gold'] }));
    assert.ok(gold.total < count);
  }
  const stages = await engine.rows<{ s: string; n: number }>(
    "SELECT lifecycle_stage AS s, count(*) AS n FROM cvm_customers WHERE retention_list = 'win_back' GROUP BY 1",
  );
  assert.ok(
    stages.every((x) => x.s === 'lapsed' || x.s === 'churned'),
    'win-back holds only lapsed and churned customers',
  );
});

test('the report: value at risk by tier and stage adds up to the total; rules and units printed', () => {
  const rep = stage.report;
  assertClose(
    rep.byTierStage.reduce((s, c) => s + c.valueAtRisk, 0),
    rep.valueAtRisk.now,
    1e-6,
    'cells add to the total',
  );
  assert.equal(
    rep.byTierStage.reduce((s, c) => s + c.customers, 0),
    2360,
  );
  assert.equal(
    rep.risk.reduce((s, c) => s + c.customers, 0),
    2360,
  );
  assert.equal(rep.valueUnit, 'next 52 weeks, revenue');
  assert.ok(rep.rules.some((x) => x.includes('high when P(return) < 20%')));
});
