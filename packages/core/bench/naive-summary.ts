/**
 * The naive per-customer summary, the baseline of the foundation benchmark: every transaction read
 * as a row object (`engine.rows('SELECT * FROM transactions')`), then aggregated in JS with a Map
 * of per-customer objects. It computes what `summarize` does (same-day purchases merged, returns
 * netted, weeks, calibration end = the last day in the log) so the two can be compared value by value.
 */
import type { Engine } from '../src/engine/engine.js';

interface Row {
  customer_id: string;
  event_date: string;
  amount: number;
  is_return: boolean;
}
interface Acc {
  days: Map<string, number>;
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
    if (!acc) byCustomer.set(r.customer_id, (acc = { days: new Map(), transactions: 0, returns: 0, returnsValue: 0 }));
    if (r.event_date > lastDay) lastDay = r.event_date;
    if (r.is_return) {
      acc.returns++;
      acc.returnsValue -= r.amount;
    } else {
      acc.days.set(r.event_date, (acc.days.get(r.event_date) ?? 0) + r.amount);
      acc.transactions++;
    }
  }
  const cal = Date.parse(lastDay);
  const ids = [...byCustomer.keys()].filter((id) => byCustomer.get(id)!.days.size > 0);
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
    const days = [...acc.days.keys()].sort();
    const first = Date.parse(days[0]!),
      last = Date.parse(days.at(-1)!);
    let total = 0;
    for (const v of acc.days.values()) total += v;
    const frequency = days.length - 1;
    out.frequency.push(frequency);
    out.recency.push((last - first) / DAY_MS / 7);
    out.T.push((cal - first) / DAY_MS / 7);
    out.monetaryValue.push(frequency > 0 ? (total - acc.days.get(days[0]!)!) / frequency : 0);
    out.transactions.push(acc.transactions);
    out.totalRevenue.push(total);
    out.returns.push(acc.returns);
    out.returnsValue.push(acc.returnsValue);
    out.netRevenue.push(total - acc.returnsValue);
  }
  return out;
}
