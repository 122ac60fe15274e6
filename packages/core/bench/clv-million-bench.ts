/**
 * CLV at scale (group `models`, benchmark `clv-1m`): fit BG/NBD and Gamma-Gamma and score every
 * customer (P(alive), expected purchases and CLV over the next 52 weeks at 10% a year) for
 * `--customers` (default 1M) simulated customers, in one process whose peak RSS the runner reports.
 *
 * Data (seeded, untimed): ages T uniform over whole days 1…546 (up to 78 weeks), counts and recency
 * from `simulateBgNbd` with the BG/NBD fit to the CDNOW master calibration period (weeks; see
 * clv-cdnow), recency cut to whole days as a daily transaction log gives it (`--recency exact` keeps
 * the simulated continuous times), and mean spend from `simulateGammaGamma` with Fader & Hardie's
 * (2013) CDNOW estimates, in cents.
 *
 * Measured: the whole pipeline (first run in a fresh process, and the median of `--repeat` later
 * runs) with each stage; scoring alone (median of ≥ 5 warm runs) in customers per second; scoring
 * by distinct (x, T) vs a direct per-customer evaluation (bench/naive-clv-score.ts) on the first
 * `--direct-customers` (default 100k) customers, checked value by value; and the BG/NBD fit on
 * compressed vs uncompressed patterns at this size. Time targets hold at 1M customers only.
 */
import type { BgNbdParams } from '../src/models/bg-nbd/likelihood.js';
import { compressRfm, compressRows } from '../src/models/shared/compress.js';
import { scoreCountModel } from '../src/scores/clv.js';
import { count, list, median, runsNote, timeOnce, timeRuns } from './bench-timing.js';
import {
  ANNUAL_DISCOUNT,
  BASE_CUSTOMERS,
  BG,
  clvOptions,
  GG,
  HORIZON_WEEKS,
  MARGIN,
  model,
  pipeline,
  simulate,
  stageNote,
  type Pipeline,
} from './clv-million-data.js';
import { directComparison } from './clv-million-direct.js';
import { bgSpec, timeSpec, uncompressed } from './fit-variants.js';
import { bgNbdStarts } from './naive-bg-nbd.js';
import { parseCount, registerBench } from './registry.js';

registerBench({
  name: 'clv-1m',
  group: 'models',
  description:
    'fit BG/NBD + Gamma-Gamma and score (P(alive), expected purchases, CLV 52 weeks at 10%/year) --customers simulated customers; scoring throughput; distinct-(x, T) vs direct scoring; compression at scale',
  rssTargetMb: 1536,
  async run(ctx) {
    const n = ctx.customers;
    const atBase = n === BASE_CUSTOMERS;
    const exact = ctx.extra.recency === 'exact';
    const sim = timeOnce(() => simulate(n, ctx.seed, exact));
    const d = sim.value;
    const c = compressRfm(d.rfm);
    let repeaters = 0;
    for (let i = 0; i < n; i++) if (d.rfm.x[i] > 0) repeaters++;
    const xT = compressRows([d.rfm.x, d.rfm.T]).size;
    ctx.log(
      `simulated ${count(n)} customers in ${(sim.wallMs / 1000).toFixed(1)} s (untimed): ${count(repeaters)} repeat buyers, ${count(c.size)} distinct (x, tx, T), ${count(xT)} distinct (x, T)`,
    );
    ctx.record({
      name: 'distinct (x, tx, T) patterns',
      value: c.size,
      unit: 'patterns',
      note: `of ${count(n)} customers (${count(repeaters)} repeat buyers); distinct (x, T) ${count(xT)}; recency ${exact ? 'exact (continuous)' : 'in whole days'}; BG/NBD ${JSON.stringify(BG)}, Gamma-Gamma ${JSON.stringify(GG)}, seed ${ctx.seed}`,
    });

    const runs: Pipeline[] = [];
    for (let i = 0; i < 1 + ctx.repeat; i++) {
      runs.push(pipeline(d));
      if (i === 0) ctx.log(`first run ${(runs[0].wallMs / 1000).toFixed(2)} s: ${stageNote(runs[0])}`);
    }
    const [cold, ...warm] = runs;
    const target = (s: number) => (atBase ? { target: { max: s } } : {});
    const scaleNote = atBase ? '' : ` (target applies at ${count(BASE_CUSTOMERS)} customers)`;
    const p = cold;
    ctx.record({
      name: `fit BG/NBD + Gamma-Gamma + score, ${count(n)} customers (first run)`,
      value: cold.wallMs / 1000,
      unit: 's',
      ...target(5),
      note: `fresh process; CPU ${(cold.cpuMs / 1000).toFixed(2)} s; ${stageNote(cold)}${scaleNote}`,
    });
    if (warm.length > 0) {
      const mid = [...warm].sort((a, b) => a.wallMs - b.wallMs)[(warm.length - 1) >> 1];
      ctx.record({
        name: `  same, later runs (median of ${warm.length})`,
        value: median(warm.map((r) => r.wallMs)) / 1000,
        unit: 's',
        note: `runs ${list(
          warm.map((r) => r.wallMs / 1000),
          2,
        )} s; CPU ${(median(warm.map((r) => r.cpuMs)) / 1000).toFixed(2)} s; ${stageNote(mid)}`,
      });
    }
    const bgP = Object.entries(p.bg.params)
      .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
      .join(' ');
    const ggP = Object.entries(p.gg.params)
      .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
      .join(' ');
    let worst = 0;
    for (const k of Object.keys(BG) as (keyof BgNbdParams)[]) worst = Math.max(worst, Math.abs(p.bg.params[k] / BG[k] - 1));
    ctx.record({
      name: '  BG/NBD estimates vs simulated values (max rel. error)',
      value: 100 * worst,
      unit: '%',
      note: `BG/NBD ${bgP} (${p.bg.iterations} iterations, LL ${p.bg.logLikelihood.toFixed(0)}); Gamma-Gamma ${ggP} (${p.gg.iterations} iterations; spend rounded to cents)`,
    });
    let clvSum = 0,
      eSum = 0;
    for (let i = 0; i < n; i++) {
      clvSum += p.scores.clv[i];
      eSum += p.scores.expectedPurchases[i];
    }
    ctx.log(
      `scores: mean expected purchases (next ${HORIZON_WEEKS} weeks) ${(eSum / n).toFixed(3)}, mean CLV (margin ${MARGIN}, ${100 * ANNUAL_DISCOUNT}% a year) ${(clvSum / n).toFixed(2)} USD`,
    );
    ctx.record({
      name: '  RSS after the pipeline',
      value: process.memoryUsage.rss() / 2 ** 20,
      unit: 'MB',
      note: 'peak over the whole process: the last row (maxRSS, simulation and comparisons included)',
    });

    // Scoring alone, warm.
    const opts = clvOptions(p.spend);
    const sc = timeRuns(() => scoreCountModel(model, p.bg.params, d.rfm, opts), Math.max(5, ctx.repeat), 1);
    const scoreS = median(sc.wallMs) / 1000;
    ctx.record({
      name: `scoring alone, ${count(n)} customers`,
      value: n / scoreS,
      unit: 'cust/s',
      ...(atBase ? { target: { min: 1e6 } } : {}),
      note: `${(scoreS * 1000).toFixed(0)} ms, ${runsNote(sc, 0)}; ${count(Math.round(n / (median(sc.cpuMs) / 1000)))} customers per CPU second${scaleNote}`,
    });
    directComparison(ctx, d, p);

    // Compression at this size: the same BG/NBD fit with every customer its own pattern.
    const starts = bgNbdStarts(d.rfm);
    const comp = timeSpec(bgSpec(c, starts, true), {}, 1);
    const unc = timeSpec(bgSpec(uncompressed(d.rfm), starts, true), {}, 1);
    ctx.record({
      name: `BG/NBD fit, every customer its own pattern`,
      value: unc.wallMs[0] / 1000,
      unit: 's',
      note: `CPU ${(unc.cpuMs[0] / 1000).toFixed(2)} s, ${unc.evals} objective calls; on ${count(c.size)} patterns ${(comp.wallMs[0] / 1000).toFixed(2)} s (CPU ${(comp.cpuMs[0] / 1000).toFixed(2)}); after one warm-up each; |ΔLL| ${Math.abs(unc.value.logLikelihood - comp.value.logLikelihood).toExponential(1)}`,
    });
    ctx.record({
      name: '  speed-up from compression at this size',
      value: unc.wallMs[0] / comp.wallMs[0],
      unit: '×',
      note: `${count(n)} customers → ${count(c.size)} patterns; CPU ratio ${(unc.cpuMs[0] / comp.cpuMs[0]).toFixed(1)}×`,
    });
  },
});
