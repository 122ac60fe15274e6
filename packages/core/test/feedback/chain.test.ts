// estimateChain on simulated respondents with a known model: outcomes drawn from a logistic (stop)
// and a Poisson (purchases) model in one covariate, NPS class at random. The true standardised
// means are the sample averages of the true model's predictions under each class (computed here),
// so each estimated ratio must sit within 4 of its own standard errors of the truth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateChain, CHAIN_MIN_PER_CLASS } from '../../src/feedback/chain.js';
import type { ChainInput } from '../../src/feedback/chain-types.js';
import { createRng } from '../../src/math/random/rng.js';
import { sampleStandardNormal } from '../../src/math/random/sample-normal.js';
import { samplePoisson } from '../../src/math/random/sample-poisson.js';
import { InputError } from '../../src/errors.js';

const expit = (v: number): number => 1 / (1 + Math.exp(-v));

test('simulated respondents: ratios recovered within 4 SE; harm > help when detractors are hurt more', () => {
  const rng = createRng(77);
  const n = 6000;
  const cls = new Uint8Array(n),
    x = new Float64Array(n),
    stopDays = new Float64Array(n),
    purchases = new Float64Array(n);
  const stopEff = [0.6, 0, -0.15],
    buyEff = [-0.1, 0, 0.25];
  const sums = { stop: [0, 0, 0], buy: [0, 0, 0] };
  for (let i = 0; i < n; i++) {
    cls[i] = Math.floor(rng() * 3);
    x[i] = sampleStandardNormal(rng);
    const k = cls[i]!;
    const ps = expit(-0.8 + 0.7 * x[i]! + stopEff[k]!);
    const mb = Math.exp(0.3 - 0.4 * x[i]! + buyEff[k]!);
    // a stopper has no purchase; the count outcome is drawn on its own (the chain fits each outcome separately)
    stopDays[i] = rng() < ps ? 0 : 1;
    purchases[i] = samplePoisson(rng, mb);
    for (let a = 0; a < 3; a++) {
      sums.stop[a]! += expit(-0.8 + 0.7 * x[i]! + stopEff[a]!);
      sums.buy[a]! += Math.exp(0.3 - 0.4 * x[i]! + buyEff[a]!);
    }
  }
  // window 1: 'stop' from stopDays; window 2: purchases (its stop outcome is ignored here)
  const input: ChainInput = {
    npsClass: cls,
    covariates: [{ name: 'x', label: 'x', values: x }],
    windows: [30, 60],
    daysAfter: [stopDays, purchases],
    spendAfter: [purchases, purchases],
  };
  const est = estimateChain(input);
  const check = (outcome: 'stop' | 'purchases', w: number, group: 'detractor' | 'promoter', truth: number) => {
    const f = est.effects.find((e) => e.outcome === outcome && e.window === w && e.group === group)!;
    const se = (Math.log(f.upper) - Math.log(f.lower)) / (2 * 1.959963984540054);
    const zScore = Math.abs(Math.log(f.ratio) - Math.log(truth)) / se;
    assert.ok(zScore < 4, `${outcome} ${group}: estimate ${f.ratio} (${f.lower}–${f.upper}), truth ${truth}, ${zScore.toFixed(2)} SE away`);
  };
  check('stop', 30, 'detractor', sums.stop[0]! / sums.stop[1]!);
  check('stop', 30, 'promoter', sums.stop[2]! / sums.stop[1]!);
  check('purchases', 60, 'detractor', sums.buy[0]! / sums.buy[1]!);
  check('purchases', 60, 'promoter', sums.buy[2]! / sums.buy[1]!);
  // raw means are plain averages by class
  const f = est.effects.find((e) => e.outcome === 'purchases' && e.window === 60 && e.group === 'promoter')!;
  let s = 0,
    c = 0;
  for (let i = 0; i < n; i++)
    if (cls[i] === 2) {
      s += purchases[i]!;
      c++;
    }
  assert.ok(Math.abs(f.rawGroupMean - s / c) < 1e-12);
  // the asymmetry is taken at the longest window (60 days: stop = no purchase in the Poisson draw)
  assert.equal(est.asymmetry!.window, 60);
});

test('too few respondents in a class: a typed error naming the counts', () => {
  const n = 100;
  const cls = Uint8Array.from({ length: n }, (_, i) => (i < 5 ? 0 : i % 2 ? 1 : 2));
  const y = Float64Array.from({ length: n }, (_, i) => i % 3);
  assert.throws(
    () => estimateChain({ npsClass: cls, covariates: [], windows: [90], daysAfter: [y], spendAfter: [y] }),
    (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.code, 'too_few_respondents');
      assert.match(err.message, new RegExp(`at least ${CHAIN_MIN_PER_CLASS} .* got 5 detractors`));
      return true;
    },
  );
});
