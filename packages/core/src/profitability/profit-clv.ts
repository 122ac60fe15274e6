import type { ProfitabilityResult } from './profitability.js';
import { idIndex } from '../customers/id-index.js';

export interface ProfitClvInput {
  /** Expected transactions per customer over the horizon (e.g. BG/NBD or Pareto/NBD), count. */
  expectedTransactions: Float64Array;
  /** Expected spend per transaction (e.g. Gamma-Gamma), currency. */
  expectedSpend: Float64Array;
  /** Gross margin rate on spend, fraction (per customer or one for all), e.g. 0.3. */
  marginRate: Float64Array | number;
  /** Expected cost-to-serve per transaction, currency (per customer or one for all). */
  costPerTransaction: Float64Array | number;
  /** Optional cost per customer-year not driven by transactions (account management), currency. */
  fixedCostPerYear?: Float64Array | number;
  /** Horizon of `expectedTransactions`, years (e.g. 1 for "next 52 weeks"). */
  horizonYears: number;
  /** Annual discount rate, fraction (e.g. 0.1); 0 for none. */
  annualDiscountRate: number;
  /** Set when `expectedTransactions` are already discounted (DET): no further discounting of the flow. */
  alreadyDiscounted?: boolean;
}

/**
 * Present value of a flow spread evenly over [0, H] years at annual rate d, per unit of flow:
 * F = (1 − e^{−δH}) / (δH) with δ = ln(1 + d) (continuous compounding equivalent); F = 1 when d = 0.
 * @example uniformDiscountFactor(1, 0.1); // 0.953824…
 */
export function uniformDiscountFactor(horizonYears: number, annualDiscountRate: number): number {
  const delta = Math.log1p(annualDiscountRate);
  const x = delta * horizonYears;
  return x === 0 ? 1 : -Math.expm1(-x) / x;
}

/**
 * Profit-based CLV: expected profit over the horizon net of the customer's cost-to-serve
 * (Kumar 2008, "Managing Customers for Profit", ch. 2: CLV as discounted contribution margin net of
 * marketing and service cost; Cokins 2001 for activity-based cost-to-serve).
 *
 * ## Method
 * CLVπᵢ = F · E[Xᵢ] · (mᵢ · sᵢ − cᵢ) − A · fᵢ, where E[Xᵢ] = expected transactions, sᵢ = expected
 * spend per transaction, mᵢ = margin rate, cᵢ = cost-to-serve per transaction, fᵢ = fixed cost
 * per year, F = {@link uniformDiscountFactor} (transactions spread evenly over the horizon; F = 1
 * when they are already discounted) and A = H · F(H, d) (the present value of 1 a year for H years).
 * The result can be negative: the customer is expected to destroy profit. Currency; NaN where an
 * input is NaN.
 *
 * @example
 * profitClv({ expectedTransactions: Float64Array.of(4), expectedSpend: Float64Array.of(50), marginRate: 0.3,
 *   costPerTransaction: 5, horizonYears: 1, annualDiscountRate: 0 }); // [40] = 4 × (0.3 × 50 − 5)
 */
export function profitClv(input: ProfitClvInput): Float64Array {
  const n = input.expectedTransactions.length;
  const F = input.alreadyDiscounted ? 1 : uniformDiscountFactor(input.horizonYears, input.annualDiscountRate);
  const A = input.horizonYears * uniformDiscountFactor(input.horizonYears, input.annualDiscountRate);
  const at = (v: Float64Array | number | undefined, i: number): number => (v === undefined ? 0 : typeof v === 'number' ? v : v[i]!);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] =
      F * input.expectedTransactions[i]! * (at(input.marginRate, i) * input.expectedSpend[i]! - at(input.costPerTransaction, i)) -
      A * at(input.fixedCostPerYear, i);
  }
  return out;
}

/**
 * Historical unit economics from the P&L, aligned to the given customer ids (e.g. a CLV model's
 * summary order): margin rate = gross margin / net revenue and cost-to-serve per purchase order.
 * Customers missing from the P&L, or without orders or positive net revenue, get the overall rates
 * (Σ gross margin / Σ net revenue, Σ cost-to-serve / Σ orders).
 */
export function unitEconomicsFor(
  r: ProfitabilityResult,
  customerIds: readonly string[],
): { marginRate: Float64Array; costPerTransaction: Float64Array; overall: { marginRate: number; costPerTransaction: number } } {
  const c = r.customers;
  let orders = 0;
  for (let i = 0; i < c.length; i++) orders += c.orders[i]!;
  const overall = {
    marginRate: r.totals.netRevenue > 0 ? r.totals.grossMargin / r.totals.netRevenue : 0,
    costPerTransaction: orders > 0 ? r.totals.costToServe / orders : 0,
  };
  // the P&L's position of each customer, found once per pair of id lists (profit CLV, retention and
  // acquisition all ask for the summary's order)
  const index = idIndex(c.customerId, customerIds);
  const marginRate = new Float64Array(customerIds.length),
    costPerTransaction = new Float64Array(customerIds.length);
  for (let j = 0; j < customerIds.length; j++) {
    const i = index === null ? j : index[j]!;
    const ok = i >= 0 && c.orders[i]! > 0 && c.netRevenue[i]! > 0;
    marginRate[j] = ok ? c.grossMargin[i]! / c.netRevenue[i]! : overall.marginRate;
    costPerTransaction[j] = ok ? c.costToServe[i]! / c.orders[i]! : overall.costPerTransaction;
  }
  return { marginRate, costPerTransaction, overall };
}
