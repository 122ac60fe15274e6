import { quantile } from '../math/stats/bootstrap-means.js';
import type { AcquisitionRow } from './acquisition-types.js';
import type { Units } from './acquisition-units.js';

/** `YYYY-MM` of a month index (months since 1970-01). */
export const monthLabel = (m: number): string => `${1970 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
/** `YYYY-Qn` of a month index. */
export const quarterLabel = (m: number): string => `${1970 + Math.floor(m / 12)}-Q${Math.floor((m % 12) / 3) + 1}`;

/**
 * One report row as the sum of some units: new customers, spend and CAC = spend / new customers,
 * realised and predicted margin per customer, LTV:CAC with its 95% percentile bootstrap interval
 * (LTV per customer resampled within each unit, CAC fixed), and the payback month: the first k
 * (months after the acquisition month) at which the cumulative margin per acquired customer reaches
 * CAC, marked projected when some of the row's customers have not lived k months yet.
 * `spendApplies` is false when the rows are not channels (no CAC then, and no note about it).
 */
export function aggregateRow(
  units: Units,
  selected: readonly number[],
  level: string,
  cohort: string | null,
  spendApplies: boolean,
): AcquisitionRow {
  const { K, B } = units;
  let n = 0,
    spend = 0,
    withSpend = false,
    realised = 0,
    predicted = 0,
    unspent = 0;
  for (const j of selected) {
    n += units.n[j]!;
    realised += units.realised[j]!;
    predicted += units.predicted[j]!;
    if (!Number.isNaN(units.spend[j]!)) {
      spend += units.spend[j]!;
      withSpend = true;
    } else unspent += units.n[j]!;
  }
  const cac = spendApplies && withSpend && n > 0 ? spend / n : null;
  // per acquired customer: null (not NaN) without new customers, like CAC, so the JSON answer says null for a reason
  const ltv = n > 0 ? (realised + predicted) / n : null;
  let low: number | null = null,
    high: number | null = null,
    payback: number | null = null,
    projected = false;
  if (cac !== null && cac > 0) {
    const draws = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      let s = 0;
      for (const j of selected) if (units.n[j]! > 0) s += units.n[j]! * units.boot[j * B + b]!;
      draws[b] = s / n / cac;
    }
    low = quantile(draws, 0.025);
    high = quantile(draws, 0.975);
  }
  if (cac !== null) {
    for (let k = 0; k <= K && payback === null; k++) {
      let total = 0;
      for (const j of selected) total += units.cumulative[j * (K + 1) + k]!;
      if (total / n >= cac) payback = k;
    }
    const at = payback ?? K;
    for (const j of selected) if (units.n[j]! > 0 && units.age[j]! < at) projected = true;
  }
  let note = '';
  if (spendApplies && n === 0 && withSpend) note = 'spend without new customers: CAC not computed';
  else if (spendApplies && n > 0 && !withSpend) note = 'no spend recorded: CAC not computed';
  else if (spendApplies && withSpend && unspent > 0)
    note = `${unspent.toLocaleString('en-US')} of the ${n.toLocaleString('en-US')} new customers came in months without a spend row`;
  return {
    level,
    cohort,
    newCustomers: n,
    spend: spendApplies && withSpend ? spend : null,
    cac,
    realisedPerCustomer: n > 0 ? realised / n : null,
    predictedPerCustomer: n > 0 ? predicted / n : null,
    ltvPerCustomer: ltv,
    ltvToCac: ltv !== null && cac !== null && cac > 0 ? ltv / cac : null,
    ltvToCacLow: low,
    ltvToCacHigh: high,
    paybackMonths: payback,
    paybackProjected: cac !== null && projected,
    note,
  };
}
