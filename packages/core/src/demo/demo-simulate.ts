import type { Rng } from '../math/random/rng.js';
import { samplePoisson } from '../math/random/sample-poisson.js';
import { pickCumulative, type DemoCatalog } from './demo-catalog.js';
import { DEMO_BASE, DEMO_CATEGORIES, DEMO_CHANNELS } from './demo-params.js';
import type { DemoPerson } from './demo-traits.js';

/** Where a simulated customer's events go: CSV writers, or the Monte Carlo accumulator of truth.json. */
export interface DemoSink {
  /** A new order at `time` (days from the start) through order channel `channel` (index into ORDER_CHANNELS). */
  order(time: number, channel: number): void;
  /** A line of the current order. */
  line(product: number, quantity: number, unitCents: number): void;
  /** A returned line of the current order (quantity > 0 returned at `time`). */
  ret(time: number, product: number, quantity: number, unitCents: number): void;
  contact(time: number): void;
  /**
   * A survey answer; −1 for a question not answered. `lambda` and `mu` are the customer's purchase
   * and dropout rates (per day) at the survey, before the answer changes them (for truth.json).
   */
  survey(time: number, nps: number, csat: number, lambda: number, mu: number): void;
}

/** Order channels of the log: the acquisition channels, then the repeat-order channels. */
export const ORDER_CHANNELS: readonly string[] = [...DEMO_CHANNELS.map((c) => c.name), 'email'];
const DIRECT = DEMO_CHANNELS.findIndex((c) => c.name === 'direct');
const EMAIL = ORDER_CHANNELS.length - 1;

// module-level copies of the parameters read in the hot loop
const B = { ...DEMO_BASE };
const RETURN_RATE = Float64Array.from(DEMO_CATEGORIES, (c) => c.returnRate);

const NPS_CUMULATIVE = Float64Array.from(DEMO_BASE.npsProbabilities, (_, i) =>
  DEMO_BASE.npsProbabilities.slice(0, i + 1).reduce((s, p) => s + p, 0),
);
NPS_CUMULATIVE[NPS_CUMULATIVE.length - 1] = 1;

/** Reusable basket buffers. */
export interface Basket {
  product: Int32Array;
  quantity: Int32Array;
  length: number;
}
export const newBasket = (): Basket => ({ product: new Int32Array(256), quantity: new Int32Array(256), length: 0 });

function add(b: Basket, product: number, quantity: number): void {
  for (let k = 0; k < b.length; k++) {
    if (b.product[k] === product) {
      b.quantity[k]! += quantity;
      return;
    }
  }
  if (b.length === b.product.length) return; // 256 distinct products in one order: enough
  b.product[b.length] = product;
  b.quantity[b.length++] = quantity;
}

const exp = (rng: Rng, rate: number): number => (rate > 0 ? -Math.log(rng()) / rate : Infinity);

/**
 * Simulates one customer from acquisition at `birth` until `end` (days from the start), in a fixed
 * order of draws so a replay with the same stream gives the same events.
 *
 * ## Method
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987) per customer: lifetime ~ Exp(μ), orders at
 * exponential gaps with rate λ while alive, the first at `birth`. An order holds 1 + Poisson(θ)
 * picks, each from the home category with probability `homeAffinity` (the first pick of the first
 * order always) or from the category shares, the product by popularity; each pick brings its
 * complement with probability `complement`; each line has 1 + Poisson(0.25) units at list price
 * (10% off in promoted orders). Each line is returned with its category's rate × the channel's
 * multiplier, 5 + Exp(mean 8) days later; a support contact follows an order with probability 4%
 * (+35% when something is returned). After an order a customer not yet surveyed answers a survey
 * with probability 10% a week later (if still alive); from then on a detractor (NPS ≤ 6) leaves at
 * twice the rate and a promoter (NPS ≥ 9) buys 1.2× as often (memoryless, so both changes are exact
 * restarts of the exponential clocks at the survey time).
 */
export function simulatePerson(
  rng: Rng,
  catalog: DemoCatalog,
  p: DemoPerson,
  birth: number,
  end: number,
  signal: boolean,
  sink: DemoSink,
  basket: Basket,
): void {
  const ch = DEMO_CHANNELS[p.channel]!;
  const returnFactor = signal ? ch.returns : 1;
  const affinity = signal ? B.homeAffinity : 0;
  let lambda = p.lambda;
  let death = birth + exp(rng, p.mu);
  let surveyed = false;
  let surveyAt = Infinity;
  let promoter = false;
  let t = birth;
  let first = true;
  for (;;) {
    // --- one order at time t
    const u = rng();
    const channel = first ? p.channel : u < B.repeatDirect ? DIRECT : u < B.repeatDirect + B.repeatEmail ? EMAIL : p.channel;
    sink.order(t, channel);
    basket.length = 0;
    const picks = 1 + samplePoisson(rng, p.theta);
    for (let k = 0; k < picks; k++) {
      const cat = (first && k === 0) || rng() < affinity ? p.home : pickCumulative(catalog.categoryCumulative, rng());
      const group = catalog.byCategory[cat]!;
      const product = group.products[pickCumulative(group.cumulative, rng())]!;
      add(basket, product, 1 + samplePoisson(rng, B.extraUnits));
      if (rng() < B.complement) add(basket, catalog.complement[product]!, 1);
    }
    const promo = rng() < B.promoShare;
    let returned = false;
    for (let k = 0; k < basket.length; k++) {
      const product = basket.product[k]!;
      const unit = promo ? Math.round(catalog.priceCents[product]! * 0.9) : catalog.priceCents[product]!;
      sink.line(product, basket.quantity[k]!, unit);
      if (rng() < RETURN_RATE[catalog.category[product]!]! * returnFactor) {
        const back = t + 5 + 8 * -Math.log(rng());
        if (back < end) {
          sink.ret(back, product, basket.quantity[k]!, unit);
          returned = true;
        }
      }
    }
    if (rng() < B.contactPerOrder + (returned ? B.contactPerReturnOrder : 0)) {
      const at = t + 1 + 10 * rng();
      if (at < end) sink.contact(at);
    }
    if (!surveyed && rng() < B.surveyRate) {
      surveyed = true;
      const s = t + B.surveyDelayDays;
      if (s < end && s < death) {
        const nps = pickCumulative(NPS_CUMULATIVE, rng());
        const z = rng() + rng() + rng() - 1.5; // ~N(0, 0.25): a cheap symmetric noise
        const csat = Math.min(5, Math.max(1, Math.round(1 + 0.4 * nps + 1.2 * z)));
        const v = rng();
        sink.survey(s, v < B.csatOnly ? -1 : nps, v >= B.csatOnly && v < B.csatOnly + B.npsOnly ? -1 : csat, lambda, p.mu);
        if (nps <= 6) death = s + exp(rng, p.mu * B.detractorDropout);
        else if (nps >= 9) {
          promoter = true;
          surveyAt = s;
        }
      }
    }
    first = false;
    // --- the next order
    let next = t + exp(rng, lambda);
    if (promoter && surveyAt < next) {
      lambda *= B.promoterPurchase;
      next = surveyAt + exp(rng, lambda);
      promoter = false;
    }
    if (next >= death || next >= end) return;
    t = next;
  }
}
