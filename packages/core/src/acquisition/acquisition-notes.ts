import { ATTRIBUTION_TEXT, type AttributionRule } from '../inputs/attribution-sql.js';
import { monthLabel } from './acquisition-rows.js';

/** The rules and units of an acquisition report, in words, printed under its tables. */
export function acquisitionNotes(o: {
  asOf: string;
  cohort: string;
  by: string;
  rule: AttributionRule;
  dimRule: string;
  spendApplies: boolean;
  basis: string;
  modelLabel: string;
  H: number;
  D: number;
  K: number;
  resamples: number;
  seed: number;
  window: { first: number; last: number } | null;
  outside: number;
}): string[] {
  const { asOf, cohort, by, rule, spendApplies, basis, H, D, K, resamples, seed, window, outside } = o;
  return [
    `As of ${asOf}; cohorts by acquisition ${cohort}; a customer is acquired on the customers file's acquisition date, else on the first purchase day. Rows: ${by === 'channel' ? `channel = ${ATTRIBUTION_TEXT[rule]}` : o.dimRule}.`,
    ...(spendApplies
      ? [
          "CAC = spend of the channel in the cohort's months / its new customers. LTV:CAC = (realised + predicted margin per acquired customer) / CAC.",
        ]
      : [`Rows are ${by} levels: spend is recorded per channel, so CAC, LTV:CAC and payback need --by channel.`]),
    `Margin basis: ${basis}.`,
    `Predicted remaining CLV: ${o.modelLabel} and Gamma-Gamma fitted on the whole log, the next ${H} months, discounted at ${(100 * D).toFixed(1)}% a year.`,
    `Payback: months after the acquisition month until the cumulative margin per acquired customer covers CAC (0 = within the acquisition month); realised margin is spread over the months by net revenue; beyond what a cohort has lived, the model's expected margin is added (projected), up to ${K} months.`,
    `LTV:CAC intervals: 95% percentile bootstrap over customers within each channel and month (${resamples.toLocaleString('en-US')} resamples, seed ${seed}; a channel-month of more than 1,000 customers draws its resample mean from the normal limit with the same mean and variance), CAC held fixed.`,
    ...(window && outside > 0
      ? [
          `Channel rows cover the spend file's months ${monthLabel(window.first)} .. ${monthLabel(window.last)}; ${outside.toLocaleString('en-US')} customers acquired outside them are only in the cohort rows.`,
        ]
      : []),
  ];
}
