import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlShareFor, mdeMeans, mdeProportion } from '../../../src/math/stats/power.js';
import { twoProportionPValue } from '../../../src/math/stats/proportion-intervals.js';
import { bootstrapMeanDifference } from '../../../src/math/stats/bootstrap-mean-difference.js';
import { welchTest } from '../../../src/math/stats/welch.js';
import { createRng } from '../../../src/math/random/rng.js';
import { sampleBinomial } from '../../../src/math/random/sample-binomial.js';
import { gammaln } from '../../../src/math/special/gammaln.js';
import { chiSquareGoodnessOfFit } from '../../../src/math/stats/goodness-of-fit.js';
import { assertClose } from '../../helpers/assert-close.js';

test('minimum detectable effects: closed form for means; simulated power 80% for proportions', () => {
  // (1.959964 + 0.841621) × 10 × √(1/9000 + 1/1000)
  assertClose(mdeMeans(10, 9000, 1000), (1.959963984540054 + 0.8416212335729143) * 10 * Math.sqrt(1 / 9000 + 1 / 1000), 1e-12, 'MDE means');
  const p = 0.1,
    nt = 4000,
    nc = 1000;
  const delta = mdeProportion(p, nt, nc);
  assert.ok(delta > 0.02 && delta < 0.06, `MDE proportion ${delta}`);
  // Monte Carlo: at the MDE, the two-sided 5% test rejects in ~80% of 4,000 simulated campaigns (se 0.63%)
  const rng = createRng(99);
  let reject = 0;
  const sims = 4000;
  for (let s = 0; s < sims; s++) {
    const xt = sampleBinomial(rng, nt, p + delta),
      xc = sampleBinomial(rng, nc, p);
    if (twoProportionPValue(xt, nt, xc, nc) < 0.05) reject++;
  }
  assertClose(reject / sims, 0.8, 0.025, `simulated power at the MDE (${delta.toFixed(4)})`);
  assert.equal(mdeProportion(0.99, 100, 10), Infinity, 'nothing detectable above a 99% base rate with 10 controls');
});

test('control share for an effect: the MDE at that share equals the effect; unreachable → null', () => {
  const mde = (t: number, c: number): number => mdeMeans(10, t, c);
  const s = controlShareFor(1, 10_000, mde)!;
  assertClose(mde(10_000 * (1 - s), 10_000 * s), 1, 1e-5, 'MDE at the returned share');
  // closed form: s(1 − s) = (2.8016·10/1)² / 10,000
  const k = ((1.959963984540054 + 0.8416212335729143) * 10) ** 2 / 10_000;
  assertClose(s, (1 - Math.sqrt(1 - 4 * k)) / 2, 1e-6, 'share from s(1 − s) = (zσ/δ)²/N');
  assert.equal(controlShareFor(0.01, 10_000, mde), null);
});

test('sampleBinomial: exact distribution for n = 30 and moments for n = 10⁶', () => {
  const rng = createRng(5);
  const n = 30,
    p = 0.3,
    N = 100_000;
  const counts = new Array(n + 1).fill(0);
  for (let i = 0; i < N; i++) counts[sampleBinomial(rng, n, p)]++;
  const pmf = counts.map((_, k) =>
    Math.exp(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log(1 - p)),
  );
  // pool the sparse tails so every expected count is ≥ 5
  const keep = pmf.map((q) => q * N >= 5);
  const obs = [0, 0],
    exp = [0, 0];
  const o: number[] = [],
    e: number[] = [];
  counts.forEach((c, k) => {
    if (keep[k]) {
      o.push(c);
      e.push(pmf[k]!);
    } else {
      obs[k < 9 ? 0 : 1] += c;
      exp[k < 9 ? 0 : 1] += pmf[k]!;
    }
  });
  const gof = chiSquareGoodnessOfFit([...o, ...obs], [...e, ...exp]);
  assert.ok(gof.pValue > 1e-4, `Binomial(30, 0.3) draws fit the pmf: X² ${gof.statistic.toFixed(1)}, p ${gof.pValue}`);
  let s = 0,
    s2 = 0;
  const M = 4000,
    big = 1_000_000,
    q = 0.1;
  for (let i = 0; i < M; i++) {
    const x = sampleBinomial(rng, big, q);
    s += x;
    s2 += x * x;
  }
  const mean = s / M,
    v = s2 / M - mean * mean;
  assertClose(mean, big * q, 5 * Math.sqrt((big * q * (1 - q)) / M), 'Binomial(1e6, 0.1) mean');
  assertClose(v, big * q * (1 - q), 0.1 * big * q * (1 - q), 'Binomial(1e6, 0.1) variance');
  assert.ok(Number.isNaN(sampleBinomial(rng, 2.5, 0.1)));
});

/** The textbook bootstrap: n uniform index picks per group per resample (independent of the code under test). */
function naiveBootstrap(t: Float64Array, c: Float64Array, B: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(B);
  const mean = (x: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < x.length; i++) s += x[(rng() * x.length) | 0]!;
    return s / x.length;
  };
  for (let b = 0; b < B; b++) out[b] = mean(t) - mean(c);
  return out.sort();
}

test('bootstrap: deterministic by seed; agrees with the naive bootstrap and with Welch at moderate n', () => {
  const rng = createRng(11);
  const mk = (n: number, share: number, scale: number): Float64Array =>
    Float64Array.from({ length: n }, () => (rng() < share ? -scale * Math.log(rng()) : 0));
  const t = mk(3000, 0.2, 30),
    c = mk(1000, 0.15, 30);
  const a = bootstrapMeanDifference(t, c, { resamples: 4000, seed: 7 });
  const b = bootstrapMeanDifference(t, c, { resamples: 4000, seed: 7 });
  assert.deepEqual(a, b, 'same data and seed, same intervals');
  const naive = naiveBootstrap(t, c, 4000, 8);
  const q = (x: Float64Array, p: number): number => x[Math.round(p * (x.length - 1))]!;
  const mom = (x: Float64Array) => {
    let s = 0;
    for (const v of x) s += v;
    const m = s / x.length;
    let ss = 0;
    for (const v of x) ss += (v - m) ** 2;
    return { n: x.length, mean: m, variance: ss / (x.length - 1) };
  };
  const w = welchTest(mom(t), mom(c));
  // Monte Carlo error of a 2.5% quantile with 4,000 resamples is ≈ 4% of the standard error; allow 15%.
  assertClose(a.difference.lower, q(naive, 0.025), 0.15 * w.standardError, 'lower bound vs naive bootstrap');
  assertClose(a.difference.upper, q(naive, 0.975), 0.15 * w.standardError, 'upper bound vs naive bootstrap');
  assertClose(a.standardError, w.standardError, 0.08 * w.standardError, 'bootstrap se vs Welch se');
  assertClose(a.difference.lower, w.lower, 0.2 * w.standardError, 'bootstrap lower vs Welch lower');
  assertClose(a.difference.upper, w.upper, 0.2 * w.standardError, 'bootstrap upper vs Welch upper');
  // a margin net of a contact cost: the common value is −0.25, not 0; same picks, results shifted exactly
  const shifted = bootstrapMeanDifference(
    t.map((v) => v - 0.25),
    c,
    { resamples: 4000, seed: 7 },
  );
  assertClose(shifted.difference.lower, a.difference.lower - 0.25, 1e-9, 'shifted test arm: lower − 0.25');
  assertClose(shifted.difference.upper, a.difference.upper - 0.25, 1e-9, 'shifted test arm: upper − 0.25');
  const empty = bootstrapMeanDifference(new Float64Array(0), c);
  assert.ok(Number.isNaN(empty.difference.lower));
  const zeros = bootstrapMeanDifference(new Float64Array(5), new Float64Array(5));
  assert.deepEqual([zeros.difference.lower, zeros.difference.upper], [0, 0]);
});
