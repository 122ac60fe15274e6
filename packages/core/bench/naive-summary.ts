/**
 * The naive per-customer summary, the baseline of the foundation benchmark: every transaction read
 * as a row object (`engine.rows('SELECT * FROM transactions')`), then aggregated in JS with a Map
 * of per-customer objects. It computes what `summarize` does (same-day purchases merged, returns
 * netted against their purchase day by the same rule, days brought to <= 0 dropped, weeks, calibration
 * end = the last day in the log) so the two can be compared value by value.
 */
import type { Engine } from '../src/engine/engine.js';

interface Row {
  customer_id: string;
  event_date: string;
  amount: number;
  is_return: boolean;
  order_id: string | null;
}
interface Acc {
  /** Gross purchases per day, in cents. */
  days: Map<string, number>;
  /** Purchase days per order id. */
  orderDays: Map<string, string[]>;
  returnRows: { day: string; order: string | null; cents: number }[];
  transactions: number;
  returns: number;
  returnsValue: number;
}

/** The naive summary's columns (week periods), customers sorted like `summarize` (numeric ids first). */
export interface NaiveSummary {
  customerId: string[];
  frequency: number[];
  recency: number[];
  T: number[];
  monetaryValue: number[];
  transactions: number[];
  totalRevenue: number[];
  returns: number[];
  returnsValue: number[];
  netRevenue: number[];
}

const DAY_MS = 86_400_000;

/** Reads all transactions as objects and aggregates them per customer in JS. */
export async function naiveSummary(engine: Engine): Promise<NaiveSummary> {
  const rows = await engine.rows<Row>('SELECT * FROM transactions');
  const byCustomer = new Map<string, Acc>();
  let lastDay = '';
  for (const r of rows) {
    let acc = byCustomer.get(r.customer_id);
    if (!acc)
      byCustomer.set(
        r.customer_id,
        (acc = { days: new Map(), orderDays: new Map(), returnRows: [], transactions: 0, returns: 0, returnsValue: 0 }),
      );
    if (r.event_date > lastDay) lastDay = r.event_date;
    const cents = Math.round(r.amount * 100);
    if (r.is_return) {
      acc.returns++;
      acc.returnsValue -= r.amount;
      acc.returnRows.push({ day: r.event_date, order: r.order_id, cents: -cents });
    } else {
      acc.days.set(r.event_date, (acc.days.get(r.event_date) ?? 0) + cents);
      if (r.order_id !== null) acc.orderDays.set(r.order_id, [...(acc.orderDays.get(r.order_id) ?? []), r.event_date]);
      acc.transactions++;
    }
  }
  // the summary's netting rule (returns-netting-sql.ts), written again row by row: each return nets
  // against the latest purchase day of its order on or before it, else the latest purchase day on or
  // before it; a day brought to <= 0 by its returns is no purchase day
  const kept = new Map<string, Map<string, number>>();
  for (const [id, acc] of byCustomer) {
    const returned = new Map<string, number>();
    const purchaseDays = [...acc.days.keys()].sort();
    for (const ret of acc.returnRows) {
      const ofOrder = ret.order === null ? [] : (acc.orderDays.get(ret.order) ?? []).filter((d) => d <= ret.day);
      const candidates = ofOrder.length ? ofOrder : purchaseDays.filter((d) => d <= ret.day);
      if (!candidates.length) continue; // a return before any purchase: in returns_value only
      const day = candidates.reduce((a, b) => (b > a ? b : a));
      returned.set(day, (returned.get(day) ?? 0) + ret.cents);
    }
    const net = new Map<string, number>();
    for (const [day, gross] of acc.days) {
      const back = returned.get(day);
      if (back === undefined) net.set(day, gross);
      else if (gross - back > 0) net.set(day, gross - back);
    }
    kept.set(id, net);
  }
  const cal = Date.parse(lastDay);
  const ids = [...byCustomer.keys()].filter((id) => kept.get(id)!.size > 0);
  ids.sort((a, b) => {
    const x = /^-?\d+$/.test(a) ? Number(a) : NaN,
      y = /^-?\d+$/.test(b) ? Number(b) : NaN;
    if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
    return x - y || (a < b ? -1 : a > b ? 1 : 0);
  });
  const out: NaiveSummary = {
    customerId: ids,
    frequency: [],
    recency: [],
    T: [],
    monetaryValue: [],
    transactions: [],
    totalRevenue: [],
    returns: [],
    returnsValue: [],
    netRevenue: [],
  };
  for (const id of ids) {
    const acc = byCustomer.get(id)!;
    const net = kept.get(id)!;
    const days = [...net.keys()].sort();
    const first = Date.parse(days[0]!),
      last = Date.parse(days.at(-1)!);
    let gross = 0;
    for (const v of acc.days.values()) gross += v;
    let repeatNet = 0;
    for (const d of days.slice(1)) repeatNet += net.get(d)!;
    const frequency = days.length - 1;
    const total = gross / 100;
    out.frequency.push(frequency);
    out.recency.push((last - first) / DAY_MS / 7);
    out.T.push((cal - first) / DAY_MS / 7);
    out.monetaryValue.push(frequency > 0 ? repeatNet / 100 / frequency : 0);
    out.transactions.push(acc.transactions);
    out.totalRevenue.push(total);
    out.returns.push(acc.returns);
    out.returnsValue.push(acc.returnsValue);
    out.netRevenue.push(total - acc.returnsValue);
  }
  return out;
}
