import { MS_PER_DAY, dayToIso } from '../summary/summary.js';
/** Calendar buckets for acquisition cohorts. Weeks start on Monday (ISO); all dates are business-local days. */
export type CohortPeriod = 'week' | 'month' | 'quarter';
export const COHORT_PERIODS: readonly CohortPeriod[] = ['week', 'month', 'quarter'];

const MONDAY_EPOCH = 4; // 1970-01-05 is day 4 and a Monday

/**
 * The bucket index of an ISO date: whole weeks since Monday 1970-01-05, or months / quarters since
 * January 1970 (year · 12 + month − 1, divided by 3 for quarters). Matches `periodIndexSql`.
 * @example
 * periodIndexOf('1997-01-01', 'month'); // → 324 (27 · 12 + 0)
 */
export function periodIndexOf(iso: string, by: CohortPeriod): number {
  const y = +iso.slice(0, 4),
    m = +iso.slice(5, 7) - 1;
  if (by === 'week') return Math.floor((Date.UTC(y, m, +iso.slice(8, 10)) / MS_PER_DAY - MONDAY_EPOCH) / 7);
  const month = (y - 1970) * 12 + m;
  return by === 'month' ? month : Math.floor(month / 3);
}

/** First day (ISO) of a bucket index. */
export function periodStart(index: number, by: CohortPeriod): string {
  if (by === 'week') return dayToIso(MONDAY_EPOCH + 7 * index);
  const month = by === 'month' ? index : index * 3;
  return new Date(Date.UTC(1970 + Math.floor(month / 12), ((month % 12) + 12) % 12, 1)).toISOString().slice(0, 10);
}

/** A readable label: `1997-01` (month), `1997-Q1` (quarter), `1997-01-06` (week starting that Monday). */
export function periodLabel(index: number, by: CohortPeriod): string {
  const start = periodStart(index, by);
  if (by === 'month') return start.slice(0, 7);
  if (by === 'quarter') return `${start.slice(0, 4)}-Q${Math.floor((+start.slice(5, 7) - 1) / 3) + 1}`;
  return start;
}
