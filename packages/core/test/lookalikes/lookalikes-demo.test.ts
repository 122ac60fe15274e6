// Look-alike prospects on the demo business: with the generator's attribute effects the held-out AUC
// interval excludes 0.5; run with --no-signal (every effect zero) it includes 0.5 and the report says
// the attributes carry no signal. AUC, lift and calibration are recomputed here from the out-of-fold
// probabilities by brute force; unseen prospect values are counted from the prospects file.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookalikeReport, requireLookalikeInputs } from '../../src/lookalikes/lookalikes.js';
import { trainLookalike } from '../../src/lookalikes/lookalike-model.js';
import { validateLookalike } from '../../src/lookalikes/lookalike-validation.js';
import { requireScores } from '../../src/pipeline-models.js';
import { customerAttributeColumns, attributeSpecs } from '../../src/lookalikes/attribute-columns.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import type { InputError } from '../../src/errors.js';
import { assertClose } from '../helpers/assert-close.js';
import { demoWorkspace, type DemoWorkspace } from '../helpers/demo-workspace.js';
import { dataPath } from '../helpers/read-csv.js';

let signal: DemoWorkspace, none: DemoWorkspace;
const ready = Promise.all([demoWorkspace(5000, 21, true), demoWorkspace(5000, 21, false)]).then(([a, b]) => {
  signal = a;
  none = b;
});
after(async () => {
  await signal?.engine.close();
  await none?.engine.close();
});

test('with signal: the AUC interval excludes 0.5; referral prospects score above social ones; unseen regions reported', async () => {
  await ready;
  const r = await lookalikeReport(signal.engine, { summary: signal.summary, models: signal.models });
  const v = r.validation;
  assert.ok(v.signal && v.model.auc.low > 0.5, `AUC ${v.model.auc.auc} [${v.model.auc.low}, ${v.model.auc.high}]`);
  assert.match(v.verdict, /^The attributes carry signal/);
  assert.ok(v.model.liftTopDecile > 1.3, `lift ${v.model.liftTopDecile}`);
  assert.ok(v.baseline !== null && v.baseline.auc.auc < v.model.auc.auc, 'the attributes add to the channel alone');
  const p = r.prospects;
  const prospects = readFileSync(join(signal.dir, 'prospects.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const mean = (channel: string): number => {
    let s = 0,
      n = 0;
    prospects.forEach((row, i) => {
      if (row[1] === channel) {
        s += p.probability[i]!;
        n++;
      }
    });
    return s / n;
  };
  assert.ok(mean('referral') > 2 * mean('social'), `P(top) referral ${mean('referral')} vs social ${mean('social')}`);
  const overseas = prospects.filter((row) => row[2] === 'overseas').length;
  assert.ok(overseas > 0);
  assert.deepEqual(p.unseen, [{ attribute: 'region', value: 'overseas', prospects: overseas }]);
  const i = prospects.findIndex((row) => row[2] === 'overseas');
  assert.match(p.reason(i), /region "overseas" never seen among customers \(scored as average\)/);
  const top = p.order[0]!,
    bottom = p.order[p.order.length - 1]!;
  assert.ok(p.probability[top]! >= p.probability[bottom]! && p.expectedClv[top]! > p.expectedClv[bottom]!);
  assert.match(p.reason(top), /odds ×\d\.\d\d/);
});

test('without signal: the AUC interval includes 0.5 and the report says so', async () => {
  await ready;
  const r = await lookalikeReport(none.engine, { summary: none.summary, models: none.models });
  const a = r.validation.model.auc;
  assert.ok(a.low <= 0.5 && a.high >= 0.5, `AUC ${a.auc} [${a.low}, ${a.high}]`);
  assert.equal(r.validation.signal, false);
  assert.match(r.validation.verdict, /no detectable signal.*includes 0\.5/);
});

test('validation numbers equal a brute-force recomputation from the out-of-fold probabilities', async () => {
  await ready;
  const { engine, summary, models } = signal;
  const columns = await customerAttributeColumns(engine, summary.customerId, await attributeSpecs(engine, 'customers'), true);
  const clv = requireScores(models, 'the test').scores.clv;
  const t = trainLookalike(columns, clv, { seed: 3, folds: 4 });
  const v = validateLookalike(t, clv);
  const s = t.cv.oof,
    y = t.target,
    n = s.length;
  let pos = 0,
    wins = 0;
  const neg: number[] = [];
  for (let i = 0; i < n; i++) if (!y[i]) neg.push(s[i]!);
  for (let i = 0; i < n; i++)
    if (y[i]) {
      pos++;
      for (const q of neg) wins += s[i]! > q ? 1 : s[i] === q ? 0.5 : 0;
    }
  assertClose(v.model.auc.auc, wins / (pos * neg.length), 1e-12, 'AUC = share of (top, other) pairs ranked right');
  // top tier = top 20% by predicted CLV, customers tied with the last member included (valueTiers' rule)
  const desc = [...clv].sort((a, b) => b - a),
    cutValue = desc[Math.ceil(0.2 * n) - 1]!;
  assert.equal(pos, clv.filter((c) => c >= cutValue).length, 'top tier = top 20% by predicted CLV, ties at the cut included');
  assert.ok(pos >= Math.round(0.2 * n) && pos < 0.21 * n, `${pos} of ${n} in the top tier`);
  // lift: the top 10% by score, ties at the cut shared in proportion
  const k = Math.ceil(0.1 * n),
    sorted = [...s].sort((a, b) => b - a),
    cut = sorted[k - 1]!;
  let above = 0,
    aboveTop = 0,
    tied = 0,
    tiedTop = 0;
  for (let i = 0; i < n; i++) {
    if (s[i]! > cut) {
      above++;
      aboveTop += y[i]!;
    } else if (s[i] === cut) {
      tied++;
      tiedTop += y[i]!;
    }
  }
  assertClose(v.model.liftTopDecile, (aboveTop + ((k - above) * tiedTop) / tied) / k / (pos / n), 1e-12, 'lift in the top decile');
  assert.equal(
    v.calibration.reduce((a, c) => a + c.customers, 0),
    n,
  );
  const topInBins = v.calibration.reduce((a, c) => a + c.observedTop * c.customers, 0);
  assertClose(topInBins, pos, 1e-6, 'observed top-tier customers over the bins');
  for (const c of v.calibration) assert.ok(c.meanPredicted >= c.low - 1e-12 && c.meanPredicted <= c.high + 1e-12);
});

test('CDNOW has no attributes: the message says what is missing', async () => {
  const e = await openWorkspace({});
  await ingestFile(e, dataPath('cdnow/cdnow_sample_elog.csv'), { mapping: { customer: 'sampleid', quantity: 'cds' } });
  await assert.rejects(
    requireLookalikeInputs(e),
    (err: InputError) => err.code === 'missing_attributes' && /--customers FILE/.test(err.message),
  );
  await e.close();
});
