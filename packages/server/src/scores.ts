import { COUNT_MODEL_REGISTRY, DAYS_PER_PERIOD, DataQualityError, fitStamp, type CountModelName, type CustomerSummary } from '@cvm/core';
import type { ApiFitStamp } from '@cvm/core/api';
import { modelsRun } from './routes/models.js';
import type { WorkspaceState } from './workspace-state.js';

export interface CustomerScores {
  model: CountModelName;
  params: Record<string, number>;
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  expectedSpend: Float64Array;
  clv: Float64Array;
  units: { horizon: string; discount: string; margin: string; spend: string };
  /** Doubts about the fits behind these scores, in plain words: every answer carrying a score carries them. */
  warnings: string[];
  /** Customer id → index into the arrays (the summary's order). */
  index: Map<string, number>;
}

/**
 * Every customer's P(alive), expected purchases, expected spend and CLV from the models run (the
 * recommended count model and Gamma-Gamma, as `cvm report` scores them), with an id index and the
 * fits' doubts. Cached per data version.
 * @throws DataQualityError `no_trustworthy_model` (HTTP 422) when no count model can be trusted on the
 *   data, with the plain-words reason (the segments then rank historic net revenue)
 */
export function customerScores(state: WorkspaceState): Promise<CustomerScores> {
  return state.cached('scores', async () => {
    const { report: m, scores: s } = await modelsRun(state);
    if (s === null || m.model === null || m.params === null || m.units === null) {
      throw new DataQualityError('no_trustworthy_model', m.fallback?.reason ?? 'No count model can be trusted on this data', {});
    }
    return {
      model: m.model,
      params: m.params,
      pAlive: s.pAlive,
      expectedPurchases: s.expectedPurchases,
      expectedSpend: s.expectedSpend,
      clv: s.clv,
      units: { horizon: m.units.horizon, discount: m.units.discount, margin: m.units.margin, spend: m.units.spend },
      warnings: m.warnings,
      index: new Map(s.customerId.map((id, i) => [id, i])),
    };
  });
}

const dayNumber = (iso: string): number => Date.parse(iso) / 86_400_000;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/**
 * P(alive) of one customer over their history: at each evaluation day d, the customer's own
 * (x, tₓ, T) as of d (repeat purchase days up to d, last − first purchase, d − first purchase, in
 * summary periods) under the fitted model. Days: about 120 evenly spaced from the first purchase
 * to `end`, plus each purchase day and the day before it (so the jumps show). On the first purchase
 * day (T = 0, outside the models' domain) P(alive) is 1 by definition.
 */
export function pAliveHistory(
  model: CountModelName,
  params: Record<string, number>,
  purchaseDays: readonly string[],
  end: string,
  period: CustomerSummary['period'],
): { date: string; pAlive: number; x: number; tx: number; T: number }[] {
  const days = purchaseDays.map(dayNumber).sort((a, b) => a - b);
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

/** The fit the scores use, as answers cite it (issue 16); null without a trustworthy fit. */
export async function fitOf(state: WorkspaceState): Promise<ApiFitStamp | null> {
  const fit = await state.scoringFit();
  return fit ? fitStamp(fit) : null;
}
