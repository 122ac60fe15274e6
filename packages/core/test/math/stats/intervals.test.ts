import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newcombeInterval, twoProportionPValue, wilsonInterval } from '../../../src/math/stats/proportion-intervals.js';
import { welchTest } from '../../../src/math/stats/welch.js';
import { relativeInterval } from '../../../src/math/stats/ratio-interval.js';
import { bonferroni, holm } from '../../../src/math/stats/adjust-p-values.js';
import { chiSquareGoodnessOfFit } from '../../../src/math/stats/goodness-of-fit.js';
import { assertClose } from '../../helpers/assert-close.js';

const Z975 = 1.959963984540054;

/** Wilson bound found by bisection of the score equation |x/n − p| = z√(p(1−p)/n): independent of the closed form. */
function wilsonByBisection(x: number, n: number, upper: boolean): number {
  const ph = x / n;
  if ((!upper && x === 0) || (upper && x === n)) return upper ? 1 : 0;
  let lo = upper ? ph : 0,
    hi = upper ? 1 : ph;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    const outside = Math.abs(ph - mid) > Z975 * Math.sqrt((mid * (1 - mid)) / n);
    if (upper === outside) hi = mid;
    else lo = mid;
  }
  return 0.5 * (lo + hi);
}

test('Wilson interval equals the root of the score equation (bisection)', () => {
  for (const [x, n] of [
    [56, 70],
    [0, 20],
    [10, 10],
    [1, 1000],
    [6789, 64000],
  ]) {
    const w = wilsonInterval(x!, n!);
    assertClose(w.lower, wilsonByBisection(x!, n!, false), 1e-12, `Wilson lower ${x}/${n}`);
    assertClose(w.upper, wilsonByBisection(x!, n!, true), 1e-12, `Wilson upper ${x}/${n}`);
  }
});

test("Newcombe's hybrid score interval: Newcombe (1998) Table II examples (method 10), 4 decimals", () => {
  // The eight examples of Newcombe (1998), Stat Med 17:873–890, Table II, method 10; each value also
  // recomputed independently with a Python script (scipy's z, Wilson's closed form).
  const cases: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
    [10, 10, 0, 10, 0.6075, 1.0],
    [6, 7, 2, 7, 0.0582, 0.8062],
  ];
  for (const [x1, n1, x2, n2, lo, hi] of cases) {
    const ci = newcombeInterval(x1, n1, x2, n2);
    assertClose(ci.lower, lo, 5e-5, `Newcombe lower ${x1}/${n1} − ${x2}/${n2}`);
    assertClose(ci.upper, hi, 5e-5, `Newcombe upper ${x1}/${n1} − ${x2}/${n2}`);
  }
  // and against the definition, with the bisection Wilson bounds
  const [x1, n1, x2, n2] = [712, 6411, 633, 6802];
  const p1 = x1 / n1,
    p2 = x2 / n2;
  const ci = newcombeInterval(x1, n1, x2, n2);
  assertClose(
    ci.lower,
    p1 - p2 - Math.hypot(p1 - wilsonByBisection(x1, n1, false), wilsonByBisection(x2, n2, true) - p2),
    1e-12,
    'Newcombe lower from bisection Wilson bounds',
  );
  assertClose(
    ci.upper,
    p1 - p2 + Math.hypot(wilsonByBisection(x1, n1, true) - p1, p2 - wilsonByBisection(x2, n2, false)),
    1e-12,
    'Newcombe upper from bisection Wilson bounds',
  );
  assert.ok(Number.isNaN(newcombeInterval(1, 0, 1, 2).lower), 'an empty group has no interval');
});

test('two-proportion z test equals Pearson chi-square of the 2×2 table (scipy chi2_contingency, no correction)', () => {
  assertClose(twoProportionPValue(56, 70, 48, 80), 0.008045081368196585, 1e-12, 'p, 56/70 vs 48/80 (scipy)', true);
  assert.equal(twoProportionPValue(0, 10, 0, 20), 1);
});

test("Welch's t interval and p-value match scipy.stats.ttest_ind(equal_var=False)", () => {
  const t = [12.1, 0, 3.5, 7.7, 0, 0, 22.4, 5.0, 9.9, 1.2, 0, 14.3];
  const c = [0, 2.2, 0, 0, 6.1, 0, 3.3, 0, 1.0, 0, 4.4];
  const mom = (x: number[]) => {
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    return { n: x.length, mean: m, variance: x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1) };
  };
  const r = welchTest(mom(t), mom(c));
  // scipy 1.17.1: statistic 2.2086250118489583, pvalue 0.04553114094579009, df 13.158772284993724, CI (0.11054036801055922, 9.48188387441368)
  assertClose(r.t, 2.2086250118489583, 1e-12, 'Welch t', true);
  assertClose(r.df, 13.158772284993724, 1e-12, 'Welch–Satterthwaite df', true);
  assertClose(r.pValue, 0.04553114094579009, 1e-10, 'Welch p', true);
  assertClose(r.lower, 0.11054036801055922, 1e-10, 'Welch lower', true);
  assertClose(r.upper, 9.48188387441368, 1e-10, 'Welch upper', true);
  const flat = welchTest({ n: 5, mean: 2, variance: 0 }, { n: 5, mean: 2, variance: 0 });
  assert.equal(flat.pValue, 1);
  assert.ok(Number.isNaN(welchTest({ n: 1, mean: 1, variance: 0 }, { n: 5, mean: 2, variance: 1 }).lower));
});

test('relative interval: the Katz log interval for a risk ratio, by hand', () => {
  // 30/100 vs 20/100: RR 1.5, se(ln RR) = √(0.7/30 + 0.8/20) = 0.25166; CI exp(ln 1.5 ± 1.96·0.25166) − 1
  const r = relativeInterval(0.3, (0.3 * 0.7) / 100, 0.2, (0.2 * 0.8) / 100);
  const se = Math.sqrt(0.7 / 30 + 0.8 / 20);
  assertClose(r.lower, 1.5 * Math.exp(-Z975 * se) - 1, 1e-12, 'Katz lower');
  assertClose(r.upper, 1.5 * Math.exp(Z975 * se) - 1, 1e-12, 'Katz upper');
  assert.ok(Number.isNaN(relativeInterval(0.1, 0.01, 0, 0).lower), 'relative change from zero is undefined');
});

test('Holm and Bonferroni adjusted p-values, worked by hand', () => {
  // sorted 0.01 (×3 = 0.03), 0.03 (×2 = 0.06), 0.04 (×1 = 0.04 → running max 0.06)
  assert.deepEqual(holm([0.01, 0.04, 0.03]), [0.03, 0.06, 0.06]);
  assert.deepEqual(
    bonferroni([0.01, 0.04, 0.03]).map((v) => Number(v.toFixed(12))),
    [0.03, 0.12, 0.09],
  );
  const h = holm([0.5, NaN, 0.001, 0.4]);
  assert.ok(Number.isNaN(h[1]!));
  assert.deepEqual(
    h.filter((v) => !Number.isNaN(v)).map((v) => Number(v.toFixed(12))),
    [0.8, 0.003, 0.8],
  );
});

test('chi-square goodness of fit matches scipy.stats.chisquare', () => {
  assertClose(chiSquareGoodnessOfFit([5050, 4950], [1, 1]).pValue, 0.31731050786291115, 1e-12, 'GOF 5050/4950', true);
  const r = chiSquareGoodnessOfFit([912, 88], [0.9, 0.1]);
  assertClose(r.statistic, 1.6, 1e-12, 'X² 912/88 vs 90/10');
  assertClose(r.pValue, 0.20590321073206472, 1e-12, 'p 912/88 vs 90/10', true);
  assertClose(chiSquareGoodnessOfFit([330, 350, 320], [1, 1, 1]).pValue, 0.4965853037914095, 1e-12, 'GOF 3 arms', true);
});
