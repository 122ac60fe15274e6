import type { Engine } from '../engine/engine.js';
import { lifecycleTrendSql, monthlyRevenueSql } from './trends-sql.js';

/** One calendar month of the base's movement. Customers are counts; money is in the log's currency. */
export interface TrendMonth {
  month: string;
  new: number;
  returning: number;
  reactivated: number;
  lapsed: number;
  /** Customers who bought in the month (new + returning + reactivated). */
  active: number;
  gross: number;
  returned: number;
  net: number;
}

/** Customers by lifecycle flow and revenue per month, with the rule. */
export interface LifecycleTrends {
  asOf: string;
  lapseDays: number;
  rule: string;
  months: TrendMonth[];
}

/** Every month from `first` to `last` ('YYYY-MM'), inclusive. */
function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let y = +first.slice(0, 4),
    m = +first.slice(5, 7);
  const ly = +last.slice(0, 4),
    lm = +last.slice(5, 7);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * Per calendar month up to `asOf`: new, returning, reactivated and lapsed customers (see
 * `lifecycleTrendSql`; the lapse window is `lapseDays`, e.g. the lifecycle's lapsed threshold at the
 * base's median rhythm) and revenue (purchases, returns, net). Months without activity are zeros.
 * @example
 * const t = await lifecycleTrends(engine, { asOf: '1998-06-30', lapseDays: 240 });
 * t.months[0]; // => { month: '1997-01', new: 781, returning: …, … } on the CDNOW sample
 */
export async function lifecycleTrends(engine: Engine, o: { asOf: string; lapseDays: number }): Promise<LifecycleTrends> {
  const flows = await engine.rows<{ month: string; kind: 'new' | 'returning' | 'reactivated' | 'lapsed'; customers: number }>(
    lifecycleTrendSql(engine.dialect, o),
  );
  const money = await engine.rows<{ month: string; gross: number; returned: number; net: number }>(monthlyRevenueSql(engine.dialect, o));
  const lapseDays = Math.round(o.lapseDays);
  const rule = `per calendar month: new = first purchase in the month; returning = bought in the month within ${lapseDays} days of the previous purchase day; reactivated = bought after a silence longer than ${lapseDays} days; lapsed = ${lapseDays} days of silence after a purchase ran out in the month; revenue = purchases, returns and net by the day of the transaction`;
  const all = [...flows.map((f) => f.month), ...money.map((m) => m.month)].filter((m) => m <= o.asOf.slice(0, 7)).sort();
  if (all.length === 0) return { asOf: o.asOf, lapseDays, rule, months: [] };
  const months = new Map<string, TrendMonth>(
    monthRange(all[0]!, o.asOf.slice(0, 7)).map((m) => [
      m,
      { month: m, new: 0, returning: 0, reactivated: 0, lapsed: 0, active: 0, gross: 0, returned: 0, net: 0 },
    ]),
  );
  for (const f of flows) {
    const t = months.get(f.month);
    if (!t) continue;
    t[f.kind] += f.customers;
    if (f.kind !== 'lapsed') t.active += f.customers;
  }
  for (const m of money) {
    const t = months.get(m.month);
    if (t) Object.assign(t, { gross: m.gross, returned: m.returned, net: m.net });
  }
  return { asOf: o.asOf, lapseDays, rule, months: [...months.values()] };
}
