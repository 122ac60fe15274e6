/**
 * Forecast uncertainty, covariates and regular buyers (group `models`, issue 17):
 * - `intervals-1m`: 90% intervals (200 parameter draws) for every customer's P(alive), expected
 *   purchases and CLV plus the totals, BG/NBD on `--customers` (default 1M) simulated customers (the
 *   clv-1m data: CDNOW-master BG/NBD, ages up to 78 weeks, recency in whole days); target < 10 s.
 * - `covariates-100k`: Pareto/NBD with two binary covariates on both processes, 100k simulated
 *   customers (CLVTools' apparel estimates as truth, 104 weeks); target < 10 s.
 * - `mbg-cnbd-k-grocery`: the MBG/CNBD-k k-grid fit on the grocery calibration summary; target < 2 s.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fitBgNbd } from '../src/models/bg-nbd/fit.js';
import { simulateBgNbd } from '../src/models/bg-nbd/simulate.js';
import { COUNT_MODEL_REGISTRY } from '../src/models/count-models.js';
import { fitParetoNbdCovariates } from '../src/models/covariates/pareto-nbd-covariates.js';
import { fitMbgCnbdK } from '../src/models/mbg-cnbd-k/index.js';
import { simulateParetoNbd } from '../src/models/pareto-nbd/simulate.js';
import { createRng } from '../src/math/random/rng.js';
import { PERIODS_PER_YEAR } from '../src/scores/clv.js';
import { countModelIntervals } from '../src/scores/intervals/customer-intervals.js';
import type { RfmData } from '../src/models/shared/model-types.js';
import type { ClvOptions } from '../src/scores/clv.js';
import { timeOnce } from './bench-timing.js';
import { naiveIntervals } from './naive-intervals.js';
import { registerBench, type BenchContext } from './registry.js';

registerBench({
  name: 'intervals-1m',
  group: 'models',
  description: 'per-customer and total 90% intervals, 200 draws, BG/NBD, 1M customers; beside it the straightforward implementation on 20k',
  async run(ctx: BenchContext) {
    const data = (n: number, seed: number): { rfm: RfmData; clv: ClvOptions } => {
      const rng = createRng(seed);
      const T = Float64Array.from({ length: n }, () => (1 + Math.floor(rng() * 546)) / 7);
      const rfm = simulateBgNbd({ r: 0.2516, alpha: 4.789, a: 0.7234, b: 2.161 }, n, T, seed + 1);
      for (let i = 0; i < n; i++) rfm.tx[i] = Math.floor(rfm.tx[i]! * 7) / 7;
      return {
        rfm,
        clv: {
          horizon: 52,
          annualDiscountRate: 0.1,
          periodsPerYear: PERIODS_PER_YEAR.week,
          spend: new Float64Array(n).fill(35),
          margin: 0.3,
        },
      };
    };
    const model = COUNT_MODEL_REGISTRY['bg-nbd'];
    const n = ctx.customers;
    const big = data(n, ctx.seed);
    const fit = fitBgNbd(big.rfm);
    const cpu0 = process.cpuUsage();
    const r = await ctx.time(() => countModelIntervals(model, fit, big.rfm, big.clv, { draws: 200 }));
    const cpu = process.cpuUsage(cpu0);
    ctx.record({
      name: `intervals, ${n.toLocaleString('en-US')} customers, 200 draws`,
      value: r.seconds,
      unit: 's',
      target: { max: 10 },
      note: `${r.value.patterns.toLocaleString('en-US')} patterns; total purchases ${r.value.totalPurchases.estimate.toFixed(0)} (${r.value.totalPurchases.lo.toFixed(0)}–${r.value.totalPurchases.hi.toFixed(0)}); peak RSS ${r.peakRssMb.toFixed(0)} MB; load ${loadavg()[0]!.toFixed(1)}`,
    });
    ctx.record({
      name: 'CPU time of the intervals (process, all threads)',
      value: (cpu.user + cpu.system) / 1e6,
      unit: 's',
      note: 'the work done; wall time above includes waiting for a core',
    });
    // side by side on 20k customers: the product code vs bench/naive-intervals.ts (same draws)
    const small = data(20_000, ctx.seed + 10);
    const sfit = fitBgNbd(small.rfm);
    const ours = timeOnce(() => countModelIntervals(model, sfit, small.rfm, small.clv, { draws: 200 }));
    const naive = timeOnce(() => naiveIntervals(model, sfit, small.rfm, small.clv, 0.9, 200, 1));
    let worst = 0;
    for (let i = 0; i < small.rfm.x.length; i++)
      worst = Math.max(worst, Math.abs(ours.value.expectedPurchases.hi[i]! - naive.value.eHi[i]!) / naive.value.eHi[i]!);
    ctx.record({
      name: 'intervals, 20k customers: straightforward / ours (CPU)',
      value: naive.cpuMs / ours.cpuMs,
      unit: '×',
      note: `ours ${(ours.cpuMs / 1000).toFixed(2)} CPU-s (${(ours.wallMs / 1000).toFixed(2)} s wall), straightforward ${(naive.cpuMs / 1000).toFixed(2)} CPU-s (${(naive.wallMs / 1000).toFixed(2)} s wall); largest relative difference of the E upper ends ${worst.toExponential(1)}`,
    });
  },
});

registerBench({
  name: 'covariates-100k',
  group: 'models',
  description: 'Pareto/NBD with 2 binary covariates on both processes, 100k customers',
  async run(ctx: BenchContext) {
    const n = 100_000;
    const g = Float64Array.from({ length: n }, (_, i) => i % 2),
      c = Float64Array.from({ length: n }, (_, i) => (i >> 1) % 2);
    const x = new Float64Array(n),
      tx = new Float64Array(n),
      T = new Float64Array(n);
    for (let k = 0; k < 4; k++) {
      const idx = [...Array(n).keys()].filter((i) => g[i] === (k & 1) && c[i] === k >> 1);
      const lp = 0.2859 * (k & 1) + 0.6241 * (k >> 1),
        ld = -0.643 * (k & 1) + 0.7907 * (k >> 1);
      const sim = simulateParetoNbd(
        { r: 1.8378, alpha: 92.9123 * Math.exp(-lp), s: 0.592, beta: 49.6227 * Math.exp(-ld) },
        idx.length,
        104,
        ctx.seed + k,
      );
      idx.forEach((i, j) => {
        x[i] = sim.x[j]!;
        tx[i] = Math.floor(sim.tx[j]! * 7) / 7;
        T[i] = 104;
      });
    }
    const cov = { names: ['Gender', 'Channel'], columns: [g, c] };
    const r = await ctx.time(() => fitParetoNbdCovariates({ x, tx, T }, { purchase: cov, dropout: cov }));
    ctx.record({
      name: 'covariate Pareto/NBD fit, 100k customers (incl. the fit without covariates)',
      value: r.seconds,
      unit: 's',
      target: { max: 10 },
      note: `LR ${r.value.lrTest.statistic.toFixed(1)} on ${r.value.lrTest.df} df; purchase.Channel ${r.value.effects[1]!.estimate.toFixed(3)} (truth 0.624)`,
    });
  },
});

registerBench({
  name: 'mbg-cnbd-k-grocery',
  group: 'models',
  description: 'MBG/CNBD-k k-grid fit on the grocery calibration period',
  async run(ctx: BenchContext) {
    const lines = readFileSync(new URL('../../../data/grocery/grocery_elog.csv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const cal = Date.parse('2006-12-31') / 86_400_000;
    const days = new Map<string, number[]>();
    for (const l of lines) {
      const [id, d] = l.split(',');
      const t = Date.parse(d!) / 86_400_000;
      if (t <= cal) {
        if (!days.has(id!)) days.set(id!, []);
        days.get(id!)!.push(t);
      }
    }
    const n = days.size;
    const x = new Float64Array(n),
      tx = new Float64Array(n),
      T = new Float64Array(n),
      litt = new Float64Array(n);
    let i = 0;
    for (const ds of days.values()) {
      const s = [...new Set(ds)].sort((a, b) => a - b);
      x[i] = s.length - 1;
      tx[i] = (s[s.length - 1]! - s[0]!) / 7;
      T[i] = (cal - s[0]!) / 7;
      for (let j = 1; j < s.length; j++) litt[i] += Math.log((s[j]! - s[j - 1]!) / 7);
      i++;
    }
    const cpu0 = process.cpuUsage();
    const r = await ctx.time(() => fitMbgCnbdK({ x, tx, T, litt }));
    const cpu = process.cpuUsage(cpu0);
    ctx.record({
      name: 'MBG/CNBD-k fit on grocery (k = 1…4 searched, SEs at the chosen k)',
      value: r.seconds,
      unit: 's',
      target: { max: 2 },
      note: `k = ${r.value.k}, LL ${r.value.fit.logLikelihood.toFixed(2)}; ${((cpu.user + cpu.system) / 1e6).toFixed(2)} CPU-s; load ${loadavg()[0]!.toFixed(1)}`,
    });
  },
});
