import { InputError } from '../../src/errors.js';
import { isoDateOrNull } from '../../src/engine/sql.js';

/**
 * Parameters of a synthetic transaction log (see `synthetic-log.ts` for the process). Rates and
 * times are in days. With 10 rows per customer the defaults give, over three years, about a third
 * of the customers with no repeat purchase day, a long tail (1 % above ~80 repeat days; rate shape
 * close to CDNOW's fitted r = 0.24) and ~3 % returns.
 */
export interface SyntheticLogParams {
  /** Exact number of data rows (purchases + returns). */
  rows: number;
  /** Exact number of distinct customers (each has at least one purchase). */
  customers: number;
  /** Seed of every random draw; the same parameters and seed give a byte-identical file. */
  seed: number;
  /** First day of the log, ISO `YYYY-MM-DD`. */
  start: string;
  /** Length of the log in days. */
  days: number;
  /** First purchases are spread uniformly over the first `acquisitionDays` days. */
  acquisitionDays: number;
  /** Shape r of the gamma mixing distribution of purchase rates (its scale is calibrated to `rows`). */
  rateShape: number;
  /** Beta(a, b) of the dropout probability after each repeat purchase (BG/NBD). */
  dropoutA: number;
  dropoutB: number;
  /** Probability that a purchase is returned later (a row with the negated amount). */
  returnRate: number;
  /** Spend: ln(amount) ~ N(customer mean, spendSd²); customer mean ~ N(ln(spendMedian), spendCustomerSd²). */
  spendMedian: number;
  spendCustomerSd: number;
  spendSd: number;
  /** Number of distinct products (skewed popularity); 0 leaves out the product_id column. */
  products: number;
  /** Include a channel column (web, store, app, phone; each customer mostly uses one). */
  channels: boolean;
}

export const DEFAULT_SYNTHETIC_PARAMS: Omit<SyntheticLogParams, 'rows' | 'customers' | 'seed'> = {
  start: '2021-01-01',
  days: 1095,
  acquisitionDays: 730,
  rateShape: 0.25,
  dropoutA: 1.3,
  dropoutB: 30,
  returnRate: 0.03,
  spendMedian: 40,
  spendCustomerSd: 0.6,
  spendSd: 0.5,
  products: 2000,
  channels: true,
};

/** Bumped whenever the generator's output for the same parameters changes (part of the cache key). */
export const GENERATOR_VERSION = 1;

/** Fills in defaults and checks every parameter once. @throws InputError `bad_synthetic_params`. */
export function resolveSyntheticParams(
  p: Partial<SyntheticLogParams> & Pick<SyntheticLogParams, 'rows' | 'customers'>,
): SyntheticLogParams {
  const q: SyntheticLogParams = { ...DEFAULT_SYNTHETIC_PARAMS, seed: 1, ...p };
  const bad = (what: string): never => {
    throw new InputError('bad_synthetic_params', `Synthetic log: ${what}`, { params: q });
  };
  if (!Number.isInteger(q.customers) || q.customers < 1) bad(`customers must be a positive integer; got ${q.customers}`);
  if (!Number.isInteger(q.rows) || q.rows < q.customers)
    bad(`rows must be an integer ≥ customers (${q.customers}), since every customer buys once; got ${q.rows}`);
  if (!Number.isInteger(q.seed)) bad(`seed must be an integer; got ${q.seed}`);
  if (isoDateOrNull(q.start) === null) bad(`start must be an ISO date YYYY-MM-DD; got "${q.start}"`);
  if (!Number.isInteger(q.days) || q.days < 2) bad(`days must be an integer ≥ 2; got ${q.days}`);
  if (!(q.acquisitionDays > 0 && q.acquisitionDays <= q.days)) bad(`acquisitionDays must be in (0, days]; got ${q.acquisitionDays}`);
  for (const k of ['rateShape', 'dropoutA', 'dropoutB', 'spendMedian'] as const) if (!(q[k] > 0)) bad(`${k} must be > 0; got ${q[k]}`);
  for (const k of ['spendCustomerSd', 'spendSd'] as const) if (!(q[k] >= 0)) bad(`${k} must be ≥ 0; got ${q[k]}`);
  if (!(q.returnRate >= 0 && q.returnRate < 1)) bad(`returnRate must be in [0, 1); got ${q.returnRate}`);
  if (!Number.isInteger(q.products) || q.products < 0) bad(`products must be a non-negative integer; got ${q.products}`);
  return q;
}

/**
 * A file-name-safe key naming the parameters: rows, customers and seed in clear, the rest as a short
 * hash (FNV-1a of the JSON), plus the generator version.
 * @example syntheticLogKey(resolveSyntheticParams({ rows: 1000, customers: 100 })) // → 'r1000-c100-s1-v1-…'
 */
export function syntheticLogKey(p: SyntheticLogParams): string {
  const rest = JSON.stringify(
    Object.fromEntries(
      Object.entries(p)
        .filter(([k]) => !['rows', 'customers', 'seed'].includes(k))
        .sort(),
    ),
  );
  let h = 0x811c9dc5;
  for (let i = 0; i < rest.length; i++) h = Math.imul(h ^ rest.charCodeAt(i), 0x01000193) >>> 0;
  return `r${p.rows}-c${p.customers}-s${p.seed}-v${GENERATOR_VERSION}-${h.toString(16).padStart(8, '0')}`;
}
