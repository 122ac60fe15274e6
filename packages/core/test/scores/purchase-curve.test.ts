// The monthly purchase curve against the core's CLV scoring (scoreCountModel), an independent path:
// at the horizon the curve gives the same expected purchases, and discounting it month by month gives
// the same CLV as scoreCountModel with a one-month step (both discount each step from its middle).
import { test } from 'node:test';
import { cdnowSample } from '../helpers/cdnow.js';
import { assertClose } from '../helpers/assert-close.js';
import { COUNT_MODEL_REGISTRY } from '../../src/models/count-models.js';
import { PERIODS_PER_YEAR, scoreCountModel } from '../../src/scores/clv.js';
import { discountedPurchases, purchaseCurve } from '../../src/scores/purchase-curve.js';

// Published CDNOW fits (weeks): BG/NBD Fader, Hardie & Lee (2005); Pareto/NBD as in the README.
const FITS = {
  'bg-nbd': { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 },
  'pareto-nbd': { r: 0.5533, alpha: 10.5776, s: 0.6061, beta: 11.665 },
} as const;

for (const [name, params] of Object.entries(FITS) as [keyof typeof FITS, Record<string, number>][]) {
  test(`${name}: curve at 24 months and its discounted sum equal scoreCountModel on the CDNOW sample`, () => {
    const data = cdnowSample();
    const month = PERIODS_PER_YEAR.week / 12;
    const H = 24;
    const curve = purchaseCurve(
      COUNT_MODEL_REGISTRY[name],
      params,
      data,
      Float64Array.from({ length: H }, (_, t) => (t + 1) * month),
    );
    const spend = new Float64Array(data.x.length).fill(1);
    const ref = scoreCountModel(COUNT_MODEL_REGISTRY[name], params, data, {
      horizon: H * month,
      annualDiscountRate: 0.1,
      periodsPerYear: PERIODS_PER_YEAR.week,
      spend,
      margin: 1,
      step: month,
    });
    const disc = discountedPurchases(curve, H, 0.1, 12);
    for (const i of [0, 1, 10, 100, 1000, 2356]) {
      const atH = curve.scale[i]! * curve.curve[curve.pattern[i]! * H + H - 1]!;
      assertClose(atH, ref.expectedPurchases[i]!, 1e-9, `${name} customer ${i}: E[X] over 24 months`, true);
      assertClose(disc[i]!, ref.clv[i]!, 1e-9, `${name} customer ${i}: discounted purchases = CLV with spend 1, margin 1`, true);
      assertClose(curve.pAlive[i]!, ref.pAlive[i]!, 1e-12, `P(alive) ${i}`);
    }
  });
}
