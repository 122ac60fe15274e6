// Fit verdicts (issue 21, item 5): a fit at a bound, without dropout, flat or weakly identified is
// judged in plain words; the holdout comparison never recommends an unreliable fit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { summarize } from '../../src/summary/summary.js';
import { COUNT_MODEL_REGISTRY } from '../../src/models/count-models.js';
import { assessCountFit, assessFit } from '../../src/models/shared/fit-assessment.js';
import { fitGammaGamma } from '../../src/models/gamma-gamma/fit.js';
import { mbgCnbdKCountModel, simulateMbgCnbdK } from '../../src/models/mbg-cnbd-k/index.js';
import { compareModels, type ModelValidation } from '../../src/validation/holdout.js';
import { cdnowSample } from '../helpers/cdnow.js';
import { writeNoDropoutLog } from '../helpers/no-dropout-log.js';
import { tempDir } from '../helpers/temp-dir.js';

const NO_DROPOUT = /no customer ever seems to leave in this data, so P\(alive\) is not informative/;

test('CDNOW sample: BG/NBD and Gamma-Gamma fits are ok; Pareto/NBD β is weakly identified (SE > half the estimate) → caution', () => {
  const cd = cdnowSample();
  const bg = COUNT_MODEL_REGISTRY['bg-nbd'].fit(cd);
  assert.deepEqual(assessCountFit(COUNT_MODEL_REGISTRY['bg-nbd'], bg, cd), { model: 'bg-nbd', trust: 'ok', issues: [], summary: '' });
  const pn = COUNT_MODEL_REGISTRY['pareto-nbd'].fit(cd);
  const a = assessCountFit(COUNT_MODEL_REGISTRY['pareto-nbd'], pn, cd);
  assert.equal(a.trust, 'caution');
  assert.deepEqual(
    a.issues.map((i) => [i.kind, i.parameter]),
    [['weakly_identified', 'beta']],
  );
  assert.match(a.summary, /^Pareto\/NBD fit to read with caution: the data pin down beta only loosely/);
  assert.equal(assessFit(fitGammaGamma({ x: cd.x, mx: cd.zbar }) as never).trust, 'ok');
});

/** The summary (weeks) of the seeded log of helpers/no-dropout-log.ts: 300 customers, nobody leaves. */
async function noDropoutSummary() {
  const engine = createDuckDbEngine();
  await ingestFile(engine, writeNoDropoutLog(tempDir(), 300, 4), { mapping: { customer: 'customer', date: 'date', amount: 'amount' } });
  const s = await summarize(engine, { period: 'week' });
  await engine.close();
  return s;
}

test('a log where nobody leaves and spend does not differ between customers: BG/NBD a → 0 and Gamma-Gamma q, γ → ∞ are unreliable, said in plain words', async () => {
  const s = await noDropoutSummary();
  const data = { x: s.frequency, tx: s.recency, T: s.T };
  const bg = COUNT_MODEL_REGISTRY['bg-nbd'].fit(data);
  assert.deepEqual(bg.atBound, ['a'], `a at the bound (a = ${bg.params.a})`);
  const v = assessCountFit(COUNT_MODEL_REGISTRY['bg-nbd'], bg, data);
  assert.equal(v.trust, 'unreliable');
  assert.match(v.summary, /^BG\/NBD fit unreliable: no customer ever seems to leave/);
  assert.ok(v.issues.some((i) => i.kind === 'at_bound' && i.parameter === 'a' && /a = .* is at a bound/.test(i.detail)));
  const gg = fitGammaGamma({ x: s.frequency, mx: s.monetaryValue });
  assert.ok(gg.atBound.includes('q') && gg.params.q > 1e6, `q → ∞ (q = ${gg.params.q})`);
  const g = assessFit(gg as never);
  assert.equal(g.trust, 'unreliable');
  assert.match(g.summary, /spend per purchase looks alike for every customer, so expected spend is the population mean for everyone/);
});

test('no dropout without reaching the bound: every repeat buyer more likely alive than not is unreliable too', async () => {
  const s = await noDropoutSummary();
  const cd = { x: s.frequency, tx: s.recency, T: s.T };
  const fit = COUNT_MODEL_REGISTRY['bg-nbd'].fit(cd);
  // the fit with a = e^-14, inside the ±15 bound, and its at-bound flag cleared: dropout nearly impossible
  const shrunk = { ...fit, atBound: [], params: { ...fit.params, a: Math.exp(-14) } };
  const v = assessCountFit(COUNT_MODEL_REGISTRY['bg-nbd'], shrunk, cd);
  assert.equal(v.trust, 'unreliable');
  const issue = v.issues.find((i) => i.kind === 'no_dropout');
  assert.ok(issue, JSON.stringify(v.issues));
  assert.match(issue.plain, NO_DROPOUT);
  // independent check of the statistic named: the smallest P(alive) among repeat buyers
  const p = COUNT_MODEL_REGISTRY['bg-nbd'].pAlive(shrunk.params, cd);
  let min = 1;
  for (let i = 0; i < p.length; i++) if (cd.x[i]! > 0) min = Math.min(min, p[i]!);
  let repeaters = 0;
  for (const x of cd.x) if (x > 0) repeaters++;
  assert.ok(
    min > 0.5 && issue.detail.startsWith(`P(alive) is at least ${min.toFixed(2)} for all ${repeaters} repeat buyers`),
    issue.detail,
  );
});

function stub(model: string, mae: number, trust: 'ok' | 'caution' | 'unreliable', bic = 100): ModelValidation {
  const plain =
    trust === 'unreliable'
      ? 'no customer ever seems to leave in this data, so P(alive) is not informative'
      : 'the data pin down beta only loosely';
  return {
    model,
    label: model.toUpperCase(),
    mae,
    rmse: mae,
    verdict: 'good',
    verdictReason: '',
    byFrequency: [],
    aggregate: { actual: 100, predicted: 101, relativeError: 0.01 },
    trackingMape: 0.01,
    tracking: { period: [], actualCumulative: [], predictedCumulative: [], calibrationPeriods: 0 },
    fit: { converged: true, bic, logLikelihood: -1, aic: 1 } as ModelValidation['fit'],
    assessment: {
      model,
      trust,
      summary: trust === 'ok' ? '' : plain,
      issues: trust === 'ok' ? [] : [{ kind: 'at_bound', parameter: 'a', severity: trust, plain, detail: '' }],
    },
  };
}

test('compareModels: an unreliable fit is never recommended, a cautious one only when no clean one qualifies, none when nothing can be trusted', () => {
  const best = compareModels([stub('bg-nbd', 0.5, 'unreliable'), stub('pareto-nbd', 0.6, 'caution'), stub('mbg-nbd', 0.7, 'ok')]);
  assert.equal(best.recommended, 'mbg-nbd', best.reason);
  assert.match(best.reason, /Not considered: BG-NBD \(no customer ever seems to leave/);
  assert.match(best.reason, /Passed over for weakly identified parameters: PARETO-NBD/);
  assert.deepEqual(
    best.rows.map((r) => r.trust),
    ['unreliable', 'caution', 'ok'],
  );
  const cautious = compareModels([stub('bg-nbd', 0.5, 'unreliable'), stub('pareto-nbd', 0.6, 'caution')]);
  assert.equal(cautious.recommended, 'pareto-nbd');
  assert.match(cautious.reason, /Read its forecasts with caution: the data pin down beta only loosely/);
  const none = compareModels([stub('bg-nbd', 0.5, 'unreliable'), stub('mbg-nbd', 0.4, 'unreliable')]);
  assert.equal(none.recommended, null);
  assert.match(none.reason, /^No model can be trusted on this data/);
  assert.match(none.reason, /the value shown is historic net revenue, not a forecast/);
});

test('MBG/CNBD-k: its grid-chosen k (no standard error) is not taken for a flat likelihood; a missing SE of r still is', () => {
  const sim = simulateMbgCnbdK({ k: 2, r: 0.9, alpha: 5, a: 0.6, b: 2.5 }, 1500, 52, 4);
  const model = mbgCnbdKCountModel(sim.litt);
  const fit = model.fit(sim);
  assert.deepEqual(Object.keys(fit.params), ['r', 'alpha', 'a', 'b', 'k']);
  assert.ok(!('k' in fit.standardErrors));
  const a = assessCountFit(model, fit, sim);
  assert.ok(!a.issues.some((i) => i.kind === 'flat_likelihood'), `issues: ${a.issues.map((i) => i.detail).join('; ')}`);
  const flat = assessFit({ ...fit, standardErrors: { ...fit.standardErrors, r: NaN } });
  assert.equal(flat.trust, 'unreliable');
  assert.ok(flat.issues.some((i) => i.kind === 'flat_likelihood'));
});
