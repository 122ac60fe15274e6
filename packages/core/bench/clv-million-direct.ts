// The clv-1m benchmark's side-by-side check: scoring by distinct (x, T) vs direct per-customer scoring.
import { compressRows } from '../src/models/shared/compress.js';
import type { RfmData } from '../src/models/shared/model-types.js';
import { scoreCountModel } from '../src/scores/clv.js';
import { count, timeOnce } from './bench-timing.js';
import { clvOptions, HORIZON_WEEKS, model, type Pipeline, type Simulated } from './clv-million-data.js';
import { scoreCountModelDirect } from './naive-clv-score.js';
import { parseCount, type BenchContext } from './registry.js';

/** Largest relative difference between two arrays (entries below `floor` in both compare absolutely). */
function maxRelDiff(a: Float64Array, b: Float64Array, floor = 1e-12): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(floor, Math.abs(b[i])));
  return m;
}

function slice(d: Simulated, n: number, spend: Float64Array): { rfm: RfmData; spend: Float64Array } {
  return { rfm: { x: d.rfm.x.subarray(0, n), tx: d.rfm.tx.subarray(0, n), T: d.rfm.T.subarray(0, n) }, spend: spend.subarray(0, n) };
}

/**
 * Scoring by distinct (x, T) against a direct per-customer evaluation (naive-clv-score.ts) on the
 * first `--direct-customers` (default 100k) customers, timed side by side and checked value by value
 * (1e-8 relative); records both times and the speed-up.
 * @throws Error when the two disagree
 */
export function directComparison(ctx: BenchContext, d: Simulated, p: Pipeline): void {
  const n = Math.min(d.rfm.x.length, parseCount(ctx.extra['direct-customers'] ?? '100k', 'direct-customers'));
  const s = slice(d, n, p.spend);
  const warm = slice(d, Math.min(n, 2000), p.spend);
  scoreCountModel(model, p.bg.params, warm.rfm, clvOptions(warm.spend));
  scoreCountModelDirect(model, p.bg.params, warm.rfm, clvOptions(warm.spend));
  const ours = timeOnce(() => scoreCountModel(model, p.bg.params, s.rfm, clvOptions(s.spend)));
  const direct = timeOnce(() => scoreCountModelDirect(model, p.bg.params, s.rfm, clvOptions(s.spend)));
  const dClv = maxRelDiff(ours.value.clv, direct.value.clv);
  const dE = maxRelDiff(ours.value.expectedPurchases, direct.value.expectedPurchases);
  if (!(dClv < 1e-8 && dE < 1e-8))
    throw new Error(
      `scoring by distinct (x, T) disagrees with the direct evaluation: max relative difference CLV ${dClv}, expected purchases ${dE}`,
    );
  const pairs = compressRows([s.rfm.x, s.rfm.T]).size;
  const on = `first ${count(n)} customers, ${count(pairs)} distinct (x, T)`;
  ctx.record({
    name: `  direct per-customer scoring, ${count(n)} customers`,
    value: direct.wallMs / 1000,
    unit: 's',
    note: `${on}; CPU ${(direct.cpuMs / 1000).toFixed(2)} s; model.expectedPurchases at each of the ${Math.ceil(HORIZON_WEEKS / 4)} grid steps; agrees to ${Math.max(dClv, dE).toExponential(0)} relative`,
  });
  ctx.record({
    name: `  by distinct (x, T), same customers`,
    value: ours.wallMs / 1000,
    unit: 's',
    note: `CPU ${(ours.cpuMs / 1000).toFixed(3)} s`,
  });
  ctx.record({
    name: '  speed-up of distinct-(x, T) scoring over direct',
    value: direct.wallMs / ours.wallMs,
    unit: '×',
    note: `CPU ratio ${(direct.cpuMs / ours.cpuMs).toFixed(0)}×, ${on} (the ratio grows with n: distinct (x, T) saturate)`,
  });
}
