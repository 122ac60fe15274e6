import { medianOfFinite } from '../math/stats/median.js';
import { DAYS_PER_PERIOD } from '../summary/summary.js';
import type { RetentionAsOf } from './retention-as-of.js';
import { waitingTimeCdf, waitingTimeQuantile } from './waiting-time.js';

/** Next-purchase date errors of one group of holdout buyers (calendar days). */
export interface TimingRow {
  group: string;
  customers: number;
  modelMedianError: number;
  withinMedianError: number;
  naiveMedianError: number;
  coverage: number;
}

/**
 * Next-purchase date errors among the holdout buyers: the model's median date (D + ⌈median waiting
 * time⌉, at least D + 1; capped at `maxNextPurchaseDays`) and the naive date (last purchase + m × own
 * mean gap with the smallest m that passes D; the base median gap for one-time buyers), each against
 * the first purchase after D; and how often that purchase fell inside the model's interval. Only
 * holdout buyers have a date to compare, so the model's median "if alive" (heavy-tailed for one-time
 * buyers) is also given conditional on a purchase within the holdout: the quantile ½·F(H) of the
 * waiting time, F(H) = P(W ≤ H) (the question "if they come back within H days, when?").
 * @param next - first purchase day after D per customer (days since 1970-01-01; NaN without one)
 * @example
 * timingErrors(asOf, outcomes.next, bought, dDay, 273)[2]; // => { group: 'all buyers', modelMedianError: 82, … } on CDNOW
 */
export function timingErrors(a: RetentionAsOf, next: Float64Array, bought: Uint8Array, dDay: number, holdoutDays: number): TimingRow[] {
  const r = a.retention,
    s = a.summary,
    cap = r.options.maxNextPurchaseDays;
  const per = DAYS_PER_PERIOD[a.summary.period];
  const day = (w: number): number => dDay + Math.max(1, Math.ceil(Math.min(w, cap)));
  const groups = [
    { group: 'repeat buyers (own mean gap)', pick: (i: number) => s.frequency[i]! > 0 },
    { group: 'one-time buyers (base median gap)', pick: (i: number) => s.frequency[i] === 0 },
    { group: 'all buyers', pick: () => true },
  ];
  return groups.map(({ group, pick }) => {
    const model: number[] = [],
      within: number[] = [],
      naive: number[] = [];
    let inside = 0;
    for (let i = 0; i < s.length; i++) {
      if (!bought[i] || !pick(i)) continue;
      const actual = next[i]!;
      const gap = r.rhythmDays[i]!;
      const last = s.lastPurchase[i]!;
      const m = Math.max(1, Math.floor((dDay - last) / gap) + 1);
      const naiveDay = Math.max(dDay + 1, Math.ceil(last + m * gap));
      model.push(Math.abs(day(r.nextDays[i]!) - actual));
      const k = a.params.r! + s.frequency[i]!,
        A = a.params.alpha! + s.T[i]!;
      within.push(Math.abs(day(per * waitingTimeQuantile(k, A, 0.5 * waitingTimeCdf(k, A, holdoutDays / per))) - actual));
      naive.push(Math.abs(naiveDay - actual));
      if (actual >= day(r.nextLowDays[i]!) && actual <= day(r.nextHighDays[i]!)) inside++;
    }
    return {
      group,
      customers: model.length,
      modelMedianError: medianOfFinite(Float64Array.from(model)),
      withinMedianError: medianOfFinite(Float64Array.from(within)),
      naiveMedianError: medianOfFinite(Float64Array.from(naive)),
      coverage: model.length ? inside / model.length : NaN,
    };
  });
}
