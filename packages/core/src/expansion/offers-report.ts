import type { Engine } from '../engine/engine.js';
import { isoDateOrNull } from '../engine/sql.js';
import { InputError } from '../errors.js';
import type { ReportTable } from '../report/report-table.js';
import { dateRangeSql } from '../summary/summary-sql.js';
import type { LogBaskets } from './baskets.js';
import { fitOffers, type OfferFit, type OfferFitOptions } from './offer-fit.js';
import { offerReason } from './offer-reason.js';
import { nextBestOffers, type Offers } from './offers.js';
import { backtestOffers, type OfferBacktest } from './offers-backtest.js';
import { OFFERS_TABLE, type OfferRow } from './offers-table.js';
import { isoToDay } from '../summary/summary.js';

export interface OffersReportOptions extends OfferFitOptions {
  /** The day offers are made; data up to it are used (default: the last day of the log). */
  asOf?: string;
  k?: number;
  recentDays?: number;
  discontinuedDays?: number;
  fallback?: boolean;
  /** Customer ids to list in the table (default: the first `limit` customers by id). */
  customers?: readonly string[];
  /** Customers listed in the table when `customers` is not given (default 100; Infinity = all). */
  limit?: number;
  /** Also backtest: offers from the data up to this day scored on the purchases after it. */
  backtest?: { calibrationEnd: string; holdoutEnd?: string };
  /** The product baskets up to `asOf`, when already read (see `fitOffers`). */
  baskets?: LogBaskets;
}

export interface OffersReport {
  asOf: string;
  fit: OfferFit;
  offers: Offers;
  table: ReportTable;
  backtest: OfferBacktest | null;
  warnings: string[];
}

/** Table rows for the offers of the given customers (indices into `fit.baskets.customers`). */
export function offerRows(fit: OfferFit, offers: Offers, customers: ArrayLike<number>): OfferRow[] {
  const rows: OfferRow[] = [];
  for (let t = 0; t < customers.length; t++) {
    const c = customers[t]!;
    for (let s = 0; s < offers.k; s++) {
      const at = c * offers.k + s,
        j = offers.item[at]!;
      if (j < 0) break;
      rows.push({
        customerId: fit.baskets.customers[c]!,
        rank: s + 1,
        product: fit.model.items[j]!,
        probability: offers.probability[at]!,
        value: fit.model.values.value[j]!,
        expectedValue: offers.expectedValue[at]!,
        source: offers.source[at]! >= 0 ? 'rule' : offers.source[at]! <= -2 ? 'co-occurrence' : 'popularity',
        reason: offerReason(fit.model, offers, c, s),
      });
    }
  }
  return rows;
}

/**
 * `cvm offers`: next best offers for every customer as of a day (rules and fallback fitted on the
 * data up to it), the table for the chosen customers, and with `backtest` the backtest against the
 * popularity baseline (whose verdict is the table's first note).
 * @throws InputError `bad_date`, `unknown_customer`, and as {@link fitOffers}, {@link nextBestOffers}, {@link backtestOffers}
 * @example
 * const r = await offersReport(engine, { k: 5, backtest: { calibrationEnd: '2011-09-30' } });
 * r.backtest?.comparison.summary; // 'The recommender beats the popularity baseline on hit rate at 5: …'
 */
export async function offersReport(engine: Engine, options: OffersReportOptions = {}): Promise<OffersReport> {
  const [range] = await engine.rows<{ last_date: string | null }>(dateRangeSql(engine.dialect));
  if (!range || range.last_date === null)
    throw new InputError('empty_log', 'The workspace has no accepted transactions; ingest a log first', {});
  const asOf = options.asOf === undefined ? range.last_date : isoDateOrNull(options.asOf);
  if (asOf === null) throw new InputError('bad_date', `The offer date must be YYYY-MM-DD; got "${options.asOf}"`, { value: options.asOf });
  const fit = await fitOffers(engine, { to: asOf }, options, options.baskets);
  const offers = nextBestOffers(fit.model, fit.owned, {
    k: options.k,
    asOfDay: isoToDay(asOf),
    recentDays: options.recentDays,
    discontinuedDays: options.discontinuedDays,
    fallback: options.fallback,
  });
  let chosen: number[];
  if (options.customers) {
    const index = new Map(fit.baskets.customers.map((id, c) => [id, c]));
    chosen = options.customers.map((id) => {
      const c = index.get(id);
      if (c === undefined)
        throw new InputError('unknown_customer', `Customer ${id} has no basket with a product up to ${asOf}`, { customer: id });
      return c;
    });
  } else chosen = Array.from({ length: Math.min(fit.baskets.customers.length, options.limit ?? 100) }, (_, c) => c);
  const backtest = options.backtest ? await backtestOffers(engine, { ...options, ...options.backtest }) : null;
  const noun = fit.model.values.kind === 'margin' ? 'gross margin' : 'revenue (no product costs given)';
  const notes = [
    ...(backtest ? [backtest.comparison.summary] : []),
    `Offers on ${asOf}: expected value = probability × ${noun} per purchase; up to ${offers.k} per customer. Never offered: products bought ${Number.isFinite(offers.recentDays) ? `in the last ${offers.recentDays} days` : 'before (ever)'}, products not sold in the last ${offers.discontinuedDays} days.`,
  ];
  return { asOf, fit, offers, table: OFFERS_TABLE(offerRows(fit, offers, chosen), { notes }), backtest, warnings: fit.warnings };
}
