/** A tier definition, best first. Give either `topShare` or `minValue` for every tier but the last. */
export interface TierSpec {
  name: string;
  /** Cumulative share of customers from the top that this tier reaches (e.g. 0.05 = top 5%). */
  topShare?: number;
  /** Smallest value (inclusive) that belongs to this tier or a better one. */
  minValue?: number;
}

/** Default tiers: Platinum top 1%, Gold next 4% (top 5%), Silver next 15% (top 20%), Bronze the rest. */
export const DEFAULT_TIERS: readonly TierSpec[] = [
  { name: 'Platinum', topShare: 0.01 },
  { name: 'Gold', topShare: 0.05 },
  { name: 'Silver', topShare: 0.2 },
  { name: 'Bronze' },
];

export interface TierRow {
  name: string;
  /** The rule as a sentence, e.g. "top 1% of customers by value (value ≥ 1,234.5)". */
  rule: string;
  /** Smallest value in the tier as applied (inclusive), null for an empty or last tier. */
  cutoff: number | null;
  count: number;
  customerShare: number;
  value: number;
  valueShare: number;
}

export interface TierResult {
  /** Tier index per customer (0 = best). */
  tier: Uint8Array;
  names: string[];
  tiers: TierRow[];
  totalValue: number;
}

/**
 * Assigns value tiers.
 *
 * ## Rule (ties)
 * Share tiers: a customer belongs to the best tier whose `topShare · n` exceeds the number of
 * customers with a strictly larger value. Without ties the top-1% tier of 1,000 customers holds
 * exactly 10; customers tied with the last member all join the better tier (equal values, equal
 * tier). Value tiers: the best tier whose `minValue` ≤ value. NaN values go to the last tier.
 * Shares of value are of the sum over all customers (can exceed 1 per tier when some values are
 * negative, e.g. net revenue after returns).
 *
 * @param value - predicted CLV, historic net revenue or profit per customer (currency)
 * @throws RangeError for fewer than two tiers, unordered or mixed cut-offs
 * @example
 * valueTiers(Float64Array.of(50, 10, 5, 1), [{ name: 'Top', topShare: 0.25 }, { name: 'Rest' }]).tier; // → [0, 1, 1, 1]
 */
export function valueTiers(value: Float64Array, specs: readonly TierSpec[] = DEFAULT_TIERS): TierResult {
  checkSpecs(specs);
  const n = value.length;
  const byShare = specs[0]!.topShare !== undefined;
  const k = specs.length;
  const desc = Float64Array.from(value, (v) => (Number.isNaN(v) ? -Infinity : v))
    .sort()
    .reverse();
  // value cut-offs (inclusive) per tier but the last
  const cut = new Float64Array(k - 1);
  for (let t = 0; t < k - 1; t++) {
    if (!byShare) {
      cut[t] = specs[t]!.minValue!;
      continue;
    }
    const limit = specs[t]!.topShare! * n; // members: #{strictly larger} < limit
    // the largest index j with j < limit; value desc[j] and all equal values qualify
    const j = Math.ceil(limit) - 1;
    cut[t] = j < 0 || n === 0 ? Infinity : desc[Math.min(j, n - 1)]!;
  }
  const tier = new Uint8Array(n);
  const count = new Float64Array(k),
    sum = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = value[i]!;
    let t = k - 1;
    if (!Number.isNaN(v))
      for (let c = 0; c < k - 1; c++)
        if (v >= cut[c]!) {
          t = c;
          break;
        }
    tier[i] = t;
    count[t]!++;
    if (!Number.isNaN(v)) {
      sum[t]! += v;
      total += v;
    }
  }
  const tiers: TierRow[] = specs.map((s, t) => ({
    name: s.name,
    rule: ruleOf(specs, t, byShare, cut),
    cutoff: t < k - 1 && Number.isFinite(cut[t]!) && count[t]! > 0 ? cut[t]! : null,
    count: count[t]!,
    customerShare: n ? count[t]! / n : 0,
    value: sum[t]!,
    valueShare: total !== 0 ? sum[t]! / total : 0,
  }));
  return { tier, names: specs.map((s) => s.name), tiers, totalValue: total };
}

function ruleOf(specs: readonly TierSpec[], t: number, byShare: boolean, cut: Float64Array): string {
  const last = t === specs.length - 1;
  const fmt = (v: number): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : 'none');
  if (byShare) {
    const pct = (x: number): string => `${+(100 * x).toFixed(4)}%`;
    const hi = t === 0 ? 0 : specs[t - 1]!.topShare!;
    if (last) return `the remaining ${pct(1 - hi)} of customers by value`;
    return `${t === 0 ? 'top' : `next ${pct(specs[t]!.topShare! - hi)} (top`} ${pct(specs[t]!.topShare!)}${t === 0 ? '' : ')'} of customers by value (value ≥ ${fmt(cut[t]!)})`;
  }
  if (last) return `value < ${fmt(cut[t - 1]!)}`;
  return t === 0 ? `value ≥ ${fmt(cut[t]!)}` : `${fmt(cut[t]!)} ≤ value < ${fmt(cut[t - 1]!)}`;
}

function checkSpecs(specs: readonly TierSpec[]): void {
  if (specs.length < 2 || specs.length > 20) throw new RangeError(`value tiers need 2–20 tiers; got ${specs.length}`);
  const head = specs.slice(0, -1);
  const byShare = head.every((s) => s.topShare !== undefined && s.minValue === undefined);
  const byValue = head.every((s) => s.minValue !== undefined && s.topShare === undefined);
  if (!byShare && !byValue) throw new RangeError('give every tier but the last either topShare or minValue (not both, not mixed)');
  for (let i = 0; i < head.length; i++) {
    const s = head[i]!;
    if (byShare && !(s.topShare! > 0 && s.topShare! <= 1 && (i === 0 || s.topShare! > head[i - 1]!.topShare!))) {
      throw new RangeError(`tier topShare must increase within (0, 1]; got ${head.map((x) => x.topShare).join(', ')}`);
    }
    if (byValue && !(Number.isFinite(s.minValue!) && (i === 0 || s.minValue! < head[i - 1]!.minValue!))) {
      throw new RangeError(`tier minValue must decrease from the best tier; got ${head.map((x) => x.minValue).join(', ')}`);
    }
  }
}
