import { InputError } from '../errors.js';
import { csvLine } from '../report/csv.js';
import { normalizeCell, type ReportTable } from '../report/report-table.js';
import type { OffersResult } from './expansion-stage.js';
import { offerRows } from './offers-report.js';
import { OFFERS_TABLE } from './offers-table.js';

/** Which customers' offers to list: best first (`score`, their top offer's expected value) or by customer (`customer`), optionally only those offered one product. */
export interface OffersQuery {
  sort?: 'score' | 'customer';
  /** Only customers with this product (exact id) among their offers. */
  product?: string;
  /** 1-based page of customers (clamped to the last page). */
  page?: number;
  /** Customers per page (each has up to k rows). */
  pageSize?: number;
}

/** One page of the offers list as JSON: a table of offers (one row per offer) for a page of customers. */
export interface OffersPageJson {
  status: 'ok';
  asOf: string;
  k: number;
  /** The page's offers; columns from the core's declaration. */
  table: ReportTable;
  /** Customers listed (with at least one offer, after the product filter); pages count customers. */
  customers: number;
  /** Customers with a basket who get no offer (everything they could be offered is excluded). */
  withoutOffers: number;
  page: number;
  pageSize: number;
  pages: number;
  sort: 'score' | 'customer';
  product: string | null;
  /** What an offer's value is: gross margin (product costs known) or revenue per purchase. */
  valueKind: 'margin' | 'revenue';
  currency: string | null;
  /** Offers by source. */
  sources: { rule: number; coOccurrence: number };
  notes: string[];
  warnings: string[];
  computedAt: string;
}

const byScore = new WeakMap<OffersResult, Int32Array>();

/**
 * The customers a query lists, in its order: customers with at least one offer; by `score` their
 * best offer's expected value, highest first (ties by customer order), or in customer order.
 * @throws InputError `unknown_item` when `product` is not a product of the baskets
 * @example
 * offerCustomerOrder(stage, { product: 'P7' }); // customer indices offered P7, best first
 */
export function offerCustomerOrder(stage: OffersResult, q: OffersQuery = {}): Int32Array {
  const { offers } = stage,
    k = offers.k;
  let order: Int32Array;
  if ((q.sort ?? 'score') === 'score') {
    let cached = byScore.get(stage);
    if (!cached) {
      const listed: number[] = [];
      for (let c = 0; c < offers.customers; c++) if (offers.item[c * k]! >= 0) listed.push(c);
      cached = Int32Array.from(listed.sort((a, b) => offers.expectedValue[b * k]! - offers.expectedValue[a * k]! || a - b));
      byScore.set(stage, cached);
    }
    order = cached;
  } else {
    const listed: number[] = [];
    for (let c = 0; c < offers.customers; c++) if (offers.item[c * k]! >= 0) listed.push(c);
    order = Int32Array.from(listed);
  }
  if (q.product === undefined) return order;
  const j = stage.fit.model.items.indexOf(q.product);
  if (j < 0) throw new InputError('unknown_item', `No product "${q.product}" in the baskets up to ${stage.asOf}`, { product: q.product });
  return order.filter((c) => {
    for (let s = 0; s < k; s++) if (offers.item[c * k + s] === j) return true;
    return false;
  });
}

/**
 * One page of the offers list (see {@link offerCustomerOrder}), one row per offer with its reason.
 * @throws InputError `unknown_item`
 * @example
 * const p = offersPage(stage, { pageSize: 20 });
 * p.table.rows[0]; // the customer with the most valuable offer: [id, 1, product, probability, value, expected value, 'rule', 'bought …']
 */
export function offersPage(stage: OffersResult, q: OffersQuery = {}): OffersPageJson {
  const order = offerCustomerOrder(stage, q);
  const pageSize = q.pageSize ?? 25;
  const pages = Math.max(1, Math.ceil(order.length / pageSize));
  const page = Math.min(Math.max(1, q.page ?? 1), pages);
  const t = OFFERS_TABLE(offerRows(stage.fit, stage.offers, order.subarray((page - 1) * pageSize, page * pageSize)), {
    notes: stage.notes,
  });
  const { offers } = stage;
  let listed = 0,
    rule = 0,
    co = 0;
  for (let c = 0; c < offers.customers; c++) if (offers.item[c * offers.k]! >= 0) listed++;
  for (let a = 0; a < offers.item.length; a++)
    if (offers.item[a]! >= 0) {
      if (offers.source[a]! >= 0) rule++;
      else co++;
    }
  const values = stage.fit.model.values;
  return {
    status: 'ok',
    asOf: stage.asOf,
    k: offers.k,
    table: { ...t, rows: t.rows.map((r) => r.map(normalizeCell)) },
    customers: order.length,
    withoutOffers: offers.customers - listed,
    page,
    pageSize,
    pages,
    sort: q.sort ?? 'score',
    product: q.product ?? null,
    valueKind: values.kind,
    currency: values.currency,
    sources: { rule, coOccurrence: co },
    notes: stage.notes,
    warnings: stage.warnings,
    computedAt: stage.computedAt,
  };
}

/**
 * The whole offers list as CSV text chunks (header first, then `chunk` customers at a time), in
 * the query's order, written by the core CSV writer; never the whole list in one string.
 * @throws InputError `unknown_item` (before the first chunk)
 * @example
 * for (const text of offersCsvChunks(stage)) process.stdout.write(text); // customer_id,rank,product,…
 */
export function offersCsvChunks(stage: OffersResult, q: Pick<OffersQuery, 'sort' | 'product'> = {}, chunk = 5000): Iterator<string> {
  const order = offerCustomerOrder(stage, q);
  let at = -1;
  return {
    next(): IteratorResult<string> {
      if (at < 0) {
        at = 0;
        return { done: false, value: csvLine(OFFERS_TABLE.columns.map((c) => c.key)) };
      }
      if (at >= order.length) return { done: true, value: undefined };
      const rows = OFFERS_TABLE(offerRows(stage.fit, stage.offers, order.subarray(at, at + chunk))).rows;
      at += chunk;
      let text = '';
      for (const r of rows) text += csvLine(r);
      return { done: false, value: text };
    },
  };
}

/**
 * One customer's offers with their reasons as a table; null when the customer has no basket with
 * a product up to the offer day.
 * @example
 * customerOfferTable(stage, '1901')?.rows; // [['1901', 1, 'P12', 0.43, …, 'bought P3; 43% of such baskets also hold P12, 4.0× the usual rate'], …]
 */
export function customerOfferTable(stage: OffersResult, customerId: string): ReportTable | null {
  const c = stage.customerIndex.get(customerId);
  if (c === undefined) return null;
  const t = OFFERS_TABLE(offerRows(stage.fit, stage.offers, [c]), {
    title: `Next best offers for customer ${customerId}`,
    notes: stage.notes,
  });
  return { ...t, rows: t.rows.map((r) => r.map(normalizeCell)) };
}
