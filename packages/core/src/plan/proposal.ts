import { controlShareFor, mdeProportion } from '../math/stats/power.js';

/** What sizes a proposed campaign: its audience, base rate, the value it works on and the assumption. */
export interface ProposalInput {
  customers: number;
  /** Share of the audience expected to buy in the window without contact (null when unknown). */
  baseRate: number | null;
  valueBase: number;
  assumedRate: number;
  /** Cost of one contact (null when unknown). */
  contactCost: number | null;
  /** Absolute rise in the buying share the control group should detect (0.02 = 2 points). */
  detectableLift: number;
  minControlShare: number;
}

/** Control group, expected incremental value and cost of a proposed campaign. */
export interface ProposalSize {
  controlShare: number;
  controlCustomers: number;
  controlRule: string;
  expectedIncremental: number;
  cost: number | null;
  net: number | null;
}

/**
 * Sizes a proposed campaign: the control share is the smallest that detects `detectableLift` on the
 * audience's base rate at 80% power, 5% two-sided (two-proportion test, `mdeProportion`; Fleiss,
 * Levin & Paik 2003 §4.2), but at least `minControlShare` and at most 50% (the minimum, with the rise it
 * can detect in the rule, when no split reaches the lift); the expected incremental
 * value is `assumedRate × valueBase` over the target group (the control gets nothing), the cost is
 * the contact cost × the target group.
 * @example
 * sizeProposal({ customers: 10_000, baseRate: 0.3, valueBase: 50_000, assumedRate: 0.1, contactCost: 0.5, detectableLift: 0.02, minControlShare: 0.1 });
 * // → { controlShare: 0.23…, controlCustomers: 23…, expectedIncremental: 3,8…, cost: 3,8…, … }
 */
export function sizeProposal(x: ProposalInput): ProposalSize {
  let controlShare = x.minControlShare;
  let controlRule: string;
  const lift = `${(100 * x.detectableLift).toFixed(1)}-point`;
  if (x.baseRate === null || !(x.customers >= 2)) {
    controlRule = `${Math.round(100 * controlShare)}% (the base rate of this audience is not known, so the control is not sized for power)`;
  } else {
    const p = x.baseRate;
    const needed = controlShareFor(x.detectableLift, x.customers, (t, c) => mdeProportion(p, t, c));
    if (needed === null) {
      const c = Math.round(controlShare * x.customers);
      const mde = mdeProportion(p, x.customers - c, c);
      controlRule = `${Math.round(100 * controlShare)}%: no split of ${x.customers.toLocaleString('en-US')} customers detects a ${lift} rise on a base of ${(100 * p).toFixed(1)}% (80% power, 5% two-sided), so the control is kept at the minimum; it detects rises of ${Number.isFinite(mde) ? `${(100 * mde).toFixed(1)} points` : 'no size'} or more`;
    } else {
      controlShare = Math.min(0.5, Math.max(x.minControlShare, needed));
      controlRule = `${(100 * controlShare).toFixed(1)}%: the smallest share (at least ${Math.round(100 * x.minControlShare)}%) that detects a ${lift} rise in buyers on a base of ${(100 * p).toFixed(1)}% (80% power, 5% two-sided)`;
    }
  }
  const controlCustomers = Math.round(controlShare * x.customers);
  const target = x.customers - controlCustomers;
  const targetShare = x.customers > 0 ? target / x.customers : 0;
  const expectedIncremental = x.assumedRate * x.valueBase * targetShare;
  const cost = x.contactCost === null ? null : x.contactCost * target;
  return { controlShare, controlCustomers, controlRule, expectedIncremental, cost, net: cost === null ? null : expectedIncremental - cost };
}
