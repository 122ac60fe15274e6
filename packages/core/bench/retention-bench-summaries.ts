/**
 * The retention bench's side-by-side summaries (split from retention-bench.ts). Alternating, best of
 * two each: the summary the analysis runs without retention (with the segments' second-to-last
 * purchase day, which replaced the segmentation's own history query: the segments stage's price, not
 * retention's) and the same summary that also reads the history as of 90 days earlier in its pass
 * (what the analysis runs since issue 12's rework): the difference is charged to retention. The
 * standalone history query is timed for the record on the first summary.
 */
import type { Engine } from '../src/engine/engine.js';
import { summarize, type CustomerSummary } from '../src/summary/summary.js';
import { loadRetentionHistory } from '../src/retention/retention-history.js';
import type { BenchContext } from './registry.js';

const n = (x: number): string => x.toLocaleString('en-US');
const cpu = (x: { cpuSeconds: number }): string => `${x.cpuSeconds.toFixed(2)} CPU-s`;

/** A timed step as `ctx.time` gives it, without its value. */
export interface TimedStep {
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/**
 * Runs and records the side-by-side summaries; returns the summary with the history (the one the
 * analysis holds: the others are let go as soon as measured), the best baseline and history runs,
 * the CPU-s charged to retention, the standalone history query's timing and the peak RSS sampled.
 */
export async function summariesSideBySide(
  ctx: BenchContext,
  engine: Engine,
): Promise<{
  s: CustomerSummary;
  summary: TimedStep;
  withHistory: TimedStep;
  historyCpu: number;
  history: TimedStep;
  summariesPeakRssMb: number;
}> {
  const summaryOptions = { period: 'week' as const, previousPurchase: true };
  const plain1 = await ctx.time(() => summarize(engine, summaryOptions));
  const history = await ctx.time(() => loadRetentionHistory(engine, plain1.value, 90));
  for (const x of [plain1, history] as { value: unknown }[]) x.value = null;
  const withHistory1 = await ctx.time(() => summarize(engine, { ...summaryOptions, historyLookbackDays: 90 }));
  (withHistory1 as { value: unknown }).value = null;
  const plain2 = await ctx.time(() => summarize(engine, summaryOptions));
  (plain2 as { value: unknown }).value = null;
  const withHistory2 = await ctx.time(() => summarize(engine, { ...summaryOptions, historyLookbackDays: 90 }));
  const summary = plain2.cpuSeconds < plain1.cpuSeconds ? plain2 : plain1;
  const withHistory = withHistory2.cpuSeconds < withHistory1.cpuSeconds ? withHistory2 : withHistory1;
  const s = withHistory2.value;
  ctx.record({
    name: `summary, ${n(ctx.rows)} rows / ${n(s.length)} customers (the "after the summary" baseline)`,
    value: summary.seconds,
    unit: 's',
    note: `${cpu(summary)} (best of two: ${plain1.cpuSeconds.toFixed(2)}, ${plain2.cpuSeconds.toFixed(2)}; with the segments' second-to-last purchase day); peak RSS ${summary.peakRssMb.toFixed(0)} MB`,
  });
  const historyCpu = Math.max(0, withHistory.cpuSeconds - summary.cpuSeconds);
  ctx.record({
    name: '  summary that also reads the history as of 90 days earlier (same pass)',
    value: withHistory.seconds,
    unit: 's',
    note: `${cpu(withHistory)} (best of two: ${withHistory1.cpuSeconds.toFixed(2)}, ${withHistory2.cpuSeconds.toFixed(2)}): +${historyCpu.toFixed(2)} CPU-s over the summary without it, charged to retention below`,
  });
  return {
    s,
    summary,
    withHistory,
    historyCpu,
    history,
    summariesPeakRssMb: Math.max(plain1.peakRssMb, history.peakRssMb, withHistory1.peakRssMb, plain2.peakRssMb, withHistory2.peakRssMb),
  };
}
