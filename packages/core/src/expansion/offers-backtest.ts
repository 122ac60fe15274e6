import type { Engine } from '../engine/engine.js';
import { isoDateOrNull } from '../engine/sql.js';
import { CvmError, InputError } from '../errors.js';
import type { ReportTable } from '../report/report-table.js';
import { dateRangeSql } from '../summary/summary-sql.js';
import { loadBaskets, type LogBaskets } from './baskets.js';
import { fitOffers, OFFER_DEFAULTS, type OfferFit, type OfferFitOptions } from './offer-fit.js';
import { compareOffers, offerHits, type OfferComparison } from './offer-evaluation.js';
import { nextBestOffers } from './offers.js';
import { OFFER_BACKTEST_TABLE } from './offers-table.js';
import type { OwnedItems } from './owned-items.js';
import { popularityOffers } from './popularity.js';
import { MS_PER_DAY } from '../summary/summary.js';

export interface OfferBacktestOptions extends OfferFitOptions {
  /** Last day of the data the offers are computed from (ISO date). */
  calibrationEnd: string;
  /** Last day of the purchases scored (default: the last day of the log). */
  holdoutEnd?: string;
  /** Offers per customer (default 5). */
  k?: number;
  recentDays?: number;
  discontinuedDays?: number;
  fallback?: boolean;
}

export interface OfferBacktest {
  calibrationEnd: string;
  holdoutEnd: string;
  k: number;
  /** Customers with baskets by the calibration end. */
  calibrationCustomers: number;
  /** Of them, customers who bought in the holdout (anything). */
  holdoutBuyers: number;
  rules: number;
  /** Share of the recommender's offers that came from a rule (the rest from co-occurrence). */
  ruleShare: number;
  comparison: OfferComparison;
  table: ReportTable;
  warnings: string[];
}

const DAY = MS_PER_DAY;
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * Items each calibration customer bought after the calibration end that they had not bought by it
 * (product ids known at the calibration end only), as CSR aligned with `fit.owned`.
 */
export function futureNewItems(fit: OfferFit, hold: LogBaskets): { future: OwnedItems; buyers: number } {
  const cIndex = new Map(fit.baskets.customers.map((id, c) => [id, c]));
  const iIndex = new Map(fit.model.items.map((p, i) => [p, i]));
  const cust = Int32Array.from(hold.customers, (id) => cIndex.get(id) ?? -1);
  const item = Int32Array.from(hold.items, (p) => iIndex.get(p) ?? -1);
  const n = fit.owned.offsets.length - 1,
    m = fit.model.items.length;
  const offsets = new Int32Array(n + 1);
  const bought = new Uint8Array(n);
  // count, then fill (pairs may repeat; deduplicated per customer below)
  for (let b = 0; b + 1 < hold.offsets.length; b++) {
    const c = cust[hold.customer[b]!]!;
    if (c < 0) continue;
    bought[c] = 1;
    for (let k = hold.offsets[b]!; k < hold.offsets[b + 1]!; k++) if (item[hold.members[k]!]! >= 0) offsets[c + 1]!++;
  }
  for (let c = 0; c < n; c++) offsets[c + 1]! += offsets[c]!;
  const raw = new Int32Array(offsets[n]!),
    fill = offsets.slice(0, n);
  for (let b = 0; b + 1 < hold.offsets.length; b++) {
    const c = cust[hold.customer[b]!]!;
    if (c < 0) continue;
    for (let k = hold.offsets[b]!; k < hold.offsets[b + 1]!; k++) {
      const j = item[hold.members[k]!]!;
      if (j >= 0) raw[fill[c]!++] = j;
    }
  }
  const own = new Int32Array(m).fill(-1),
    seen = new Int32Array(m).fill(-1);
  const out = new Int32Array(raw.length),
    outOff = new Int32Array(n + 1);
  let w = 0,
    buyers = 0;
  for (let c = 0; c < n; c++) {
    if (bought[c]) buyers++;
    for (let q = fit.owned.offsets[c]!; q < fit.owned.offsets[c + 1]!; q++) own[fit.owned.items[q]!] = c;
    const start = w;
    for (let q = offsets[c]!; q < offsets[c + 1]!; q++) {
      const j = raw[q]!;
      if (own[j] === c || seen[j] === c) continue;
      seen[j] = c;
      out[w++] = j;
    }
    out.subarray(start, w).sort();
    outOff[c + 1] = w;
  }
  return { future: { offsets: outOff, items: out.slice(0, w), lastDay: new Int32Array(w) }, buyers };
}

/**
 * Backtest of next best offer: rules, fallback and values fitted on the log up to the calibration
 * end D; offers made on D for every customer seen by then; scored against what each bought in
 * (D, holdout end]: hit rate and precision at k beside the popularity baseline (the k best sellers
 * the customer may be offered), paired by customer, with the verdict in words.
 *
 * Customers evaluated: those with a basket by D who bought, in the holdout, at least one product
 * that existed by D and that they had not bought by D (no offer can hit anyone else).
 * @throws InputError `bad_date`, `bad_holdout` (holdout end not after D), `empty_holdout`, and as {@link fitOffers}
 * @example
 * const bt = await backtestOffers(engine, { calibrationEnd: '2011-09-30', k: 5 });
 * bt.comparison.summary; // 'The recommender beats the popularity baseline on hit rate at 5: …'
 */
export async function backtestOffers(engine: Engine, options: OfferBacktestOptions): Promise<OfferBacktest> {
  const D = isoDateOrNull(options.calibrationEnd);
  if (D === null)
    throw new InputError('bad_date', `The calibration end must be a date YYYY-MM-DD; got "${options.calibrationEnd}"`, {
      value: options.calibrationEnd,
    });
  const [range] = await engine.rows<{ last_date: string | null }>(dateRangeSql(engine.dialect));
  const H = options.holdoutEnd === undefined ? (range?.last_date ?? null) : isoDateOrNull(options.holdoutEnd);
  if (H === null)
    throw new InputError(
      options.holdoutEnd === undefined ? 'empty_log' : 'bad_date',
      options.holdoutEnd === undefined
        ? 'The workspace has no transactions'
        : `The holdout end must be a date YYYY-MM-DD; got "${options.holdoutEnd}"`,
      {},
    );
  if (H <= D)
    throw new InputError(
      'bad_holdout',
      `The holdout end (${H}) must come after the calibration end (${D}); the log ends ${range?.last_date ?? 'nowhere'}`,
      { calibrationEnd: D, holdoutEnd: H },
    );
  const k = options.k ?? 5;
  const fit = await fitOffers(engine, { to: D }, options);
  let hold: LogBaskets;
  try {
    hold = await loadBaskets(engine, { from: isoOf(dayOf(D) + 1), to: H });
  } catch (e) {
    if (e instanceof CvmError && (e.code === 'empty_log' || e.code === 'no_baskets' || e.code === 'no_product_ids'))
      throw new InputError(
        'empty_holdout',
        `No purchases with a product from ${isoOf(dayOf(D) + 1)} to ${H}: nothing to score the offers against; choose an earlier calibration end`,
        { calibrationEnd: D, holdoutEnd: H },
      );
    throw e;
  }
  const { future, buyers } = futureNewItems(fit, hold);
  const n = fit.owned.offsets.length - 1;
  const evaluated = new Uint8Array(n);
  for (let c = 0; c < n; c++) evaluated[c] = future.offsets[c + 1]! > future.offsets[c]! ? 1 : 0;
  const offerOptions = {
    k,
    asOfDay: dayOf(D),
    recentDays: options.recentDays,
    discontinuedDays: options.discontinuedDays,
    fallback: options.fallback,
  };
  const rec = nextBestOffers(fit.model, fit.owned, offerOptions);
  const pop = popularityOffers(fit.model, fit.owned, offerOptions);
  const comparison = compareOffers(offerHits(rec, future, evaluated), offerHits(pop, future, evaluated), k);
  let fromRules = 0,
    offered = 0;
  for (let t = 0; t < rec.item.length; t++)
    if (rec.item[t]! >= 0) {
      offered++;
      if (rec.source[t]! >= 0) fromRules++;
    }
  const ruleShare = offered ? fromRules / offered : 0;
  const row = (method: string, s: OfferComparison['model']) => ({
    method,
    customers: s.customers,
    hits: s.hits,
    hitRate: s.hitRate,
    precision: s.precision,
  });
  const table = OFFER_BACKTEST_TABLE([row('rules + co-occurrence', comparison.model), row('popularity baseline', comparison.baseline)], {
    title: `Next best offer backtest: offers on ${D}, purchases ${isoOf(dayOf(D) + 1)} to ${H}, k = ${k}`,
    notes: [
      comparison.summary,
      `${fit.rules.length.toLocaleString('en-US')} rules (support ≥ ${options.minSupport ?? OFFER_DEFAULTS.minSupport}, confidence ≥ ${options.minConfidence ?? OFFER_DEFAULTS.minConfidence}, lift ≥ ${options.minLift ?? OFFER_DEFAULTS.minLift}) from ${(fit.baskets.offsets.length - 1).toLocaleString('en-US')} baskets up to ${D}; ${(100 * ruleShare).toFixed(1)}% of offers came from a rule, the rest from item co-occurrence.`,
      `Evaluated: customers with a basket by ${D} who bought a product new to them after it (${comparison.model.customers.toLocaleString('en-US')} of ${n.toLocaleString('en-US')}; ${buyers.toLocaleString('en-US')} bought anything). A hit is an offered product bought in the holdout.`,
    ],
  });
  return {
    calibrationEnd: D,
    holdoutEnd: H,
    k,
    calibrationCustomers: n,
    holdoutBuyers: buyers,
    rules: fit.rules.length,
    ruleShare,
    comparison,
    table,
    warnings: fit.warnings,
  };
}
