import { npsClass } from '../math/stats/nps-interval.js';
import type { CustomerSummary } from '../summary/summary.js';
import type { NpsClassValue } from './feedback-types.js';

/**
 * Customers grouped by the class of their latest NPS answer (detractor 0–6, passive 7–8, promoter
 * 9–10): how many, their summed and mean predicted CLV and its share of the base's, mean P(alive),
 * and net revenue to date. CLV and P(alive) are NaN without model scores.
 * @example
 * npsClassValues(summary, latest.nps, clv, pAlive)[0].clvShare; // the detractors' share of the base's CLV
 */
export function npsClassValues(
  s: CustomerSummary,
  latestNps: Float64Array,
  clv: Float64Array | null,
  pAlive: Float64Array | null,
): NpsClassValue[] {
  const classes = ['detractor', 'passive', 'promoter'] as const;
  const acc = classes.map(() => ({ customers: 0, clv: 0, pAlive: 0, net: 0 }));
  let clvAll = 0;
  for (let c = 0; c < s.length; c++) {
    if (clv && Number.isFinite(clv[c]!)) clvAll += clv[c]!;
    const k = npsClass(latestNps[c]!);
    if (k < 0) continue;
    const a = acc[k]!;
    a.customers++;
    a.net += s.netRevenue[c]!;
    if (clv) a.clv += clv[c]!;
    if (pAlive) a.pAlive += pAlive[c]!;
  }
  return classes.map((npsClassName, k) => {
    const a = acc[k]!;
    return {
      npsClass: npsClassName,
      customers: a.customers,
      clv: clv ? a.clv : NaN,
      clvPerCustomer: clv && a.customers ? a.clv / a.customers : NaN,
      clvShare: clv && clvAll > 0 ? a.clv / clvAll : NaN,
      pAlive: pAlive && a.customers ? a.pAlive / a.customers : NaN,
      netRevenue: a.net,
    };
  });
}
