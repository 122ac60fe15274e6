import { createRng, type Rng } from '../../src/math/random/rng.js';
import { sampleBeta } from '../../src/math/random/sample-beta.js';
import { sampleGamma } from '../../src/math/random/sample-gamma.js';
import { sampleStandardNormal } from '../../src/math/random/sample-normal.js';
import { InputError } from '../../src/errors.js';
import type { SyntheticLogParams } from './params.js';

/** Number of channels and their names; each customer has a preferred one. */
export const CHANNELS = ['web', 'store', 'app', 'phone'] as const;
const CHANNEL_CUMULATIVE = [0.55, 0.8, 0.95, 1];

/** Per-customer latent traits, drawn once (struct of arrays, ~40 bytes a customer). */
export interface CustomerTraits {
  /** Unscaled purchase rate g ~ Gamma(r, 1); the rate per day is g × the calibrated scale. */
  rate: Float64Array;
  /** Dropout probability after each repeat purchase, ~ Beta(a, b). */
  dropout: Float64Array;
  /** Day (fractional, from the log start) of the first purchase. */
  birth: Float64Array;
  /** Mean of ln(amount) for this customer. */
  spendMu: Float64Array;
  /** Preferred channel index. */
  channel: Uint8Array;
}

/** A 32-bit mix (murmur3 fmix) of a seed and a stream number, so streams are unrelated. */
export function streamSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Draws every customer's traits from one seeded stream, in customer order. */
export function drawTraits(p: SyntheticLogParams): CustomerTraits {
  const rng = createRng(streamSeed(p.seed, 1));
  const n = p.customers;
  const t: CustomerTraits = {
    rate: new Float64Array(n),
    dropout: new Float64Array(n),
    birth: new Float64Array(n),
    spendMu: new Float64Array(n),
    channel: new Uint8Array(n),
  };
  const lnMedian = Math.log(p.spendMedian);
  for (let i = 0; i < n; i++) {
    t.rate[i] = sampleGamma(rng, p.rateShape, 1);
    t.dropout[i] = Math.min(Math.max(sampleBeta(rng, p.dropoutA, p.dropoutB), 1e-9), 1);
    t.birth[i] = rng() * p.acquisitionDays;
    t.spendMu[i] = lnMedian + p.spendCustomerSd * sampleStandardNormal(rng);
    const u = rng();
    let c = 0;
    while (u > CHANNEL_CUMULATIVE[c]!) c++;
    t.channel[i] = c;
  }
  return t;
}

/**
 * The rate scale s (purchases per day per unit of g) whose expected row count is `target`.
 *
 * ## Method
 * Under BG/NBD (Fader, Hardie & Lee 2005, eq. 7) a customer with rate λ and dropout p observed for
 * t days after the first purchase makes E[X(t)] = (1 − e^(−λpt)) / p repeat purchases. The expected
 * rows are Σᵢ (1 + E[Xᵢ]) (1 + returnRate); this is increasing in s, so s is found by bisection
 * on ln s. @throws InputError `synthetic_rows_unreachable` when even s → ∞ stays below `target`.
 */
export function calibrateRateScale(p: SyntheticLogParams, t: CustomerTraits, target: number): number {
  const expected = (s: number): number => {
    let sum = 0;
    for (let i = 0; i < p.customers; i++) {
      const q = t.dropout[i]!;
      sum += 1 + (1 - Math.exp(-s * t.rate[i]! * q * (p.days - t.birth[i]!))) / q;
    }
    return sum * (1 + p.returnRate);
  };
  if (expected(0) >= target) return 0;
  let hi = 1 / p.days;
  for (let k = 0; expected(hi) < target; k++) {
    if (k > 200) {
      throw new InputError(
        'synthetic_rows_unreachable',
        `Synthetic log: ${p.rows} rows are out of reach for ${p.customers} customers with dropout Beta(${p.dropoutA}, ${p.dropoutB}); lower rows or raise dropoutB`,
        {},
      );
    }
    hi *= 2;
  }
  let lo = hi / 2;
  for (let k = 0; k < 60; k++) {
    const mid = Math.sqrt(lo * hi);
    if (expected(mid) < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** One customer's events (purchases and returns), in a reusable, growable buffer. */
export class EventBuffer {
  length = 0;
  time = new Float64Array(64);
  cents = new Int32Array(64);
  product = new Int32Array(64);
  channel = new Uint8Array(64);
  push(time: number, cents: number, product: number, channel: number): void {
    if (this.length === this.time.length) this.grow();
    const k = this.length++;
    this.time[k] = time;
    this.cents[k] = cents;
    this.product[k] = product;
    this.channel[k] = channel;
  }
  private grow(): void {
    const n = this.time.length * 2;
    const t = new Float64Array(n);
    t.set(this.time);
    this.time = t;
    const c = new Int32Array(n);
    c.set(this.cents);
    this.cents = c;
    const p = new Int32Array(n);
    p.set(this.product);
    this.product = p;
    const h = new Uint8Array(n);
    h.set(this.channel);
    this.channel = h;
  }
}

/**
 * Simulates customer i into `out` (cleared first), drawing from `rng` in a fixed order so that a
 * replay with the same stream gives the same events.
 *
 * ## Method
 * First purchase at the birth day; repeat purchases at exponential gaps with rate g·s (a Poisson
 * process) until the end of the log or until dropout: after each repeat purchase the customer leaves
 * with probability p, so the number of repeats allowed is K ~ Geometric(p) on {1, 2, …}, drawn by
 * inversion, and X = min(K, Poisson count) as in BG/NBD. Each purchase has a lognormal amount
 * (cents, ≥ 1), a product drawn with skewed popularity (⌊P·U³⌋), the preferred channel with
 * probability 0.8, and with probability `returnRate` a return 1 + Exp(mean 10) days later (dropped
 * if after the end of the log) carrying the negated amount.
 */
export function simulateCustomer(p: SyntheticLogParams, t: CustomerTraits, i: number, scale: number, rng: Rng, out: EventBuffer): void {
  out.length = 0;
  const q = t.dropout[i]!;
  const k = q >= 1 ? 1 : 1 + Math.floor(Math.log(rng()) / Math.log1p(-q));
  const rate = scale * t.rate[i]!;
  let time = t.birth[i]!;
  let repeats = -1;
  while (repeats < k) {
    const cents = Math.max(1, Math.round(100 * Math.exp(t.spendMu[i]! + p.spendSd * sampleStandardNormal(rng))));
    const u = rng();
    const product = p.products > 0 ? Math.floor(p.products * u * u * u) : 0;
    const channel = rng() < 0.8 ? t.channel[i]! : Math.floor(rng() * CHANNELS.length);
    out.push(time, cents, product, channel);
    if (rng() < p.returnRate) {
      const back = time + 1 + 10 * -Math.log(rng());
      if (back < p.days) out.push(back, -cents, product, channel);
    }
    repeats++;
    if (!(rate > 0)) break;
    time += -Math.log(rng()) / rate;
    if (time >= p.days) break;
  }
}
