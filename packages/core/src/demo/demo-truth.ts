import { createRng } from '../math/random/rng.js';
import type { DemoCatalog } from './demo-catalog.js';
import { DEMO_BASE, DEMO_CHANNELS } from './demo-params.js';
import { newBasket, simulatePerson, type DemoSink } from './demo-simulate.js';
import { drawPerson, newPerson } from './demo-traits.js';

/** The true value of a newly acquired customer of one channel over the truth horizon. */
export interface ChannelTruth {
  channel: string;
  /** Mean per acquired customer over `DEMO_BASE.truthYears` years from acquisition (currency). */
  netRevenue: number;
  /** Net revenue − cost of the goods kept (returns restocked). */
  grossMargin: number;
  /** Standard error of the gross margin mean (Monte Carlo). */
  grossMarginSe: number;
  orders: number;
  simulated: number;
}

/** Accumulates one simulated customer's money. */
class ValueSink implements DemoSink {
  revenue = 0;
  margin = 0;
  orders = 0;
  constructor(private catalog: DemoCatalog) {}
  order(): void {
    this.orders++;
  }
  line(product: number, quantity: number, unitCents: number): void {
    this.revenue += quantity * unitCents;
    this.margin += quantity * (unitCents - this.catalog.costCents[product]!);
  }
  ret(_time: number, product: number, quantity: number, unitCents: number): void {
    this.revenue -= quantity * unitCents;
    this.margin -= quantity * (unitCents - this.catalog.costCents[product]!);
  }
  contact(): void {}
  survey(): void {}
}

/**
 * The true expected value of a customer acquired through each channel, by Monte Carlo: `n` fresh
 * customers per channel, drawn from the generator's own process (attributes given the channel,
 * latent rates, orders, returns, surveys) from acquisition for `DEMO_BASE.truthYears` years, with
 * their own seeded stream. This is the ordering cvm's acquisition report should recover.
 */
export function channelTruth(catalog: DemoCatalog, seed: number, signal: boolean, n: number = DEMO_BASE.truthSimulations): ChannelTruth[] {
  const rng = createRng(seed);
  const person = newPerson();
  const basket = newBasket();
  const end = DEMO_BASE.truthYears * 365.25;
  return DEMO_CHANNELS.map((ch, c) => {
    let revenue = 0,
      margin = 0,
      margin2 = 0,
      orders = 0;
    for (let i = 0; i < n; i++) {
      drawPerson(rng, catalog, signal, person, c);
      const sink = new ValueSink(catalog);
      simulatePerson(rng, catalog, person, 0, end, signal, sink, basket);
      revenue += sink.revenue / 100;
      margin += sink.margin / 100;
      margin2 += (sink.margin / 100) ** 2;
      orders += sink.orders;
    }
    const mean = margin / n;
    return {
      channel: ch.name,
      netRevenue: round2(revenue / n),
      grossMargin: round2(mean),
      grossMarginSe: round2(Math.sqrt(Math.max(0, margin2 / n - mean * mean) / n)),
      orders: round2(orders / n),
      simulated: n,
    };
  });
}

const round2 = (v: number): number => Math.round(v * 100) / 100;
