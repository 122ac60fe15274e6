// The customer table stores only what must be stored (issue 12's memory and time at 1M customers):
// P(alive) change and overdue are computed by SQL from stored columns when read, and the reasons in
// words are written per row read. On a generated demo business with returns and channels, what the
// table serves equals the stage's own arrays and texts, row by row: every page of both lists, a
// customer's row and the CSV export; sorting or filtering on the reasons is refused with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  Analysis,
  customerRow,
  openWorkspace,
  ingestFile,
  listReason,
  tablePage,
  tableCsvStream,
  tableQuerySchema,
  retentionListTable,
  retentionColumns,
  loadCustomerTable,
  InputError,
  COUNT_MODEL_REGISTRY,
  PERIODS_PER_YEAR,
  scoreCountModel,
  waitingTimeQuantile,
  type Engine,
  type RetentionStage,
  type ServedTable,
} from '../../src/index.js';
import type { CustomerSummary } from '../../src/summary/summary.js';
import { generateDemoBusiness } from '../../src/demo/demo.js';
import { tempDir } from '../helpers/temp-dir.js';

let engine: Engine;
let stage: RetentionStage;
let table: ServedTable;
let summary: CustomerSummary;
let analysis: Analysis;

before(async () => {
  const dir = tempDir('cvm-ret-read-');
  generateDemoBusiness(dir, { customers: 1500, seed: 7, signal: true });
  engine = await openWorkspace();
  await ingestFile(engine, join(dir, 'transactions.csv'));
  analysis = new Analysis(engine);
  stage = await analysis.retention();
  table = await analysis.customerTable();
  summary = (await analysis.overview()).summary;
});
after(async () => engine?.close());

test('P(alive) change and overdue are not stored; read through the table they equal the stage arrays', async () => {
  const stored = (
    await engine.rows<{ c: string }>(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'cvm_customers'`)
  ).map((r) => r.c);
  for (const k of ['p_alive_change', 'overdue', 'retention_reason']) assert.ok(!stored.includes(k), `${k} is not stored`);
  const b = await engine.columns(`SELECT p_alive_change, overdue FROM ${table.from} ORDER BY ord`, {
    p_alive_change: 'f64',
    overdue: 'f64',
  });
  const r = stage.scores;
  assert.equal(b.length, r.length);
  let positive = 0;
  for (let i = 0; i < r.length; i++) {
    const change = r.pAlive[i]! - r.pAliveBefore[i]!;
    assert.ok(
      Object.is(b.f64.p_alive_change![i], change),
      `P(alive) change of ${summary.customerId[i]}: ${b.f64.p_alive_change![i]} vs ${change}`,
    );
    assert.ok(Object.is(b.f64.overdue![i], r.overdue[i]), `overdue of ${summary.customerId[i]}: ${b.f64.overdue![i]} vs ${r.overdue[i]}`);
    if (r.overdue[i]! > 0 && change !== 0) positive++;
  }
  assert.ok(positive > 100, `${positive} customers with both values non-zero (the comparison must be exercised)`);
});

test("every list row's reasons, a customer's row and the CSV export carry the stage's reasons", async () => {
  const at = new Map(summary.customerId.map((id, i) => [id, i]));
  let rows = 0;
  for (const list of ['at_risk', 'win_back'] as const) {
    const t = retentionListTable(table, list);
    for (let page = 1; ; page++) {
      const p = await tablePage(engine, t, tableQuerySchema.parse({ page, pageSize: 1000 }));
      const id = p.columns.findIndex((c) => c.key === 'customer_id');
      const why = p.columns.findIndex((c) => c.key === 'retention_reason');
      assert.equal(p.columns[why]!.perRow, true, 'marked as written per row');
      for (const row of p.rows) {
        const i = at.get(String(row[id]))!;
        assert.ok(String(row[why]).length > 20);
        assert.equal(row[why], listReason(summary, stage.scores, i), `customer ${row[id]}`);
        rows++;
      }
      if (page >= p.pages) break;
    }
  }
  assert.equal(rows, stage.report.lists.atRisk.customers + stage.report.lists.winBack.customers);
  const listed = summary.customerId[stage.scores.list.indexOf(2)]!;
  const unlisted = summary.customerId[stage.scores.list.indexOf(0)]!;
  assert.equal((await customerRow(engine, table, listed))!.retention_reason, listReason(summary, stage.scores, at.get(listed)!));
  assert.equal((await customerRow(engine, table, unlisted))!.retention_reason, '');
  const csv = await new Response(tableCsvStream(engine, retentionListTable(table, 'win_back'), { filter: [] }, 100)).text();
  const lines = csv.trimEnd().split('\n');
  assert.equal(lines.length, stage.report.lists.winBack.customers + 1);
  const head = lines[0]!.split(',');
  assert.equal(head.at(-1), 'retention_reason');
  for (const line of lines.slice(1)) {
    const id = line.slice(0, line.indexOf(','));
    const reason = listReason(summary, stage.scores, at.get(id)!);
    assert.ok(line.endsWith(`,"${reason}"`) || line.endsWith(`,${reason}`), `${line} ends with ${reason}`);
  }
});

test('sorting or filtering on the reasons is refused with the reason (they are not stored)', async () => {
  for (const q of [{ sort: 'retention_reason' }, { filter: ['retention_reason:contains:silent'] }]) {
    await assert.rejects(
      tablePage(engine, table, tableQuerySchema.parse(q)),
      (e: unknown) => e instanceof InputError && /retention_reason is written when its row is read/.test(e.message),
    );
  }
});

test('overdue read through the table at the edges: no rhythm, an unknown rhythm or silence, an endless rhythm', async () => {
  // the demo has none of these, so they are set on a copy of the stage's arrays (definition: rhythm > 0 ? silent ÷ rhythm : 0)
  const r = stage.scores;
  const e = {
    ...r,
    rhythmDays: Float64Array.from(r.rhythmDays),
    daysSilent: Float64Array.from(r.daysSilent),
    overdue: Float64Array.from(r.overdue),
  };
  [e.rhythmDays[0], e.rhythmDays[1], e.daysSilent[2], e.rhythmDays[3], e.rhythmDays[4]] = [0, NaN, NaN, Infinity, -3];
  for (let k = 0; k < 5; k++) e.overdue[k] = e.rhythmDays[k]! > 0 ? e.daysSilent[k]! / e.rhythmDays[k]! : 0;
  const cols = [
    { key: 'p_alive', label: 'P(alive)', kind: 'probability' as const, values: r.pAlive },
    ...retentionColumns(e, stage.reason, stage.channel, stage.report.valueUnit),
  ];
  const t = await loadCustomerTable(engine, summary.customerId, cols);
  const b = await engine.columns(`SELECT overdue FROM ${t.from} ORDER BY ord LIMIT 5`, { overdue: 'f64' });
  assert.deepEqual(Array.from(b.f64.overdue!), [0, 0, NaN, 0, 0]);
  assert.deepEqual(Array.from(b.f64.overdue!), Array.from(e.overdue.subarray(0, 5)));
});

test('timing and value if alive, evaluated per distinct (x, T), equal the per-customer formulas exactly', async () => {
  const m = await analysis.models();
  assert.equal(m.status, 'ok');
  if (m.status !== 'ok') return;
  const r = stage.scores,
    o = r.options,
    p = m.report.params!;
  const per = summary.period === 'week' ? 7 : 1;
  const P = PERIODS_PER_YEAR[summary.period];
  // every customer scored as known alive at T (tₓ = T), as before the per-pair evaluation
  const s = scoreCountModel(
    COUNT_MODEL_REGISTRY[m.report.model!],
    p,
    { x: summary.frequency, tx: summary.T, T: summary.T },
    {
      horizon: Math.round(m.scores.horizonYears * P * 1e9) / 1e9,
      annualDiscountRate: m.scores.annualDiscountRate,
      periodsPerYear: P,
      spend: m.scores.expectedSpend,
      margin: 1,
    },
  );
  const [qm, qlo, qhi] = o.nextPurchaseQuantiles;
  for (let i = 0; i < r.length; i++) {
    const k = p.r! + summary.frequency[i]!,
      A = p.alpha! + summary.T[i]!;
    const id = summary.customerId[i];
    assert.ok(Object.is(r.nextDays[i], per * waitingTimeQuantile(k, A, qm!)), `median wait of ${id}`);
    assert.ok(Object.is(r.nextLowDays[i], per * waitingTimeQuantile(k, A, qlo!)), `low wait of ${id}`);
    assert.ok(Object.is(r.nextHighDays[i], per * waitingTimeQuantile(k, A, qhi!)), `high wait of ${id}`);
    assert.ok(
      Object.is(r.valueIfAlive[i], s.clv[i]! / s.pAlive[i]!),
      `value if alive of ${id}: ${r.valueIfAlive[i]} vs ${s.clv[i]! / s.pAlive[i]!}`,
    );
  }
});
