import type { AcquisitionReport } from './acquisition-types.js';

const money = (v: number | null): string =>
  v === null ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const ratio = (v: number): string => v.toFixed(2);

/**
 * The findings of an acquisition report in words, one per channel at most per kind: LTV:CAC below 1,
 * an interval that includes 1, payback beyond the horizon (or not within the projection), spend
 * without new customers, new customers without spend, and spend on channels no customer has.
 * @example
 * // → ["social: LTV:CAC 0.71 (95% interval 0.64 to 0.78): an acquired customer is expected to bring 63.90 of margin against a CAC of 90.12; acquisition through social loses money at this cost", …]
 */
export function acquisitionFlags(r: AcquisitionReport, spendOnlyChannels: readonly string[]): string[] {
  const flags: string[] = [];
  const H = r.paybackHorizonMonths;
  for (const row of r.levels) {
    if (row.cac === null) {
      if (row.newCustomers > 0 && row.spend === null && r.by === 'channel')
        flags.push(
          `${row.level}: ${row.newCustomers.toLocaleString('en-US')} new customers and no spend recorded: CAC not computed (an unpaid channel, or its spend is missing from the spend file)`,
        );
      continue;
    }
    const interval = row.ltvToCacLow !== null ? ` (95% interval ${ratio(row.ltvToCacLow)} to ${ratio(row.ltvToCacHigh!)})` : '';
    if (row.ltvToCac !== null && row.ltvToCac < 1) {
      flags.push(
        `${row.level}: LTV:CAC ${ratio(row.ltvToCac)}${interval}: an acquired customer is expected to bring ${money(row.ltvPerCustomer)} of margin against a CAC of ${money(row.cac)}; acquisition through ${row.level} loses money at this cost`,
      );
    } else if (row.ltvToCac !== null && row.ltvToCacLow !== null && row.ltvToCacLow < 1) {
      flags.push(`${row.level}: LTV:CAC ${ratio(row.ltvToCac)}, but its interval${interval} includes 1: not clearly profitable`);
    }
    if (row.paybackMonths === null)
      flags.push(
        `${row.level}: does not pay back its CAC of ${money(row.cac)} within ${r.projectionMonths} months, even with the model's projection`,
      );
    else if (row.paybackMonths > H)
      flags.push(
        `${row.level}: pays back after ${row.paybackMonths} months${row.paybackProjected ? ' (projected)' : ''}, beyond the ${H}-month payback horizon`,
      );
  }
  const empty = r.cohorts.filter((c) => c.newCustomers === 0 && c.spend !== null);
  for (const level of new Set(empty.map((c) => c.level))) {
    const cells = empty.filter((c) => c.level === level);
    const total = cells.reduce((t, c) => t + c.spend!, 0);
    flags.push(
      `${level}: spend of ${money(total)} in ${cells.length} cohort${cells.length > 1 ? 's' : ''} without new customers (${cells
        .slice(0, 3)
        .map((c) => c.cohort)
        .join(', ')}${cells.length > 3 ? ', …' : ''}): CAC not computed there`,
    );
  }
  for (const c of spendOnlyChannels)
    flags.push(`spend on channel "${c}" matches no customer's channel: check its spelling in the spend file or the customers file`);
  return flags;
}
