// The holdout validation's outputs on CDNOW checked number by number: the actual tracking curve
// against BTYD's published weekly cumulative repeat transactions, and the BG/NBD predictions (per
// customer, by frequency, aggregate, MAE/RMSE, the predicted tracking curve) against an independent
// implementation of Fader, Hardie & Lee (2005) eqs. 9-10 written here with stdlib's hyp2f1 (cvm's
// models use their own log-space series), evaluated at the parameters cvm fitted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import stdlibHyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { summarize } from '../../src/summary/summary.js';
import { validateOnHoldout } from '../../src/validation/validate.js';
import { FREQUENCY_BUCKETS } from '../../src/validation/holdout.js';
import { assertClose } from '../helpers/assert-close.js';
import { dataPath, readNumericCsv } from '../helpers/read-csv.js';

type P = { r: number; alpha: number; a: number; b: number };

/** FHL (2005) eq. 9: E[X(t)] for a customer just acquired. */
function expectedNew({ r, alpha, a, b }: P, t: number): number {
  return ((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * stdlibHyp2f1(r, b, a + b - 1, t / (alpha + t)));
}

/** FHL (2005) eq. 10: E[Y(t) | x, tx, T]. */
function conditional({ r, alpha, a, b }: P, t: number, x: number, tx: number, T: number): number {
  const num =
    ((a + b + x - 1) / (a - 1)) *
    (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * stdlibHyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
  const den = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return num / den;
}

test('CDNOW holdout validation: tracking, by-frequency, aggregate, MAE/RMSE and recommendation checked numerically', async () => {
  const engine = createDuckDbEngine();
  await ingestFile(engine, dataPath('cdnow/cdnow_sample_elog.csv'), {
    mapping: { customer: 'sampleid', quantity: 'cds', amount: 'sales', date: 'date' },
  });
  const v = await validateOnHoldout(engine, { period: 'week', calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
  const s = await summarize(engine, { period: 'week', calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' });
  await engine.close();
  assert.equal(v.customers, 2357);
  assert.equal(v.holdoutPeriods, 39);

  // actual tracking curve = BTYD's published cu.tracking, week by week (exact counts)
  const published = readNumericCsv(dataPath('cdnow/cdnow_sample_weekly_cum_repeat_transactions.csv'));
  const bg = v.models.find((m) => m.model === 'bg-nbd')!;
  assert.equal(bg.tracking.period.length, 78);
  assert.equal(bg.tracking.calibrationPeriods, 39);
  for (let k = 0; k < 78; k++)
    assert.equal(
      bg.tracking.actualCumulative[k],
      published.cum_repeat_transactions![k],
      `actual cumulative repeat purchases, week ${k + 1} (BTYD cu.tracking)`,
    );
  assert.equal(bg.aggregate.actual, 1882, 'holdout repeat purchases (BTYD: Σ x.star = 1,882)');

  // BG/NBD predictions from the independent formulas at cvm's fitted parameters
  const p = bg.fit.params as P;
  const n = s.length;
  const buckets = FREQUENCY_BUCKETS.map(() => ({ n: 0, a: 0, p: 0 }));
  let total = 0,
    abs = 0,
    sq = 0;
  for (let i = 0; i < n; i++) {
    const e = conditional(p, 39, s.frequency[i]!, s.recency[i]!, s.T[i]!);
    const y = s.frequencyHoldout![i]!;
    const bk = buckets[Math.min(7, s.frequency[i]!)]!;
    bk.n++;
    bk.a += y;
    bk.p += e;
    total += e;
    abs += Math.abs(e - y);
    sq += (e - y) ** 2;
  }
  assertClose(bg.aggregate.predicted, total, 1e-9, 'aggregate predicted holdout purchases vs FHL eq. 10 summed', true);
  assertClose(bg.aggregate.relativeError, (total - 1882) / 1882, 1e-9, 'aggregate relative error', true);
  assertClose(bg.mae, abs / n, 1e-9, 'MAE vs independent per-customer errors', true);
  assertClose(bg.rmse, Math.sqrt(sq / n), 1e-9, 'RMSE vs independent per-customer errors', true);
  bg.byFrequency.forEach((row, k) => {
    assert.equal(row.customers, buckets[k]!.n, `customers with x = ${row.frequency}`);
    assertClose(row.actual, buckets[k]!.a / buckets[k]!.n, 1e-12, `mean actual holdout purchases, x = ${row.frequency}`, true);
    assertClose(
      row.predicted,
      buckets[k]!.p / buckets[k]!.n,
      1e-9,
      `mean predicted holdout purchases, x = ${row.frequency} (FHL eq. 10)`,
      true,
    );
  });

  // predicted tracking: Σ_i E[X(week − birth_i)] (FHL eq. 9), births in weeks after 1997-01-01
  let start = Infinity;
  for (const d of s.firstPurchase) start = Math.min(start, d);
  let mape = 0;
  for (const week of [1, 10, 39, 40, 60, 78]) {
    let e = 0;
    for (let i = 0; i < n; i++) {
      const birth = (s.firstPurchase[i]! - start) / 7;
      if (week > birth) e += expectedNew(p, week - birth);
    }
    assertClose(
      bg.tracking.predictedCumulative[week - 1]!,
      e,
      1e-9,
      `predicted cumulative repeat purchases, week ${week} (FHL eq. 9)`,
      true,
    );
  }
  for (let k = 39; k < 78; k++)
    mape += Math.abs(bg.tracking.predictedCumulative[k]! - bg.tracking.actualCumulative[k]!) / bg.tracking.actualCumulative[k]!;
  assertClose(bg.trackingMape, mape / 39, 1e-12, 'tracking MAPE over the 39 holdout weeks', true);
  // the documented verdict rule: poor above 20%, fair above 10% (aggregate error or tracking MAPE)
  const worst = Math.max(Math.abs(bg.aggregate.relativeError), bg.trackingMape);
  assert.equal(bg.verdict, worst > 0.2 ? 'poor' : worst > 0.1 ? 'fair' : 'good');

  // the documented recommendation rule: lowest MAE among converged, not-poor models whose fit is not
  // unreliable, those read without caution first; ties within 1% by BIC
  const candidates = v.models.filter((m) => m.fit.converged && m.verdict !== 'poor' && m.assessment.trust !== 'unreliable');
  const clean = candidates.filter((m) => m.assessment.trust === 'ok');
  const usable = clean.length ? clean : candidates;
  const best = [...usable].sort((x, y) =>
    Math.abs(x.mae - y.mae) <= 0.01 * Math.min(x.mae, y.mae) ? x.fit.bic - y.fit.bic : x.mae - y.mae,
  )[0];
  assert.equal(v.comparison.recommended, best?.model ?? null);
  assert.match(v.comparison.reason, new RegExp(`MAE ${best!.mae.toFixed(4)}`));

  // issue 17: the holdout band of the tracking curve starts at week 40 (the calibration ends on the last
  // day of week 39), from the 2,457 calibration repeat purchases, and ends at Σ FHL eq. 10 (= the
  // aggregate forecast); CDNOW's actual 4,339 lies above BG/NBD's 90% band: the known ~12% under-prediction
  const band = bg.tracking.band!;
  assert.equal(band.firstPeriod, 40);
  assert.equal(band.cumulative.length, 39);
  assertClose(band.cumulative[38]!, 2457 + total, 1e-6, 'band centre at week 78 vs 2,457 + Σ FHL eq. 10', true);
  assertClose(
    band.incremental.reduce((a, b) => a + b, 0),
    total,
    1e-6,
    'weekly forecasts add up to the holdout forecast',
    true,
  );
  assert.ok(
    band.cumulativeHi[38]! < 4339,
    `BG/NBD's band at week 78 [${band.cumulativeLo[38]}, ${band.cumulativeHi[38]}] should miss the actual 4,339 from below`,
  );
  // MBG/CNBD-k's band is simulated (tracking-band-simulated.ts): same start, centred on its own aggregate forecast
  const regular = v.models.find((m) => m.model === 'mbg-cnbd-k')!;
  const rb = regular.tracking.band!;
  assert.equal(rb.firstPeriod, 40);
  assertClose(
    rb.cumulative[38]!,
    2457 + regular.aggregate.predicted,
    1e-9,
    'MBG/CNBD-k band centre at week 78 vs its aggregate forecast',
    true,
  );
  assert.ok(rb.cumulativeLo[38]! < rb.cumulative[38]! && rb.cumulative[38]! < rb.cumulativeHi[38]!, 'MBG/CNBD-k centre inside its band');
  assert.match(rb.method, /simulated cohorts/);
});
