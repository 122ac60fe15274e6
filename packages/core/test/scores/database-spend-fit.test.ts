// The Gamma-Gamma fit from sums per distinct x (src/scores/database-spend-fit.ts, issue 16 must-have 3)
// on DuckDB: the same fit as `fitGammaGamma` on the pulled (x, m̄ₓ) pairs (1e-6 relative in p, q, γ,
// 1e-9 in LL; they differ only in summation order), the correlation warning where the pairs give it,
// the series that spares queries exact to rounding, and γ written into SQL bit for bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { gammaSumsNear, type GammaSumsCenter } from '../../src/models/gamma-gamma/gamma-sums-series.js';
import { exactDoubleSql } from '../../src/scores/database-spend-sql.js';
import { scoreInDatabase } from '../../src/scores/score-in-database.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { CDNOW_ELOG, CDNOW_OPTIONS } from '../helpers/cdnow-engines.js';
import { assertSameSpendFit } from '../helpers/spend-fit.js';
import { tempDir } from '../helpers/temp-dir.js';

const CAL = { period: 'week' as const, calibrationEnd: '1997-09-30' };

test('DuckDB: the Gamma-Gamma fit from sums per x is the fit on the pulled pairs (CDNOW), in a few queries', async () => {
  const duck = createDuckDbEngine();
  try {
    await ingestFile(duck, CDNOW_ELOG, CDNOW_OPTIONS);
    const s = await scoreInDatabase(duck, {
      ...CAL,
      model: 'bg-nbd',
      spendModel: 'gamma-gamma',
      margin: 1,
      horizon: 52,
      annualDiscountRate: 0.1,
      into: 's',
    });
    await assertSameSpendFit(s, duck, CAL, 'CDNOW');
    // Fader & Hardie 2013: p 6.25, q 3.74, γ 15.44; CDNOW's repeat buyers have 22 distinct x
    assert.equal(s.spendFitReads.distinctX, 22);
    assert.equal(s.spendFitReads.rows, 22 * (1 + s.spendFitReads.gammas));
    // one query per γ fetched (the two starts' together) and the statistics: far fewer than the 54 evaluations
    assert.equal(s.spendFitReads.queries, s.spendFitReads.gammas);
    assert.ok(s.spendFitReads.queries <= 15, `queries ${s.spendFitReads.queries}`);
    assert.equal(s.spendFit!.diagnostics.evaluations, 54);
  } finally {
    await duck.close();
  }
});

test('DuckDB: the correlation warning appears from the sums per x as from the pairs', async () => {
  // spend per purchase grows with the number of repeat purchases: corr(x, m̄ₓ) ≫ 0.3
  const lines = ['customer,date,amount'];
  for (let c = 0; c < 300; c++) {
    const x = 1 + (c % 6);
    for (let j = 0; j <= x; j++) {
      const day = 1 + j * (5 + (c % 4));
      lines.push(
        `c${c},2020-01-${String(day).padStart(2, '0')},${((5 + ((c * 37) % 50)) * (1 + 0.6 * x) + ((c * 7 + j * 3) % 11)).toFixed(2)}`,
      );
    }
  }
  const file = join(tempDir('cvm-gg-corr-'), 'log.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const duck = createDuckDbEngine();
  try {
    await ingestFile(duck, file, { mapping: { customer: 'customer', date: 'date', amount: 'amount' } });
    const o = { period: 'day' as const, calibrationEnd: '2020-03-01' };
    const s = await scoreInDatabase(duck, {
      ...o,
      model: 'bg-nbd',
      spendModel: 'gamma-gamma',
      margin: 1,
      horizon: 30,
      annualDiscountRate: 0.1,
      into: 's',
    });
    assert.ok(
      s.spendFit!.warnings.some((w) => w.includes('frequency and mean spend are correlated')),
      s.spendFit!.warnings.join('\n'),
    );
    await assertSameSpendFit(s, duck, o, 'correlated spend');
  } finally {
    await duck.close();
  }
});

test('gammaSumsNear: the sums at γ expanded from γ₀ equal the direct sums to rounding, and refuse beyond 5%', () => {
  const x = 3,
    ms = [0.5, 2, 7.25, 30, 110, 1e-4],
    g0 = 15.4;
  const direct = (g: number) => {
    let a = 0,
      b = 0,
      d = 0,
      e = 0;
    for (const m of ms) {
      const xm = x * m;
      a += Math.log1p(xm / g);
      b += Math.log(g + xm);
      d += xm / (g + xm);
      e += 1 / (g + xm);
    }
    return { a, b, d, e };
  };
  const d0 = direct(g0);
  const c: GammaSumsCenter = { gamma: g0, a: Float64Array.of(d0.a), b: Float64Array.of(d0.b), s: [], t: [] };
  for (let k = 1; k <= 13; k++) {
    c.s.push(Float64Array.of(ms.reduce((s, m) => s + (g0 + x * m) ** -k, 0)));
    c.t.push(Float64Array.of(ms.reduce((s, m) => s + x * m * (g0 + x * m) ** -k, 0)));
  }
  const n = Float64Array.of(ms.length);
  for (const g of [g0 * 1.0499, g0 * 0.951, g0 * (1 + 1e-7), g0 * 1.01]) {
    const got = gammaSumsNear(c, g, n)!;
    const want = direct(g);
    for (const k of ['a', 'b', 'd', 'e'] as const)
      assert.ok(Math.abs(got[k][0]! - want[k]) <= 1e-14 * Math.abs(want[k]), `γ ${g} ${k}: series ${got[k][0]}, direct ${want[k]}`);
  }
  assert.equal(gammaSumsNear(c, g0 * 1.051, n), null);
  assert.equal(gammaSumsNear(c, g0 * 0.94, n), null);
});

test('exactDoubleSql: γ reaches DuckDB bit for bit', async () => {
  const duck = createDuckDbEngine();
  try {
    const vs = [15.443521043243749, 1 / 3, Math.exp(-29.9), Math.exp(29.9), 16.000000000000004, 1, 2 ** -80 * 1.2345];
    for (const v of vs) {
      const [r] = await duck.rows<{ v: number }>(`SELECT ${exactDoubleSql(duck.dialect, v)} AS v`);
      assert.ok(Object.is(Number(r!.v), v), `${v}: got ${r!.v}`);
    }
  } finally {
    await duck.close();
  }
});
