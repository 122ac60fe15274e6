// Issue 21, items 5 and 11: the main job scores only with a fit it can trust (else historic net
// revenue, labelled), carries the fits' doubts into its outputs, and one zero-spend customer no
// longer stops the spend model on the CDNOW master log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { InputError } from '../../src/errors.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { summarize } from '../../src/summary/summary.js';
import { runModelsWithScores, runOverview } from '../../src/pipeline.js';
import { runSegmentsReport } from '../../src/pipeline-segments.js';
import { predictCustomers } from '../../src/scores/predict.js';
import { fitGammaGamma } from '../../src/models/gamma-gamma/fit.js';
import { assertClose } from '../helpers/assert-close.js';
import { dataPath } from '../helpers/read-csv.js';
import { writeNoDropoutLog } from '../helpers/no-dropout-log.js';
import { logWorkspace } from '../cohorts/log-workspace.js';
import { tempDir } from '../helpers/temp-dir.js';

test('no trustworthy model: no CLV, a plain-words reason, top customers and tiers by historic net revenue', async () => {
  const engine = createDuckDbEngine();
  await ingestFile(engine, writeNoDropoutLog(tempDir(), 300, 4), { mapping: { customer: 'customer', date: 'date', amount: 'amount' } });
  const { summary } = await runOverview(engine, [], {}, { period: 'week' });
  const { report, scores } = await runModelsWithScores(engine, summary, { period: 'week' });
  assert.equal(scores, null);
  assert.equal(report.model, null);
  assert.equal(report.totalClv, null);
  assert.deepEqual(report.top, []);
  assert.ok(report.fallback);
  assert.equal(report.fallback.value, 'historic_net_revenue');
  assert.match(report.fallback.reason, /no customer ever seems to leave in this data, so P\(alive\) is not informative/);
  assert.match(report.fallback.reason, /The value shown is historic net revenue up to 2020-12-31, not a forecast\.$/);
  const best = Math.max(...summary.netRevenue);
  assert.equal(report.topHistoric[0]!.netRevenue, best);
  const seg = await runSegmentsReport(engine, { asOf: summary.calibrationEnd, scores });
  assert.equal(seg.valueKind, 'historic');
  assert.deepEqual(seg.valueWarnings, []);
  await engine.close();
});

test('an unreliable Gamma-Gamma fit: spend "auto" falls back to each customer\'s historic mean and says why', async () => {
  const engine = createDuckDbEngine();
  await ingestFile(engine, writeNoDropoutLog(tempDir(), 300, 4), { mapping: { customer: 'customer', date: 'date', amount: 'amount' } });
  const s = await summarize(engine, { period: 'week' });
  await engine.close();
  const p = predictCustomers(
    { x: s.frequency, tx: s.recency, T: s.T, mx: s.monetaryValue, customerId: s.customerId },
    { model: 'bg-nbd', spendModel: 'auto', horizon: 52, period: 'week', annualDiscountRate: 0.1, margin: 1 },
  );
  assert.equal(p.spendFit, null);
  assert.ok(
    p.warnings.some((w) =>
      /^Gamma-Gamma fit unreliable: spend per purchase looks alike .*Expected spend is therefore each customer's own mean repeat spend \(historic\)/.test(
        w,
      ),
    ),
    p.warnings.join('\n'),
  );
  assert.ok(p.warnings.some((w) => /^BG\/NBD fit unreliable: no customer ever seems to leave/.test(w)));
  for (let i = 0; i < s.length; i++) if (s.frequency[i]! > 0) assert.equal(p.expectedSpend[i], s.monetaryValue[i]);
});

test('CDNOW master: the customer whose repeat purchases average 0 is left out of the spend fit by id, and everyone is scored', async () => {
  const engine = createDuckDbEngine();
  await ingestFile(engine, dataPath('cdnow/cdnow_master_elog.csv'), {
    mapping: { customer: 'customer_id', date: 'date', amount: 'sales' },
  });
  const s = await summarize(engine, { period: 'week', calibrationEnd: '1997-09-30' });
  await engine.close();
  const p = predictCustomers(
    { x: s.frequency, tx: s.recency, T: s.T, mx: s.monetaryValue, customerId: s.customerId },
    { model: 'bg-nbd', horizon: 52, period: 'week', annualDiscountRate: 0.1, margin: 1 },
  );
  assert.deepEqual(p.zeroSpend, { count: 1, customerIds: ['10244'] });
  assert.match(p.notes[0]!, /1 customer whose repeat purchases average 0 was left out of the spend fit \(customer 10244\)/);
  // independent: the same fit with that customer removed from the data
  const keep = s.customerId.map((_, i) => i).filter((i) => s.customerId[i] !== '10244');
  const ref = fitGammaGamma({
    x: Float64Array.from(keep, (i) => s.frequency[i]!),
    mx: Float64Array.from(keep, (i) => s.monetaryValue[i]!),
  });
  for (const k of ['p', 'q', 'gamma'] as const)
    assertClose(p.spendFit!.params[k]!, ref.params[k], 1e-12, `${k}: fit without customer 10244`, true);
  const i = s.customerId.indexOf('10244');
  const { p: pp, q, gamma } = ref.params;
  assertClose(
    p.expectedSpend[i]!,
    (pp * gamma) / (pp * s.frequency[i]! + q - 1),
    1e-12,
    'E[M | x, m̄ = 0] = pγ/(px + q − 1) (Fader & Hardie 2013 eq. 5)',
    true,
  );
  assert.ok(p.clv.every((v) => Number.isFinite(v)));
});

test('a log too small for the models is refused by the models stage alone, with the shortfall', async () => {
  const engine = await logWorkspace(['1,2020-01-01,10', '1,2020-02-01,20', '2,2020-01-05,5', '3,2020-03-01,7']);
  const { summary } = await runOverview(engine, [], {}, {});
  await assert.rejects(
    runModelsWithScores(engine, summary, { period: 'week' }),
    (e: unknown) =>
      e instanceof InputError &&
      e.code === 'too_few_customers_for_models' &&
      /need at least 100 customers, 20 of them with a repeat purchase; this log has 3 customers \(1 repeat buyer\)/.test(e.message),
  );
  await engine.close();
});
