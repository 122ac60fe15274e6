// Scoring in the database (issue 16, must-have 3; src/scores/score-in-database.ts): the count-model
// scores per distinct (x, t_x, T) pattern in Node, joined back and finished per customer in SQL on
// each shard. Checked per customer against the Node scoring (`scoreCountModel` + the spend model)
// with the same parameters: the same doubles on DuckDB (historic spend 1e-12), 1e-9 relative on the 2-shard 18.16 cluster
// and chDB; and what reaches Node does not grow with customers (a log whose every customer is
// copied three times under new ids moves exactly the same rows).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine } from '../../../src/engine/engine.js';
import { COUNT_MODEL_REGISTRY, type CountModelName } from '../../../src/models/count-models.js';
import { gammaGammaExpectedSpend } from '../../../src/models/gamma-gamma/predict.js';
import { PERIODS_PER_YEAR, scoreCountModel } from '../../../src/scores/clv.js';
import { scoreInDatabase, type DatabaseScores } from '../../../src/scores/score-in-database.js';
import { estimateSpend } from '../../../src/scores/spend.js';
import { summarize } from '../../../src/summary/summary.js';
import { createDuckDbEngine } from '../../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../../../src/transactions/ingest.js';
import { ingestFileToClickHouse } from '../../../src/engine/clickhouse/clickhouse-ingest.js';
import { CDNOW_ELOG, CDNOW_OPTIONS, sameLogOnBoth, syntheticOnBoth } from '../../helpers/cdnow-engines.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { assertSameSpendFit } from '../../helpers/spend-fit.js';
import { copiedCdnow } from '../../helpers/copied-cdnow.js';

const CAL = { period: 'week' as const, calibrationEnd: '1997-09-30' };
const COLS = ['p_alive', 'expected_purchases', 'expected_spend', 'clv', 'frequency', 'recency', 'T', 'monetary_value'] as const;

/** The scores table, read back in customer order. */
async function readScores(engine: Engine, table: string) {
  const cols = COLS.map((c) => `"${c}"`).join(', ');
  return engine.columns(
    `SELECT customer_id, ${cols} FROM ${table} ORDER BY ${engine.dialect.customerOrder('customer_id')}`,
    Object.fromEntries([['customer_id', 'string'], ...COLS.map((c) => [c, 'f64'])]),
  );
}

/**
 * Every customer's scores in `table` against the Node scoring of `reference`'s per-customer summary
 * with the parameters of `s` (relative tolerance `tol`; 0 = the same doubles).
 */
async function assertSameAsNode(
  scored: Engine,
  reference: Engine,
  s: DatabaseScores,
  o: {
    model: CountModelName;
    spendModel: 'gamma-gamma' | 'historic';
    margin: number;
    calibrationEnd?: string;
    period?: 'day' | 'week';
    horizon?: number;
  },
  tol: number,
  what: string,
): Promise<void> {
  const period = o.period ?? 'week';
  const sum = await summarize(reference, { period, calibrationEnd: o.calibrationEnd });
  const data = { x: sum.frequency, tx: sum.recency, T: sum.T };
  const spend =
    o.spendModel === 'gamma-gamma'
      ? gammaGammaExpectedSpend(s.spendFit!.params as { p: number; q: number; gamma: number }, sum.frequency, sum.monetaryValue)
      : estimateSpend({ x: sum.frequency, mx: sum.monetaryValue }, sum.customerId, 'historic').expectedSpend;
  const node = scoreCountModel(COUNT_MODEL_REGISTRY[o.model], s.fit.params, data, {
    horizon: o.horizon ?? 52,
    annualDiscountRate: 0.1,
    periodsPerYear: PERIODS_PER_YEAR[period],
    spend,
    margin: o.margin,
  });
  const got = await readScores(scored, s.table);
  assert.equal(got.length, sum.length, `${what}: customers`);
  assert.equal(s.customers, sum.length, `${what}: customers reported`);
  const expected: Record<(typeof COLS)[number], Float64Array> = {
    p_alive: node.pAlive,
    expected_purchases: node.expectedPurchases,
    expected_spend: spend,
    clv: node.clv,
    frequency: sum.frequency,
    recency: sum.recency,
    T: sum.T,
    monetary_value: sum.monetaryValue,
  };
  let total = 0;
  for (let i = 0; i < sum.length; i++) {
    assert.equal(got.strings.customer_id![i], sum.customerId[i], `${what}: customer ${i}`);
    total += node.clv[i]!;
    for (const c of COLS) {
      const a = got.f64[c]![i]!,
        e = expected[c][i]!;
      const ok = tol === 0 ? Object.is(a, e) : Math.abs(a - e) <= tol * Math.abs(e) + 1e-300;
      assert.ok(ok, `${what}: customer ${sum.customerId[i]} ${c}: SQL ${a}, Node ${e}, tolerance ${tol} relative`);
    }
  }
  assert.ok(Math.abs(s.totalClv - total) <= 1e-9 * Math.abs(total), `${what}: total CLV ${s.totalClv} vs Node ${total}`);
}

test('DuckDB: scores in SQL are the Node scores (the same doubles with Gamma-Gamma) for the three count models and both spend models', async () => {
  const duck = createDuckDbEngine();
  try {
    await ingestFile(duck, CDNOW_ELOG, CDNOW_OPTIONS);
    for (const [model, spendModel, margin] of [
      ['bg-nbd', 'gamma-gamma', 1],
      ['pareto-nbd', 'historic', 0.3],
      ['mbg-nbd', 'gamma-gamma', 0.25],
    ] as const) {
      const o = { ...CAL, model, spendModel, margin, horizon: 52, annualDiscountRate: 0.1, into: 'cvm_scores' };
      const s = await scoreInDatabase(duck, o);
      assert.equal(s.patterns, 1016, 'CDNOW (x, t_x, T) patterns');
      // historic: the mean over repeat buyers is a weighted sum over (x, m̄ₓ) patterns, not a sum over customers (1e-12)
      await assertSameAsNode(duck, duck, s, o, spendModel === 'historic' ? 1e-12 : 0, `duckdb ${model}/${spendModel}`);
    }
  } finally {
    await duck.close();
  }
});

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: CDNOW scored in SQL on ClickHouse equals the Node scores per customer (1e-9 relative)`, async (t) => {
    const both = await sameLogOnBoth(t, backend);
    if (!both) return;
    try {
      for (const [model, spendModel, margin, period, horizon] of [
        ['bg-nbd', 'gamma-gamma', 1, 'week', 52],
        ['pareto-nbd', 'historic', 0.3, 'week', 52],
        // daily periods: recency and T are whole days (integers in the summary), joined as doubles
        ['bg-nbd', 'gamma-gamma', 0.5, 'day', 365],
      ] as const) {
        const o = { ...CAL, model, spendModel, margin, period, horizon, annualDiscountRate: 0.1, into: 'cvm_scores' };
        const s = await scoreInDatabase(both.ch, o);
        await assertSameAsNode(both.ch, both.duck, s, o, 1e-9, `${backend} ${model}/${spendModel}/${period}`);
        // Gamma-Gamma fitted on the shards from sums per x: the fit on the (x, m̄ₓ) pairs pulled from DuckDB
        if (spendModel === 'gamma-gamma') await assertSameSpendFit(s, both.duck, o, `${backend} ${period}`);
      }
    } finally {
      await both.done();
    }
  });

  test(`${backend}: a synthetic log with returns scored in SQL equals the Node scores per customer`, async (t) => {
    const both = await syntheticOnBoth(t, backend);
    if (!both) return;
    try {
      const o = { period: 'week' as const, model: 'bg-nbd' as const, spendModel: 'gamma-gamma' as const, margin: 0.4 };
      const s = await scoreInDatabase(both.ch, { ...o, horizon: 52, annualDiscountRate: 0.1, into: 'scores_synth' });
      await assertSameAsNode(both.ch, both.duck, s, o, 1e-9, `${backend} synthetic`);
      await assertSameSpendFit(s, both.duck, o, `${backend} synthetic`);
      // the same on DuckDB, the same doubles as Node
      const d = await scoreInDatabase(both.duck, { ...o, horizon: 52, annualDiscountRate: 0.1, into: 'scores_synth' });
      await assertSameAsNode(both.duck, both.duck, d, o, 0, 'duckdb synthetic');
      await assertSameSpendFit(d, both.duck, o, 'duckdb synthetic');
    } finally {
      await both.done();
    }
  });
}

interface Moved {
  rows: number;
  bytes: number;
  customers: number;
  patterns: number;
  spend: DatabaseScores['spendFitReads'];
}

async function rowsMoved(t: TestContext, backend: ClickHouseBackend, k: number): Promise<Record<'gamma-gamma' | 'historic', Moved> | null> {
  const opened = await openTestClickHouse(t, backend);
  if (!opened) return null;
  try {
    await ingestFileToClickHouse(opened.engine, copiedCdnow(k), CDNOW_OPTIONS);
    const out: Record<string, Moved> = {};
    for (const spendModel of ['gamma-gamma', 'historic'] as const) {
      const before = { ...opened.engine.stats };
      const o = { ...CAL, model: 'bg-nbd' as const, spendModel, margin: 1, horizon: 52, annualDiscountRate: 0.1, into: 'scores' };
      const s = await scoreInDatabase(opened.engine, o);
      out[spendModel] = {
        rows: opened.engine.stats.rowsReceived - before.rowsReceived,
        bytes: opened.engine.stats.bytesReceived - before.bytesReceived,
        customers: s.customers,
        patterns: s.patterns,
        spend: s.spendFitReads,
      };
    }
    return out as Record<'gamma-gamma' | 'historic', Moved>;
  } finally {
    await opened.drop();
  }
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: the rows moved to Node grow with distinct patterns, not customers`, async (t) => {
    const one = await rowsMoved(t, backend, 1);
    if (!one) return;
    const three = (await rowsMoved(t, backend, 3))!;
    for (const m of ['gamma-gamma', 'historic'] as const) {
      const a: Moved = one[m];
      const b: Moved = three[m];
      t.diagnostic(
        `${m}: rows/bytes to Node: ${a.customers} customers ${a.rows}/${a.bytes}, ${b.customers} customers ${b.rows}/${b.bytes}; ` +
          `spend fit ${a.spend.queries}/${b.spend.queries} queries, ${a.spend.rows}/${b.spend.rows} rows, ${a.spend.distinctX}/${b.spend.distinctX} distinct x`,
      );
      assert.equal(b.customers, 3 * a.customers);
      // besides the spend fit, the same rows: the (x, t_x, T) patterns plus a few one-row answers (period, returns, table checks, totals)
      assert.equal(b.rows - b.spend.rows, a.rows - a.spend.rows, `${m}: rows received besides the spend fit with 3× the customers`);
      assert.ok(a.rows - a.spend.rows <= a.patterns + 10, `${m}: rows received ${a.rows} vs ${a.patterns} patterns`);
    }
    // historic: one row of sums
    assert.equal(three.historic.rows, one.historic.rows);
    // Gamma-Gamma: one row per distinct x (CDNOW: 22) for the statistics and per γ fetched, though the
    // copies' spends make 3× the distinct (x, m̄ₓ)
    for (const r of [one['gamma-gamma'], three['gamma-gamma']]) {
      assert.equal(r.spend.distinctX, 22);
      assert.equal(r.spend.rows, 22 * (1 + r.spend.gammas));
      assert.ok(r.spend.queries <= 15, `spend fit queries ${r.spend.queries}`);
    }
    // historic needs no (x, m̄ₓ): only the (x, t_x, T) patterns (CDNOW: 1,016) reach Node
    assert.ok(one.historic.rows < 1016 + 10 && one.historic.rows >= 1016, `historic: ${one.historic.rows} rows`);
  });
}
