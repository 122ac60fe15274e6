// A log with cancellations for tests: the CDNOW master log (data/cdnow/cdnow_master_elog.csv, no
// returns) with order ids and seeded synthetic returns of four kinds added, and an independent,
// row-by-row JS implementation of the netting rule of `summary/returns-netting-sql.ts` to check the
// SQL summary against.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../src/math/random/rng.js';
import { dataPath } from './read-csv.js';

export interface LogRow {
  customer: string;
  day: number;
  cents: number;
  order: string;
  isReturn: boolean;
}

const dayOf = (ymd: string): number => Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8)) / 86_400_000;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const LAST_DAY = dayOf('19980630');

/**
 * Writes `cancellations.csv` (customer_id,date,order_id,sales) into `dir`: every CDNOW master row
 * with order id `o<line>`, plus returns for a seeded ~3% of the purchases: (a) cancelled in full on
 * the same day under its own id `C<line>`; (b) returned in full 1–60 days later under the purchase's
 * order id; (c) 30% returned later under the order id; (d) returned in full later under an unknown
 * id; and 25 return-only customers. Returns the rows as parsed (amounts in cents).
 */
export function writeCancellationsLog(dir: string, seed = 7): { path: string; rows: LogRow[]; returns: Record<string, number> } {
  const lines = readFileSync(dataPath('cdnow/cdnow_master_elog.csv'), 'utf8').trim().split('\n').slice(1);
  const u = createRng(seed);
  const rows: LogRow[] = [];
  const out = ['customer_id,date,order_id,sales'];
  const returns: Record<string, number> = { sameDay: 0, byOrder: 0, partial: 0, unmatched: 0, returnOnly: 0 };
  const push = (r: LogRow): void => {
    rows.push(r);
    out.push(`${r.customer},${isoOf(r.day)},${r.order},${(r.isReturn ? -r.cents : r.cents) / 100}`);
  };
  lines.forEach((line, i) => {
    const [customer, date, , sales] = line.split(',');
    const p: LogRow = { customer: customer!, day: dayOf(date!), cents: Math.round(Number(sales) * 100), order: `o${i}`, isReturn: false };
    push(p);
    const v = u();
    if (v >= 0.03 || p.cents <= 0) return;
    const later = Math.min(LAST_DAY, p.day + 1 + Math.floor(u() * 60));
    if (v < 0.01) {
      push({ ...p, order: `C${i}`, isReturn: true });
      returns.sameDay!++;
    } else if (v < 0.017) {
      push({ ...p, day: later, isReturn: true });
      returns.byOrder!++;
    } else if (v < 0.024) {
      push({ ...p, day: later, cents: Math.round(0.3 * p.cents), isReturn: true });
      returns.partial!++;
    } else {
      push({ ...p, day: later, order: `X${i}`, isReturn: true });
      returns.unmatched!++;
    }
  });
  for (let k = 0; k < 25; k++) {
    push({ customer: `R${k}`, day: dayOf('19970301') + k, cents: 1000 + k, order: `R${k}`, isReturn: true });
    returns.returnOnly!++;
  }
  const path = join(dir, 'cancellations.csv');
  writeFileSync(path, out.join('\n') + '\n');
  return { path, rows, returns };
}

export interface ReferenceCustomer {
  x: number;
  tx: number;
  T: number;
  mx: number;
  first: number;
  last: number;
  transactions: number;
  grossCents: number;
  returns: number;
  returnsCents: number;
  xHoldout: number;
  mxHoldout: number;
}

/**
 * The summary by the netting rule, computed directly from the rows in integer cents (independent of
 * the SQL): returns matched to the latest purchase day of the same order id on or before them, else
 * to the latest purchase day on or before them; a day with returns is kept when its purchases exceed
 * them; calibration days only net returns made up to the calibration end. Times in days.
 */
export function referenceSummary(rows: readonly LogRow[], calibrationEnd: string, holdoutEnd: string): Map<string, ReferenceCustomer> {
  const cal = Date.parse(calibrationEnd) / 86_400_000,
    hold = Date.parse(holdoutEnd) / 86_400_000;
  const byCustomer = new Map<string, LogRow[]>();
  for (const r of rows) {
    if (r.day > hold) continue;
    let list = byCustomer.get(r.customer);
    if (!list) byCustomer.set(r.customer, (list = []));
    list.push(r);
  }
  const out = new Map<string, ReferenceCustomer>();
  for (const [id, list] of byCustomer) {
    const gross = new Map<number, number>(),
      count = new Map<number, number>(),
      returned = new Map<number, number>();
    for (const r of list)
      if (!r.isReturn) {
        gross.set(r.day, (gross.get(r.day) ?? 0) + r.cents);
        count.set(r.day, (count.get(r.day) ?? 0) + 1);
      }
    let returns = 0,
      returnsCents = 0;
    for (const r of list) {
      if (!r.isReturn) continue;
      if (r.day <= cal) {
        returns++;
        returnsCents += r.cents;
      }
      const before = list.filter((p) => !p.isReturn && p.day <= r.day);
      const sameOrder = before.filter((p) => p.order === r.order);
      const pool = sameOrder.length ? sameOrder : before;
      if (pool.length === 0) continue;
      const target = Math.max(...pool.map((p) => p.day));
      if (target <= cal && r.day > cal) continue; // no look-ahead
      returned.set(target, (returned.get(target) ?? 0) + r.cents);
    }
    const kept = [...gross.keys()].filter((d) => (returned.get(d) ?? 0) === 0 || gross.get(d)! > returned.get(d)!).sort((a, b) => a - b);
    const inCal = kept.filter((d) => d <= cal);
    if (inCal.length === 0) continue;
    const net = (d: number): number => gross.get(d)! - (returned.get(d) ?? 0);
    const repeat = inCal.slice(1);
    const holdDays = kept.filter((d) => d > cal);
    let grossCents = 0,
      transactions = 0;
    for (const [d, g] of gross)
      if (d <= cal) {
        grossCents += g;
        transactions += count.get(d)!;
      }
    out.set(id, {
      x: repeat.length,
      tx: inCal[inCal.length - 1]! - inCal[0]!,
      T: cal - inCal[0]!,
      mx: repeat.length ? repeat.reduce((s, d) => s + net(d), 0) / 100 / repeat.length : 0,
      first: inCal[0]!,
      last: inCal[inCal.length - 1]!,
      transactions,
      grossCents,
      returns,
      returnsCents,
      xHoldout: holdDays.length,
      mxHoldout: holdDays.length ? holdDays.reduce((s, d) => s + net(d), 0) / 100 / holdDays.length : 0,
    });
  }
  return out;
}
