import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitUpliftModel } from '../../src/campaigns/uplift-model.js';
import { qiniCoefficient, qiniCoefficientInOrder, qiniCurve, qiniCurveInOrder } from '../../src/campaigns/qini.js';
import { fitRidgeLinear, fitRidgeLogistic } from '../../src/math/stats/ridge-regression.js';
import { createRng } from '../../src/math/random/rng.js';
import { assertClose } from '../helpers/assert-close.js';

test('Qini curve equals a brute-force recount at every cut; ties are cut together', () => {
  const rng = createRng(4);
  const n = 200;
  const score = Float64Array.from({ length: n }, () => rng());
  const treated = Uint8Array.from({ length: n }, () => (rng() < 0.6 ? 1 : 0));
  const y = Float64Array.from({ length: n }, () => (rng() < 0.3 ? 10 * rng() : 0));
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  const c = qiniCurve(score, treated, y, rows);
  const byScore = [...rows].sort((a, b) => score[b]! - score[a]!);
  for (let k = 1; k <= n; k++) {
    let nt = 0,
      nc = 0,
      rt = 0,
      rc = 0;
    for (const r of byScore.slice(0, k))
      if (treated[r]) {
        nt++;
        rt += y[r]!;
      } else {
        nc++;
        rc += y[r]!;
      }
    assertClose(c.qini[k]!, (rt - (nc ? (rc * nt) / nc : 0)) / n, 1e-12, `Q at cut ${k}`);
  }
  assertClose(
    qiniCoefficientInOrder(Uint32Array.from(byScore), treated, y),
    qiniCoefficient(qiniCurveInOrder(Uint32Array.from(byScore), treated, y)),
    1e-14,
    'streamed coefficient',
  );
  // ties: four equal scores give one point, whatever the row order
  const tied = Float64Array.of(1, 1, 1, 1, 0);
  const t = qiniCurve(tied, Uint8Array.of(1, 0, 1, 0, 1), Float64Array.of(1, 0, 0, 1, 0), Uint32Array.of(0, 1, 2, 3, 4));
  assert.deepEqual(Array.from(t.fraction), [0, 0.8, 1]);
});

test('ridge regressions satisfy their optimality conditions', () => {
  const rng = createRng(8);
  const n = 500,
    p = 3;
  const X = new Float64Array(n * p),
    y = new Float64Array(n),
    yl = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    X[i * p] = 1;
    X[i * p + 1] = rng() * 2 - 1;
    X[i * p + 2] = rng() * 2 - 1;
    yl[i] = 1 + 2 * X[i * p + 1]! - X[i * p + 2]! + (rng() - 0.5);
    y[i] = rng() < 1 / (1 + Math.exp(-(-0.5 + 1.5 * X[i * p + 1]!))) ? 1 : 0;
  }
  const rows = Uint32Array.from({ length: n }, (_, i) => i);
  for (const lambda of [0, 3]) {
    const lin = fitRidgeLinear(X, p, yl, rows, lambda).coefficients;
    const log = fitRidgeLogistic(X, p, y, rows, lambda + 0.5);
    assert.ok(log.converged);
    for (let j = 0; j < p; j++) {
      let gl = 0,
        gg = 0;
      for (let i = 0; i < n; i++) {
        let e = 0,
          eta = 0;
        for (let k = 0; k < p; k++) {
          e += X[i * p + k]! * lin[k]!;
          eta += X[i * p + k]! * log.coefficients[k]!;
        }
        gl += X[i * p + j]! * (yl[i]! - e);
        gg += X[i * p + j]! * (y[i]! - 1 / (1 + Math.exp(-eta)));
      }
      assertClose(gl - (j > 0 ? lambda * lin[j]! : 0), 0, 1e-9, `linear normal equation ${j}, λ ${lambda}`);
      assertClose(gg - (j > 0 ? (lambda + 0.5) * log.coefficients[j]! : 0), 0, 1e-7, `logistic score equation ${j}, λ ${lambda + 0.5}`);
    }
  }
});

/** 20,000 customers; the treatment adds 12 points of response only where x1 > 0; x2 drives the base rate. */
function simulated(heterogeneous: boolean, seed = 31, n = 20_000) {
  const rng = createRng(seed);
  const x1 = new Float64Array(n),
    x2 = new Float64Array(n),
    treated = new Uint8Array(n),
    y = new Float64Array(n);
  const ch: string[] = [];
  for (let i = 0; i < n; i++) {
    x1[i] = rng() * 2 - 1;
    x2[i] = rng() * 2 - 1;
    ch.push(['web', 'store', 'phone'][i % 3]!);
    treated[i] = rng() < 0.5 ? 1 : 0;
    const base = 1 / (1 + Math.exp(-(-1.8 + 1.5 * x2[i]!)));
    const lift = treated[i] ? (heterogeneous ? (x1[i]! > 0 ? 0.12 : 0) : 0.06) : 0;
    y[i] = rng() < base + lift ? 1 : 0;
  }
  return {
    treated,
    outcome: y,
    features: [
      { name: 'x1', numeric: x1 },
      { name: 'x2', numeric: x2 },
      { name: 'channel', categorical: ch },
    ],
  };
}

test('uplift model: finds a known heterogeneous effect, beats random targeting and the response model', () => {
  for (const method of ['two-model', 'transformed-outcome'] as const) {
    const m = fitUpliftModel(simulated(true), { method, permutations: 100 });
    assert.ok(m.beatsRandom, `${method}: Qini ${m.qini.model} above the random band (${m.qini.randomLower}, ${m.qini.randomUpper})`);
    assert.ok(
      m.qini.model > m.qini.responseModel,
      `${method}: uplift model ${m.qini.model} beats the response model ${m.qini.responseModel}`,
    );
    assert.equal(m.testSize, 6000);
    // targeting the top 50% (≈ the x1 > 0 half) finds an uplift near the true 12 points
    const half = m.points.find((p) => p.fraction === 0.5)!;
    assert.ok(half.upliftTargeted > 0.08, `${method}: uplift among the top half ${half.upliftTargeted}`);
    assert.deepEqual(m.features, ['(intercept)', 'x1', 'x2', 'channel=phone', 'channel=store']);
  }
});

test('uplift model: with the same uplift for everyone it beats random targeting only as often as chance allows', () => {
  // The band is the 2.5%–97.5% range of random rankings, so a model without real signal lands above it
  // in ~2.5% of data sets; over 30 simulated data sets allow at most 3 (P(≥ 4) ≈ 0.04 at 2.5%).
  let beats = 0;
  for (let s = 1; s <= 30; s++) {
    const m = fitUpliftModel(simulated(false, 100 + s, 8000), { permutations: 100, seed: s });
    if (m.beatsRandom) beats++;
    else assert.ok(m.warnings.some((w) => /does not rank the held-out customers better than random/.test(w)));
  }
  assert.ok(beats <= 3, `beats random in ${beats} of 30 data sets without heterogeneity`);
});
