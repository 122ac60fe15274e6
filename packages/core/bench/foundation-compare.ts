import type { CustomerSummary } from '../src/summary/summary.js';
import type { NaiveSummary } from './naive-summary.js';

/** First difference between the two summaries, or null (counts exact, money and weeks to 1e-9 relative). */
export function compareSummaries(a: CustomerSummary, b: NaiveSummary): string | null {
  if (a.length !== b.customerId.length) return `${a.length} vs ${b.customerId.length} customers`;
  const close = (x: number, y: number): boolean => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  const pairs: [string, Float64Array, number[]][] = [
    ['frequency', a.frequency, b.frequency],
    ['recency', a.recency, b.recency],
    ['T', a.T, b.T],
    ['monetary_value', a.monetaryValue, b.monetaryValue],
    ['transactions', a.transactions, b.transactions],
    ['total_revenue', a.totalRevenue, b.totalRevenue],
    ['returns', a.returns, b.returns],
    ['returns_value', a.returnsValue, b.returnsValue],
    ['net_revenue', a.netRevenue, b.netRevenue],
  ];
  for (let i = 0; i < a.length; i++) {
    if (a.customerId[i] !== b.customerId[i]) return `row ${i}: customer ${a.customerId[i]} vs ${b.customerId[i]}`;
    for (const [name, x, y] of pairs) if (!close(x[i]!, y[i]!)) return `customer ${a.customerId[i]} ${name}: ${x[i]} vs ${y[i]}`;
  }
  return null;
}
