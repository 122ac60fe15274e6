import { isoToDay, type CustomerSummary } from '../summary/summary.js';
import { InputError } from '../errors.js';
import { lifecycleStages, LIFECYCLE_STAGES, type LifecycleOptions, type LifecycleResult } from './lifecycle.js';
import { paretoShares, type ParetoPoint } from './pareto.js';
import { computeRfm, type RfmOptions, type RfmResult } from './rfm.js';
import { crossTab, type GridCell } from './segment-grid.js';
import { DEFAULT_TIERS, valueTiers, type TierResult, type TierSpec } from './value-tiers.js';

/** Per-customer history the summary does not carry (see `history-sql.ts`), aligned with the summary. */
export interface CustomerHistory {
  customerId: string[];
  /** Second-to-last purchase day (days since 1970-01-01), NaN for one purchase day. */
  prevPurchase: Float64Array;
  products: Float64Array | null;
  channels: Float64Array | null;
  /** true when the product and channel mix was not read (`loadHistory` with `mix: false`): products and channels are then null whatever the log holds; `withMix` reads them. */
  mixDeferred?: boolean;
}

export type ValueKind = 'clv' | 'profit' | 'historic';

export interface SegmentOptions {
  rfm?: RfmOptions;
  tiers?: readonly TierSpec[];
  lifecycle?: LifecycleOptions;
  /** Predicted CLV per customer (summary order); tiers use it when given. */
  clv?: Float64Array;
  /** Profit per customer; tiers use it when given and no CLV is. */
  profit?: Float64Array;
  /** P(alive) per customer from a fitted model; sharpens the lifecycle rules. */
  pAlive?: Float64Array;
  /** Shares for the Pareto view (default 1%, 5%, 20%). */
  paretoShares?: readonly number[];
  /** The time stamp to record (default now). */
  computedAt?: string;
}

/** A segmentation of the customer base as of one day: every rule, cut point and count kept with it. */
export interface Segmentation {
  asOf: string;
  computedAt: string;
  length: number;
  customerId: string[];
  rfm: RfmResult;
  valueKind: ValueKind;
  /** The value column used for tiers (currency). */
  value: Float64Array;
  tiers: TierResult;
  pareto: ParetoPoint[];
  lifecycle: LifecycleResult;
  stageNames: readonly string[];
  /** Value tier × lifecycle stage. */
  grid: GridCell[];
  /** Inputs kept for micro-segmentation and reports. */
  recencyDays: Float64Array;
  purchaseDays: Float64Array;
  /** Historic net revenue (currency), the RFM monetary input. */
  monetary: Float64Array;
  history: CustomerHistory;
}

/**
 * Segments a customer base from its summary (computed with `calibrationEnd` = the snapshot day) and
 * history: RFM scores and segments, value tiers with the Pareto view, lifecycle stages and the
 * value × lifecycle grid. Pure: no database.
 *
 * Value column: `clv` when given, else `profit`, else historic net revenue (purchases − returns).
 * @throws InputError `history_mismatch` when the history is not aligned with the summary;
 *   `bad_value_column` when a supplied column has the wrong length.
 */
export function segmentSummary(summary: CustomerSummary, history: CustomerHistory, options: SegmentOptions = {}): Segmentation {
  const n = summary.length;
  // The same array (loadHistory with the summary checked the alignment) needs no string comparison.
  const aligned =
    history.customerId === summary.customerId ||
    (history.customerId.length === n && history.customerId.every((id, i) => id === summary.customerId[i]));
  if (!aligned || history.prevPurchase.length !== n) {
    throw new InputError(
      'history_mismatch',
      `The purchase history (${history.customerId.length} customers) does not line up with the summary (${n}); compute both with the same as-of day`,
      {},
    );
  }
  for (const [k, col] of [
    ['clv', options.clv],
    ['profit', options.profit],
    ['pAlive', options.pAlive],
  ] as const) {
    if (col && col.length !== n)
      throw new InputError(
        'bad_value_column',
        `${k} has ${col.length} entries; the summary has ${n} customers (same order as the summary)`,
        { column: k },
      );
  }
  const asOfDay = isoToDay(summary.calibrationEnd);
  const recencyDays = new Float64Array(n),
    purchaseDays = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    recencyDays[i] = asOfDay - summary.lastPurchase[i]!;
    purchaseDays[i] = summary.frequency[i]! + 1;
  }
  const valueKind: ValueKind = options.clv ? 'clv' : options.profit ? 'profit' : 'historic';
  const value = options.clv ?? options.profit ?? summary.netRevenue;
  const rfm = computeRfm({ recencyDays, purchaseDays, monetary: summary.netRevenue }, options.rfm);
  const tiers = valueTiers(value, options.tiers ?? DEFAULT_TIERS);
  const lifecycle = lifecycleStages(
    { firstDay: summary.firstPurchase, lastDay: summary.lastPurchase, prevDay: history.prevPurchase, purchaseDays, pAlive: options.pAlive },
    asOfDay,
    options.lifecycle,
  );
  return {
    asOf: summary.calibrationEnd,
    computedAt: options.computedAt ?? new Date().toISOString(),
    length: n,
    customerId: summary.customerId,
    rfm,
    valueKind,
    value,
    tiers,
    pareto: paretoShares(value, options.paretoShares),
    lifecycle,
    stageNames: LIFECYCLE_STAGES,
    grid: crossTab(tiers.tier, tiers.names, lifecycle.stage, LIFECYCLE_STAGES, value),
    recencyDays,
    purchaseDays,
    monetary: summary.netRevenue,
    history,
  };
}
