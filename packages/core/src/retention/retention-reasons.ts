import type { CustomerSummary } from '../summary/summary.js';
import type { CustomerRetention } from './retention-scores.js';

/** A whole amount with thousands separators ("1,240"; "-35"), without `toLocaleString` (slow in bulk). */
export function wholeAmount(v: number): string {
  if (!Number.isFinite(v)) return '';
  const r = Math.round(Math.abs(v));
  let s = String(r);
  for (let i = s.length - 3; i > 0; i -= 3) s = `${s.slice(0, i)},${s.slice(i)}`;
  return (v < 0 && r > 0 ? '-' : '') + s;
}

/** A probability as a whole percentage ("47%", "<1%", ">99%"). */
export function wholePercent(p: number): string {
  const v = 100 * p;
  if (v > 0 && v < 0.5) return '<1%';
  if (v < 100 && v >= 99.5) return '>99%';
  return `${Math.round(v)}%`;
}

/** A span of days in words: "45 days", "14 months", "2.5 years". */
export function spanText(days: number): string {
  if (days < 60) return `${Math.round(days)} day${Math.round(days) === 1 ? '' : 's'}`;
  if (days < 730) return `${Math.round(days / 30.4375)} months`;
  return `${+(days / 365.25).toFixed(1)} years`;
}

/**
 * The reasons a customer is on a retention list, in words with numbers, e.g. "spent 1,240 in 14
 * months over 9 purchase days; usually buys every 21 days, now 64 days silent (3.0×); P(alive) fell
 * from 91% to 47%; 12% chance of a purchase in the next 90 days; value at risk 820". Amounts are in
 * the log's currency, whole units; days are calendar days.
 * @param i - the customer's index in the summary and the retention scores
 * @example
 * retentionReason(summary, retention, 0); // => "bought once (35) 8 months ago; 244 days silent …"
 */
export function retentionReason(s: CustomerSummary, r: CustomerRetention, i: number): string {
  const parts: string[] = [];
  const tenure = r.daysSilent[i]! + (s.lastPurchase[i]! - s.firstPurchase[i]!);
  const days = s.frequency[i]! + 1;
  const net = s.netRevenue[i]!;
  if (days === 1) parts.push(`bought once (${wholeAmount(net)}) ${spanText(tenure)} ago`);
  else parts.push(`spent ${wholeAmount(net)} in ${spanText(tenure)} over ${days} purchase days`);
  if (net <= 0) parts.push('returned everything they bought');
  const silent = r.daysSilent[i]!,
    rhythm = r.rhythmDays[i]!;
  const ratio = `${(r.overdue[i]!).toFixed(1)}×`;
  if (days > 1) parts.push(`usually buys every ${Math.round(rhythm)} days, now ${Math.round(silent)} days silent (${ratio})`);
  else parts.push(`${Math.round(silent)} days silent (${ratio} the base rhythm of ${Math.round(rhythm)} days)`);
  const a = r.pAlive[i]!,
    b = r.pAliveBefore[i]!;
  const moved = Math.abs(a - b) >= 0.005;
  parts.push(moved ? `P(alive) ${a < b ? 'fell' : 'rose'} from ${wholePercent(b)} to ${wholePercent(a)}` : `P(alive) ${wholePercent(a)}`);
  parts.push(`${wholePercent(r.pReturn[i]!)} chance of a purchase in the next ${r.options.horizonDays} days`);
  if (r.list[i] === 2)
    parts.push(
      `win-back value ${wholeAmount(r.valueAtRisk[i]!)} (${wholeAmount(r.valueIfAlive[i]!)} if won back, less the ${wholePercent(r.pAlive[i]!)} chance they are still a customer)`,
    );
  else parts.push(`value at risk ${wholeAmount(r.valueAtRisk[i]!)}`);
  return parts.join('; ');
}

/** Reasons for the customers on a list ('' for everyone else), in the summary's order. */
export function listReasons(s: CustomerSummary, r: CustomerRetention): string[] {
  const out = new Array<string>(r.length);
  for (let i = 0; i < r.length; i++) out[i] = listReason(s, r, i);
  return out;
}

/**
 * The reasons of the customer at index `i` when on a list, else '' (what {@link listReasons} holds
 * for every customer, written for one: the customer table writes them per row read).
 */
export function listReason(s: CustomerSummary, r: CustomerRetention, i: number): string {
  return r.list[i] ? retentionReason(s, r, i) : '';
}
