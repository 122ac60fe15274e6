import { COUNT_MODEL_REGISTRY, type CountModelName } from '../models/count-models.js';
import { DAYS_PER_PERIOD, type CustomerSummary } from '../summary/summary.js';

const dayNumber = (iso: string): number => Date.parse(iso) / 86_400_000;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * P(alive) of one customer over their history (the dashboard's drill-down chart): at each evaluation day d, the customer's own
 * (x, tₓ, T) as of d (repeat purchase days up to d, a day listed twice counted once, last − first purchase, d − first purchase, in
 * summary periods) under the fitted model. Days: about 120 evenly spaced from the first purchase
 * to `end`, plus each purchase day and the day before it (so the jumps show). On the first purchase
 * day (T = 0, outside the models' domain) P(alive) is 1 by definition. The last point is the
 * customer's summary (x, tₓ, T as `summarize` defines them) as of `end`.
 * @example
 * pAliveHistory('bg-nbd', { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 }, ['1997-01-01', '1997-02-01'], '1997-09-30', 'week').at(-1)!.x; // → 1
 */
export function pAliveHistory(
  model: CountModelName,
  params: Record<string, number>,
  purchaseDays: readonly string[],
  end: string,
  period: CustomerSummary['period'],
): { date: string; pAlive: number; x: number; tx: number; T: number }[] {
  const days = [...new Set(purchaseDays.map(dayNumber))].sort((a, b) => a - b); // a day with several purchases counts once
  if (days.length === 0) return [];
  const first = days[0]!,
    last = dayNumber(end);
  const grid = new Set<number>();
  const span = Math.max(1, last - first);
  for (let k = 0; k <= 120; k++) grid.add(first + Math.round((k / 120) * span));
  for (const d of days) {
    grid.add(d);
    if (d > first) grid.add(d - 1);
  }
  const at = [...grid].filter((d) => d >= first && d <= last).sort((a, b) => a - b);
  const per = DAYS_PER_PERIOD[period];
  const x = new Float64Array(at.length),
    tx = new Float64Array(at.length),
    T = new Float64Array(at.length);
  let j = 0;
  at.forEach((d, i) => {
    while (j + 1 < days.length && days[j + 1]! <= d) j++;
    x[i] = j;
    tx[i] = (days[j]! - first) / per;
    T[i] = (d - first) / per;
  });
  // The models need T > 0: on the first purchase day itself the customer is alive by definition.
  const later = at.length > 0 && at[0] === first ? 1 : 0;
  const p = COUNT_MODEL_REGISTRY[model].pAlive(params, { x: x.subarray(later), tx: tx.subarray(later), T: T.subarray(later) });
  return at.map((d, i) => ({ date: isoOf(d), pAlive: i < later ? 1 : p[i - later]!, x: x[i]!, tx: tx[i]!, T: T[i]! }));
}
