/**
 * `tracking-band-mbg-cnbd-k` (issue 17): MBG/CNBD-k's simulated holdout band (52 weekly periods) on
 * 10,000 simulated customers (k = 2, births over 52 weeks), beside the MBG/CNBD-k fit on the same data
 * and the closed-form MBG/NBD band (delta method + exact noise) on the same customers, all in one run.
 * No target in the issue; it shows what the simulation costs against a fit and against the closed form.
 */
import { loadavg } from 'node:os';
import { createRng } from '../src/math/random/rng.js';
import { COUNT_MODEL_REGISTRY } from '../src/models/count-models.js';
import { fitMbgCnbdK, mbgCnbdKCountModel, simulateMbgCnbdK } from '../src/models/mbg-cnbd-k/index.js';
import { trackingBand } from '../src/validation/tracking-band.js';
import { timeOnce } from './bench-timing.js';
import { registerBench, type BenchContext } from './registry.js';

registerBench({
  name: 'tracking-band-mbg-cnbd-k',
  group: 'models',
  description:
    'simulated MBG/CNBD-k holdout band (52 weeks, 400 draws), 10,000 customers; beside it the fit and the closed-form MBG/NBD band',
  async run(ctx: BenchContext) {
    const n = 10_000;
    const rng = createRng(ctx.seed);
    // customers born on whole days of 52 weeks, observed to week 52: T per customer, one simulation each
    const T = Float64Array.from({ length: n }, () => (1 + Math.floor(rng() * 364)) / 7);
    const x = new Float64Array(n),
      tx = new Float64Array(n),
      litt = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const one = simulateMbgCnbdK({ k: 2, r: 0.9, alpha: 5, a: 0.6, b: 2.5 }, 1, T[i]!, ctx.seed + i);
      x[i] = one.x[0]!;
      tx[i] = one.tx[0]!;
      litt[i] = one.litt[0]!;
    }
    const data = { x, tx, T, litt };
    let cal = 0;
    for (const v of x) cal += v;
    const fit = timeOnce(() => {
      const f = fitMbgCnbdK(data);
      return { ...f.fit, params: { ...f.fit.params, k: f.k } };
    });
    const holdout = { calibrationEnd: 52, calibrationTotal: cal };
    const r = await ctx.time(() => timeOnce(() => trackingBand(mbgCnbdKCountModel(litt), fit.value, data, 104, holdout)));
    const mbg = COUNT_MODEL_REGISTRY['mbg-nbd'];
    const mbgFit = mbg.fit(data);
    const closed = timeOnce(() => trackingBand(mbg, mbgFit, data, 104, holdout));
    const band = r.value.value;
    ctx.record({
      name: `simulated MBG/CNBD-k band, ${n.toLocaleString('en-US')} customers, 52 holdout weeks, 400 draws`,
      value: r.seconds,
      unit: 's',
      note: `${(r.value.cpuMs / 1000).toFixed(2)} CPU-s; k = ${fit.value.params.k}; peak RSS ${r.peakRssMb.toFixed(0)} MB; week 104 band ${band.cumulativeLo.at(-1)!.toFixed(0)}–${band.cumulativeHi.at(-1)!.toFixed(0)}; load ${loadavg()[0]!.toFixed(1)}`,
    });
    ctx.record({
      name: 'simulated band / MBG/CNBD-k k-grid fit (CPU)',
      value: r.value.cpuMs / fit.cpuMs,
      unit: '×',
      note: `fit ${(fit.cpuMs / 1000).toFixed(2)} CPU-s`,
    });
    ctx.record({
      name: 'simulated MBG/CNBD-k band / closed-form MBG/NBD band (CPU)',
      value: r.value.cpuMs / closed.cpuMs,
      unit: '×',
      note: `closed form ${(closed.cpuMs / 1000).toFixed(2)} CPU-s`,
    });
  },
});
