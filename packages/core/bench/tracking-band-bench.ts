/**
 * `tracking-band-1m` (issue 17): the holdout prediction band of the tracking curve (52 weekly periods,
 * given each customer's history) for `--customers` (default 1M) simulated BG/NBD customers born on
 * whole days of 78 weeks, next to the BG/NBD fit on the same data and to one draws-based interval of
 * the holdout total (`countModelIntervals`, 200 draws, one horizon), all measured in the same run.
 * No target in the issue; the band should cost less than the fit it comes from.
 */
import { loadavg } from 'node:os';
import { fitBgNbd } from '../src/models/bg-nbd/fit.js';
import { simulateBgNbd } from '../src/models/bg-nbd/simulate.js';
import { compressRows } from '../src/models/shared/compress.js';
import { COUNT_MODEL_REGISTRY } from '../src/models/count-models.js';
import { createRng } from '../src/math/random/rng.js';
import { PERIODS_PER_YEAR } from '../src/scores/clv.js';
import { countModelIntervals } from '../src/scores/intervals/customer-intervals.js';
import { trackingBand } from '../src/validation/tracking-band.js';
import { timeOnce } from './bench-timing.js';
import { registerBench, type BenchContext } from './registry.js';

registerBench({
  name: 'tracking-band-1m',
  group: 'models',
  description: 'holdout band of the tracking curve (52 weeks), BG/NBD, 1M customers; beside it the fit and one draws-based total interval',
  async run(ctx: BenchContext) {
    const n = ctx.customers;
    const rng = createRng(ctx.seed);
    const T = Float64Array.from({ length: n }, () => (1 + Math.floor(rng() * 546)) / 7);
    const rfm = simulateBgNbd({ r: 0.2516, alpha: 4.789, a: 0.7234, b: 2.161 }, n, T, ctx.seed + 1);
    for (let i = 0; i < n; i++) rfm.tx[i] = Math.floor(rfm.tx[i]! * 7) / 7;
    const model = COUNT_MODEL_REGISTRY['bg-nbd'];
    const fit = timeOnce(() => fitBgNbd(rfm));
    let cal = 0;
    for (const x of rfm.x) cal += x;
    const r = await ctx.time(() => timeOnce(() => trackingBand(model, fit.value, rfm, 130, { calibrationEnd: 78, calibrationTotal: cal })));
    const band = r.value.value;
    const total = timeOnce(() =>
      countModelIntervals(
        model,
        fit.value,
        rfm,
        { horizon: 52, annualDiscountRate: 0, periodsPerYear: PERIODS_PER_YEAR.week, spend: new Float64Array(n).fill(1), margin: 1 },
        { draws: 200 },
      ),
    );
    const pairs = compressRows([rfm.x, rfm.T]).size;
    ctx.record({
      name: `tracking band, ${n.toLocaleString('en-US')} customers, 52 holdout weeks`,
      value: r.seconds,
      unit: 's',
      note: `${(r.value.cpuMs / 1000).toFixed(2)} CPU-s; ${pairs.toLocaleString('en-US')} distinct (x, T); peak RSS ${r.peakRssMb.toFixed(0)} MB; week 130 band ${band.cumulativeLo.at(-1)!.toFixed(0)}–${band.cumulativeHi.at(-1)!.toFixed(0)}; load ${loadavg()[0]!.toFixed(1)}`,
    });
    ctx.record({
      name: 'tracking band / BG/NBD fit (CPU)',
      value: r.value.cpuMs / fit.cpuMs,
      unit: '×',
      note: `fit ${(fit.cpuMs / 1000).toFixed(2)} CPU-s`,
    });
    ctx.record({
      name: 'tracking band (52 periods) / one 200-draw total interval (CPU)',
      value: r.value.cpuMs / total.cpuMs,
      unit: '×',
      note: `interval ${(total.cpuMs / 1000).toFixed(2)} CPU-s; at week 130 the band is ${(band.cumulativeHi.at(-1)! - band.cumulativeLo.at(-1)!).toFixed(0)} wide, the draws-based total interval ${(total.value.totalPurchases.hi - total.value.totalPurchases.lo).toFixed(0)}`,
    });
  },
});
