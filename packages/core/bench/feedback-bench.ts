/**
 * Feedback and loyalty benchmarks (group `feedback`, issue 15), on synthetic arrays (no engine):
 *
 * - `chain-1m`: the satisfaction-profit chain over 1M respondents (random NPS class, four controls,
 *   windows 90 and 180: six regressions with sandwich covariances and standardisation). Target
 *   under 10 s. Side by side: one logistic fit of the same design (the chain does six fits).
 * - `loyalty-tiers-1m`: each of 1M customers' tier at 36 month ends from ~8 purchase days each
 *   (rolling 365-day spend). Target under 10 s. Side by side: the naive scan of every purchase day
 *   per customer and review.
 *
 *   npm run bench -- --only feedback [--customers 1M]
 */
import { estimateChain } from '../src/feedback/chain.js';
import type { ChainInput } from '../src/feedback/chain-types.js';
import { parseLoyaltyProgram, tierOf } from '../src/loyalty/loyalty-program.js';
import { groupPurchases, monthEndReviews, tiersOverTime, type PurchaseDays } from '../src/loyalty/loyalty-tiers.js';
import { fitRidgeLogistic } from '../src/math/stats/ridge-regression.js';
import { createRng } from '../src/math/random/rng.js';
import { sampleStandardNormal } from '../src/math/random/sample-normal.js';
import { samplePoisson } from '../src/math/random/sample-poisson.js';
import { registerBench } from './registry.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { summarize } from '../src/summary/summary.js';
import { openWorkspace } from '../src/workspace.js';
import { demoWorkspacePaths } from './growth-bench.js';

const n = (x: number): string => x.toLocaleString('en-US');
const secs = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(', ');
const best = (xs: number[]): number => Math.min(...xs);

function chainData(size: number, seed: number): ChainInput {
  const rng = createRng(seed);
  const cls = new Uint8Array(size);
  const cov = [0, 1, 2, 3].map(() => new Float64Array(size));
  const d90 = new Float64Array(size),
    d180 = new Float64Array(size),
    s90 = new Float64Array(size),
    s180 = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    cls[i] = Math.floor(rng() * 3);
    for (const c of cov) c[i] = sampleStandardNormal(rng);
    const rate = Math.exp(-0.5 + 0.3 * cov[0]![i]! - 0.2 * cov[1]![i]! + (cls[i] === 0 ? -0.2 : cls[i] === 2 ? 0.15 : 0));
    d90[i] = samplePoisson(rng, rate);
    d180[i] = d90[i]! + samplePoisson(rng, rate);
    s90[i] = d90[i]! * 40 * Math.exp(0.3 * sampleStandardNormal(rng));
    s180[i] = s90[i]! + (d180[i]! - d90[i]!) * 40;
  }
  return {
    npsClass: cls,
    covariates: cov.map((values, j) => ({ name: `x${j}`, label: `x${j}`, values })),
    windows: [90, 180],
    daysAfter: [d90, d180],
    spendAfter: [s90, s180],
  };
}

registerBench({
  name: 'chain-1m',
  group: 'feedback',
  description: 'satisfaction-profit chain over 1M respondents (6 regressions, sandwich, standardisation) vs one logistic fit',
  rssTargetMb: 2048,
  async run(ctx) {
    const data = chainData(ctx.customers, ctx.seed);
    const chain: number[] = [],
      chainCpu: number[] = [],
      one: number[] = [];
    ctx.record({ name: 'machine load average (1 min) at the start', value: loadavg()[0]!, unit: '' });
    let note = '';
    for (let rep = 0; rep < ctx.repeat; rep++) {
      const r = await ctx.time(() => estimateChain(data));
      chain.push(r.seconds);
      chainCpu.push(r.cpuSeconds);
      note = r.value.sentences[0] ?? '';
      // the baseline: one logistic fit of the same design (intercept, two class indicators, four controls)
      const p = 7,
        N = data.npsClass.length,
        X = new Float64Array(N * p),
        y = Float64Array.from(data.daysAfter[0]!, (v) => (v > 0 ? 0 : 1));
      for (let i = 0; i < N; i++) {
        const o = i * p;
        X[o] = 1;
        X[o + 1] = data.npsClass[i] === 0 ? 1 : 0;
        X[o + 2] = data.npsClass[i] === 2 ? 1 : 0;
        for (let j = 0; j < 4; j++) X[o + 3 + j] = data.covariates[j]!.values[i]!;
      }
      const rows = Uint32Array.from({ length: N }, (_, i) => i);
      one.push((await ctx.time(() => fitRidgeLogistic(X, p, y, rows, 0))).seconds);
    }
    ctx.record({
      name: `chain, ${n(ctx.customers)} respondents`,
      value: best(chain),
      unit: 's',
      target: { max: 10 },
      note: `${secs(chain)}; ${note}`,
    });
    ctx.record({ name: '  one logistic fit of the same design', value: best(one), unit: 's', note: secs(one) });
    ctx.record({
      name: '  chain / one fit',
      value: best(chain) / best(one),
      unit: '×',
      note: 'six fits plus sandwich covariances and standardisation',
    });
    ctx.record({ name: '  chain in CPU-s (process)', value: best(chainCpu), unit: 'CPU-s', note: secs(chainCpu) });
    // the floor side by side: the per-customer summary of a workspace of the same size (--workspace DIR, else the
    // prepared demo workspace when it exists; never generated here)
    const ws = ctx.extra.workspace ?? demoWorkspacePaths(ctx).workspace;
    if (existsSync(join(ws, 'cvm.duckdb'))) {
      const engine = await openWorkspace({ dir: ws, mustExist: true });
      try {
        const s = await ctx.time(() => summarize(engine, { period: 'week' }));
        ctx.record({
          name: `  summary of ${n(s.value.length)} customers (the floor, same run)`,
          value: s.seconds,
          unit: 's',
          note: `${s.cpuSeconds.toFixed(2)} CPU-s; ${ws}`,
        });
        ctx.record({
          name: '  chain / summary',
          value: best(chain) / s.seconds,
          unit: '×',
          note: `CPU: ${(best(chainCpu) / s.cpuSeconds).toFixed(2)}×`,
        });
      } finally {
        await engine.close();
      }
    } else ctx.log(`no workspace at ${ws} for the summary floor (pass --workspace DIR)`);
    ctx.record({ name: 'machine load average (1 min) at the end', value: loadavg()[0]!, unit: '' });
  },
});

function purchaseData(customers: number, seed: number): { p: PurchaseDays; first: number; last: number } {
  const rng = createRng(seed);
  const first = Date.parse('2022-01-01T00:00:00Z') / 86_400_000,
    last = first + 1095;
  const ids: string[] = [],
    day: number[] = [],
    amount: number[] = [];
  for (let c = 0; c < customers; c++) {
    const id = `C${c}`;
    let d = first + Math.floor(rng() * 1000);
    const k = 1 + samplePoisson(rng, 7);
    for (let j = 0; j < k && d <= last; j++) {
      ids.push(id);
      day.push(d);
      amount.push(Math.round(100 * 60 * Math.exp(0.8 * sampleStandardNormal(rng))) / 100);
      d += 1 + Math.floor(-90 * Math.log(rng()));
    }
  }
  return { p: groupPurchases(ids, Float64Array.from(day), Float64Array.from(amount)), first, last };
}

registerBench({
  name: 'loyalty-tiers-1m',
  group: 'feedback',
  description: 'loyalty tiers of 1M customers at 36 month ends (rolling 365-day spend) vs the naive scan per review',
  rssTargetMb: 2048,
  async run(ctx) {
    const { p, first, last } = purchaseData(ctx.customers, ctx.seed);
    const program = parseLoyaltyProgram(
      {
        margin: 0.3,
        tiers: [
          { name: 'Member', min: 0, max: 500 },
          { name: 'Silver', min: 500, max: 1500 },
          { name: 'Gold', min: 1500 },
        ],
      },
      'bench',
    );
    const reviews = monthEndReviews(first, last);
    const fast: number[] = [],
      naive: number[] = [];
    for (let rep = 0; rep < ctx.repeat; rep++) {
      const r = await ctx.time(() => tiersOverTime(p, reviews, program));
      fast.push(r.seconds);
      // naive: every purchase day of the customer scanned at every review (a tenth of the customers, scaled)
      const sub = Math.ceil(p.customerId.length / 10);
      const t = await ctx.time(() => {
        let s = 0;
        for (let k = 0; k < sub; k++)
          for (let r2 = 0; r2 < reviews.length; r2++) {
            let sum = 0;
            for (let i = p.start[k]!; i < p.start[k + 1]!; i++)
              if (p.day[i]! > reviews[r2]! - 365 && p.day[i]! <= reviews[r2]!) sum += p.amount[i]!;
            s += tierOf(program.tiers, sum);
          }
        return s;
      });
      naive.push((t.seconds * p.customerId.length) / sub);
    }
    ctx.record({
      name: `loyalty tiers, ${n(p.customerId.length)} customers × ${reviews.length} month ends (${n(p.day.length)} purchase days)`,
      value: best(fast),
      unit: 's',
      target: { max: 10 },
      note: secs(fast),
    });
    ctx.record({ name: '  naive scan per review (a tenth, scaled)', value: best(naive), unit: 's', note: secs(naive) });
    ctx.record({ name: '  naive / two-pointer', value: best(naive) / best(fast), unit: '×' });
  },
});
