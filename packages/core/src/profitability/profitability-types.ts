// The shapes of a profitability result: pools, the per-customer P&L and the reconciliation.
import type { ActivityReport } from './activities.js';
import type { DriverName } from './drivers.js';

/** Why (part of) a pool could not be assigned to customers. */
export type UnassignedReason = 'no_driver_volume' | 'no_activity_file' | 'customers_not_in_log';

export interface PoolResult {
  name: string;
  driver: DriverName;
  /** Unit of the driver volume (orders, units, contacts, customer-years, …). */
  unit: string;
  channel: string | null;
  activity: string | null;
  /** Pool cost for the period, currency, rounded to the cent. */
  cost: number;
  /** Total driver volume, customers in the log plus activity of customers not in it. */
  totalVolume: number;
  /** Volume of customers not in the log (activity file only). */
  outsideVolume: number;
  /** Currency per driver unit = cost / totalVolume (NaN when the volume is 0). */
  rate: number;
  /** Assigned to customers, currency (exact cents). */
  assigned: number;
  /** Not assigned, currency (exact cents), with the reason; 0 and null when everything was assigned. */
  unassigned: number;
  unassignedReason: UnassignedReason | null;
}

/**
 * The per-customer P&L for the cost period, columnar (index i = one customer, sorted by id).
 * Money columns are in the model's currency, each an exact number of cents:
 * netRevenue = grossRevenue − returnsValue; grossMargin = netRevenue − productCost;
 * costToServe = Σ_k poolCost[k]; profit = grossMargin − costToServe.
 */
export interface CustomerPnl {
  length: number;
  customerId: string[];
  /** Channel with the most purchase revenue, ties to the alphabetically last ('' when the log has no channel). */
  mainChannel: string[];
  grossRevenue: Float64Array;
  returnsValue: Float64Array;
  netRevenue: Float64Array;
  productCost: Float64Array;
  grossMargin: Float64Array;
  /** Gross margin as % of net revenue from the unrounded amounts (to 1e-6 %; NaN when net revenue ≤ 0). */
  marginPct: Float64Array;
  costToServe: Float64Array;
  profit: Float64Array;
  /** Purchase orders, order lines, units and return orders in the period. */
  orders: Float64Array;
  orderLines: Float64Array;
  units: Float64Array;
  returnOrders: Float64Array;
  /** Per pool (cost-model order): the customer's driver volume and allocated cost. */
  volume: Float64Array[];
  poolCost: Float64Array[];
}

export interface Reconciliation {
  /** Σ pool costs = assigned + unassigned, currency; `balanced` when every pool adds up to the cent. */
  poolCost: number;
  assigned: number;
  unassigned: number;
  balanced: boolean;
  pools: { name: string; poolCents: number; customersCents: number; unassignedCents: number; differenceCents: number }[];
}

export interface ProfitabilityResult {
  model: { name: string; currency: string; illustrative: boolean };
  /** Cost period (ISO dates, inclusive): from the cost model, or the log's first and last day. */
  period: { start: string; end: string };
  pools: PoolResult[];
  customers: CustomerPnl;
  totals: {
    customers: number;
    grossRevenue: number;
    returnsValue: number;
    netRevenue: number;
    productCost: number;
    grossMargin: number;
    costToServe: number;
    unassignedCost: number;
    profit: number;
  };
  reconciliation: Reconciliation;
  activities: ActivityReport | null;
  /** Customers found only in the activity file (no transaction in the period). */
  customersNotInLog: number;
  warnings: string[];
}

export interface ProfitabilityOptions {
  /** Per-customer activity file (CSV: customer id, activity, count, date) for activity-file drivers. */
  activitiesFile?: string;
}
