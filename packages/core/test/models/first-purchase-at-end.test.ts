// A customer whose first purchase is on the calibration end (x = 0, t_x = 0, T = 0) happens in every
// log that is still growing. The likelihood of "no repeat in zero time" is 1 for every count model,
// so such a customer adds 0 to the log-likelihood, leaves the fit unchanged, and is scored as a
// brand-new customer (BG/NBD and Pareto/NBD: alive for sure; E[X(t)] = the new-customer curve).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { fitBgNbd } from '../../src/models/bg-nbd/fit.js';
import { bgNbdLogLikelihood } from '../../src/models/bg-nbd/likelihood.js';
import { bgNbdPAlive, bgNbdExpectedPurchases, bgNbdExpectedPurchasesNew } from '../../src/models/bg-nbd/predict.js';
import { fitMbgNbd } from '../../src/models/mbg-nbd/fit.js';
import { mbgNbdLogLikelihood } from '../../src/models/mbg-nbd/likelihood.js';
import { fitParetoNbd } from '../../src/models/pareto-nbd/fit.js';
import { paretoNbdLogLikelihood } from '../../src/models/pareto-nbd/likelihood.js';
import { paretoNbdPAlive, paretoNbdExpectedPurchases, paretoNbdExpectedPurchasesNew } from '../../src/models/pareto-nbd/predict.js';
import { assertClose } from '../helpers/assert-close.js';
import { cdnowSample } from '../helpers/cdnow.js';

const NEW = { x: Float64Array.of(0), tx: Float64Array.of(0), T: Float64Array.of(0) };
const cdnow = cdnowSample();
const withNew = { x: Float64Array.of(...cdnow.x, 0), tx: Float64Array.of(...cdnow.tx, 0), T: Float64Array.of(...cdnow.T, 0) };

test('T = 0 with x = 0: log-likelihood contribution 0 for BG/NBD, MBG/NBD and Pareto/NBD', () => {
  const bg = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
  assertClose(bgNbdLogLikelihood(bg, NEW).total, 0, 1e-15, 'BG/NBD ln L');
  assertClose(mbgNbdLogLikelihood(bg, NEW).total, 0, 1e-15, 'MBG/NBD ln L');
  assertClose(paretoNbdLogLikelihood({ r: 0.5533, alpha: 10.578, s: 0.6062, beta: 11.67 }, NEW), 0, 1e-15, 'Pareto/NBD ln L');
});

test('a customer who first bought on the calibration end leaves the CDNOW fits unchanged and is scored as new', () => {
  for (const [name, fit] of [
    ['bg-nbd', fitBgNbd],
    ['mbg-nbd', fitMbgNbd],
    ['pareto-nbd', fitParetoNbd],
  ] as const) {
    const a = fit(cdnow),
      b = fit(withNew);
    assertClose(b.logLikelihood, a.logLikelihood, 1e-8, `${name} LL`);
    for (const k of Object.keys(a.params))
      assertClose(
        (b.params as Record<string, number>)[k]!,
        (a.params as Record<string, number>)[k]!,
        1e-6 * (a.params as Record<string, number>)[k]!,
        `${name} ${k}`,
      );
  }
  const bg = fitBgNbd(cdnow).params,
    pn = fitParetoNbd(cdnow).params;
  assert.equal(bgNbdPAlive(bg, NEW)[0], 1);
  assert.equal(paretoNbdPAlive(pn, NEW)[0], 1);
  assertClose(
    bgNbdExpectedPurchases(bg, 52, NEW)[0]!,
    bgNbdExpectedPurchasesNew(bg, 52),
    1e-12,
    'BG/NBD E[X(52) | new] = E[X(52)] of a new customer',
  );
  assertClose(paretoNbdExpectedPurchases(pn, 52, NEW)[0]!, paretoNbdExpectedPurchasesNew(pn, 52), 1e-12, 'Pareto/NBD likewise');
});

test('T = 0 with a repeat purchase is still invalid (a repeat needs time)', () => {
  assert.throws(
    () => fitBgNbd({ x: Float64Array.of(1, 2), tx: Float64Array.of(0, 5), T: Float64Array.of(0, 10) }),
    (e: unknown) => e instanceof InputError && e.code === 'rfm_invalid_value' && /row 0/.test(e.message),
  );
});
