/**
 * The true parameters of the synthetic demo business (see `demo.ts`). Every number here is written
 * to `truth.json`, so that tests can check what cvm recovers. Rates are per day; money in the
 * business currency (USD); effects are natural-log multipliers (an effect of 0.25 on λ multiplies
 * the purchase rate by e^0.25 = 1.28).
 */

/** Acquisition channels: share of new customers, true cost per acquisition, and value effects. */
export interface ChannelSpec {
  name: string;
  /** Share of new customers acquired through the channel. */
  share: number;
  /** True expected cost per acquired customer (currency); null = no paid spend (e.g. direct). */
  cac: number | null;
  /** Log effect on the purchase rate λ, the dropout rate μ and the basket size θ. */
  lambda: number;
  mu: number;
  spend: number;
  /** Multiplier of every line's return probability. */
  returns: number;
}

export const DEMO_CHANNELS: readonly ChannelSpec[] = [
  { name: 'search', share: 0.27, cac: 55, lambda: 0, mu: 0, spend: 0, returns: 1 },
  { name: 'social', share: 0.22, cac: 120, lambda: -0.6, mu: 1.5, spend: -0.35, returns: 1.2 },
  { name: 'referral', share: 0.12, cac: 30, lambda: 0.35, mu: -0.6, spend: 0.15, returns: 0.8 },
  { name: 'affiliate', share: 0.13, cac: 40, lambda: -0.15, mu: 0.35, spend: -0.3, returns: 1.6 },
  { name: 'offline', share: 0.1, cac: 220, lambda: 0.1, mu: -0.35, spend: 0.35, returns: 0.9 },
  { name: 'direct', share: 0.16, cac: null, lambda: 0.05, mu: -0.1, spend: 0, returns: 1 },
];

/** A categorical attribute: levels, their probabilities per channel (rows in channel order), and effects. */
export interface CategoricalSpec {
  name: string;
  levels: readonly string[];
  /** probabilities[c][l]: P(level l | channel c); each row sums to 1. */
  probabilities: readonly (readonly number[])[];
  /** Log effects per level on λ, μ and basket size. */
  lambda: readonly number[];
  mu: readonly number[];
  spend: readonly number[];
}

const same = (row: number[]): number[][] => DEMO_CHANNELS.map(() => row);

export const DEMO_ATTRIBUTES: readonly CategoricalSpec[] = [
  {
    name: 'region',
    levels: ['north', 'south', 'east', 'west', 'central'],
    probabilities: same([0.22, 0.24, 0.18, 0.21, 0.15]),
    lambda: [0, -0.05, 0.05, 0, 0.15],
    mu: [0, 0.1, 0, -0.05, -0.1],
    spend: [0.05, -0.05, 0, 0.05, 0],
  },
  {
    name: 'age_band',
    levels: ['18-24', '25-34', '35-44', '45-54', '55+'],
    // search, social, referral, affiliate, offline, direct
    probabilities: [
      [0.14, 0.3, 0.26, 0.18, 0.12],
      [0.36, 0.34, 0.16, 0.09, 0.05],
      [0.12, 0.28, 0.28, 0.2, 0.12],
      [0.22, 0.34, 0.22, 0.14, 0.08],
      [0.05, 0.15, 0.25, 0.28, 0.27],
      [0.12, 0.27, 0.27, 0.2, 0.14],
    ],
    lambda: [-0.35, 0, 0.15, 0.2, 0.05],
    mu: [0.4, 0.1, 0, -0.15, -0.3],
    spend: [-0.3, 0, 0.1, 0.2, 0.25],
  },
  {
    name: 'device',
    levels: ['mobile', 'desktop', 'tablet'],
    probabilities: [
      [0.55, 0.37, 0.08],
      [0.82, 0.13, 0.05],
      [0.55, 0.35, 0.1],
      [0.6, 0.33, 0.07],
      [0.35, 0.5, 0.15],
      [0.5, 0.4, 0.1],
    ],
    lambda: [0.05, 0, 0],
    mu: [0.05, -0.05, 0],
    spend: [-0.1, 0.1, 0.05],
  },
];

/** Product categories with their price level, cost ratio, return probability and λ effect as a customer's home category. */
export interface CategorySpec {
  name: string;
  /** Median list price (currency). */
  price: number;
  /** Unit cost / list price. */
  costRatio: number;
  /** Probability that a line is returned. */
  returnRate: number;
  /** Share of customers whose first (home) category it is. */
  share: number;
  /** Log effect on λ of having it as home category (replenishment categories buy more often). */
  lambda: number;
}

export const DEMO_CATEGORIES: readonly CategorySpec[] = [
  { name: 'apparel', price: 35, costRatio: 0.45, returnRate: 0.14, share: 0.22, lambda: 0.05 },
  { name: 'shoes', price: 70, costRatio: 0.5, returnRate: 0.12, share: 0.12, lambda: -0.1 },
  { name: 'home', price: 45, costRatio: 0.55, returnRate: 0.04, share: 0.14, lambda: 0 },
  { name: 'beauty', price: 22, costRatio: 0.35, returnRate: 0.02, share: 0.14, lambda: 0.3 },
  { name: 'electronics', price: 120, costRatio: 0.75, returnRate: 0.06, share: 0.1, lambda: -0.25 },
  { name: 'books', price: 16, costRatio: 0.6, returnRate: 0.02, share: 0.1, lambda: 0.1 },
  { name: 'toys', price: 28, costRatio: 0.5, returnRate: 0.04, share: 0.08, lambda: -0.05 },
  { name: 'sports', price: 50, costRatio: 0.55, returnRate: 0.06, share: 0.1, lambda: 0 },
];

/** Everything else the generator draws from (rates per day, money in currency). */
export const DEMO_BASE = {
  start: '2022-01-01',
  /** Three calendar years: 2022-01-01 .. 2024-12-31. */
  months: 36,
  currency: 'USD',
  /** Pareto/NBD purchase rate λ ~ Gamma(r, α) per day before effects (mean r/α ≈ 2 a year). */
  r: 0.9,
  alpha: 160,
  /** Pareto/NBD dropout rate μ ~ Gamma(s, β) per day before effects (mean s/β: a 2-year mean lifetime). */
  s: 0.8,
  beta: 584,
  /** Basket: 1 + Poisson(θ) picks per order, θ = θ₀ · ν · e^(spend effects), ν ~ Gamma(q, q) (mean 1). */
  theta0: 0.7,
  q: 3,
  /** Site visits before signup ~ Poisson(mean per channel); log effect on λ per visit above the mean 3. */
  visitsMean: [3, 2, 4, 3, 2, 5] as readonly number[],
  visitsLambda: 0.06,
  /** Probability that a pick comes from the customer's home category (the rest follow category shares). */
  homeAffinity: 0.45,
  /** Probability that a picked product brings its complement into the basket. */
  complement: 0.35,
  /** Extra units per line ~ Poisson(extraUnits). */
  extraUnits: 0.25,
  /** Share of orders with a 10% promotion. */
  promoShare: 0.15,
  /** Repeat orders' channel: direct, email, else the acquisition channel. */
  repeatDirect: 0.55,
  repeatEmail: 0.3,
  /** Support contacts: per order, and extra when the order has a return. */
  contactPerOrder: 0.04,
  contactPerReturnOrder: 0.35,
  /** Surveys: after an order, a not-yet-surveyed customer answers with this probability (7 days later). */
  surveyRate: 0.1,
  surveyDelayDays: 7,
  /** NPS answer distribution 0..10 (independent of the customer: satisfaction is drawn at random). */
  npsProbabilities: [0.03, 0.02, 0.02, 0.03, 0.04, 0.06, 0.07, 0.15, 0.18, 0.2, 0.2] as readonly number[],
  /** After the survey: a detractor's dropout rate μ is multiplied by this; a promoter's λ by that. */
  detractorDropout: 2.0,
  promoterPurchase: 1.2,
  /** Share of respondents who answer only NPS, only CSAT; the rest answer both. */
  npsOnly: 0.2,
  csatOnly: 0.1,
  /** Customers missing from customers.csv (a CRM gap) and attribute cells left blank. */
  missingCustomerRow: 0.01,
  blankAttribute: 0.02,
  /** Spend per (channel, month) = CAC · expected new customers · e^(σZ − σ²/2). */
  spendNoise: 0.15,
  /** Prospects whose region was never seen among customers (reported by cvm lookalikes). */
  unseenRegionShare: 0.002,
  unseenRegion: 'overseas',
  /** Monte Carlo customers per channel for the true channel values in truth.json. */
  truthSimulations: 20_000,
  /** Horizon of the true channel values (years from acquisition). */
  truthYears: 3,
} as const;

/** Options of the demo generator. */
export interface DemoOptions {
  /** Customers (default 20,000). */
  customers?: number;
  /** Prospects (default customers / 4). */
  prospects?: number;
  /** Seed of every random draw (default 1): same options, same bytes. */
  seed?: number;
  /**
   * false: channels and attributes carry no signal (every effect 0, no home-category affinity), for
   * checking that cvm says so (default true).
   */
  signal?: boolean;
  /** Progress callback (a stage name). */
  onProgress?: (stage: string) => void;
}
