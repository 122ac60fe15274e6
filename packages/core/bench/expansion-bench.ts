/**
 * The expansion benchmarks (group `expansion`), on seeded synthetic baskets (`synthetic-baskets.ts`):
 *
 * - `fp-growth`: frequent itemsets by FP-growth on 1M baskets over 10k products at support 0.001
 *   (itemsets up to 10 items), then the rules (confidence ≥ 0.1). Beside it, in the same process
 *   and on the same baskets, FP-growth limited to pairs and the straightforward pairwise counting
 *   (`naive-pair-counts.ts`, JS Maps), checked to agree count by count: the ratio is printed.
 *   Targets: < 10 s and < 2 GB peak RSS (maxRSS read right after FP-growth, before the naive run).
 * - `offers`: next best offer for 1M customers (each owning the items of 3 synthetic baskets), with
 *   the rules and co-occurrence neighbours mined on the 1M baskets; beside it the popularity
 *   baseline on the same customers. Target < 20 s for the offers.
 *
 *   npm run bench -- --only expansion [--baskets 1M] [--products 10k] [--support 0.001] [--offer-customers 1M]
 */
import { associationRules } from '../src/expansion/association-rules.js';
import { frequentItemsets, minCountFor } from '../src/expansion/fp-growth.js';
import { buildOfferModel } from '../src/expansion/offer-model.js';
import { nextBestOffers } from '../src/expansion/offers.js';
import { popularityOffers } from '../src/expansion/popularity.js';
import { ownedItems } from '../src/expansion/owned-items.js';
import { createRng } from '../src/math/random/rng.js';
import { median, runsNote, timeOnce, timeRuns } from './bench-timing.js';
import { naivePairCounts } from './naive-pair-counts.js';
import { registerBench, parseCount, type BenchContext } from './registry.js';
import { syntheticBaskets } from './synthetic-baskets.js';

const n = (x: number): string => x.toLocaleString('en-US');
const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;

function sizes(ctx: BenchContext): { baskets: number; products: number; support: number; customers: number } {
  return {
    baskets: parseCount(ctx.extra.baskets ?? '1M', 'baskets'),
    products: parseCount(ctx.extra.products ?? '10k', 'products'),
    support: Number(ctx.extra.support ?? '0.001'),
    customers: parseCount(ctx.extra['offer-customers'] ?? '1M', 'offer-customers'),
  };
}

registerBench({
  name: 'fp-growth',
  group: 'expansion',
  description: 'FP-growth, 1M baskets × 10k products, support 0.001, + rules; vs pairwise counting in Maps (pairs only)',
  async run(ctx) {
    const s = sizes(ctx);
    const gen = timeOnce(() => syntheticBaskets({ baskets: s.baskets, products: s.products, seed: ctx.seed }));
    const b = gen.value;
    ctx.log(
      `${n(s.baskets)} baskets, ${n(b.members.length)} lines (mean ${(b.members.length / s.baskets).toFixed(2)} items), generated in ${(gen.wallMs / 1000).toFixed(1)} s`,
    );
    const full = timeRuns(() => frequentItemsets(b, { minSupport: s.support }), ctx.repeat, 1);
    const sets = full.value;
    const rss = maxRssMb();
    const lengths = new Map<number, number>();
    for (let t = 0; t + 1 < sets.offsets.length; t++) {
      const L = sets.offsets[t + 1]! - sets.offsets[t]!;
      lengths.set(L, (lengths.get(L) ?? 0) + 1);
    }
    const fullS = median(full.wallMs) / 1000;
    ctx.record({
      name: `FP-growth, support ${s.support} (${n(sets.minCount)} baskets)`,
      value: fullS,
      unit: 's',
      target: { max: 10 },
      note: `${n(sets.counts.length)} itemsets (${[...lengths]
        .sort((x, y) => x[0] - y[0])
        .map(([L, c]) => `${L}: ${n(c)}`)
        .join(', ')}); ${runsNote(full)}`,
    });
    ctx.record({ name: 'peak RSS after FP-growth (maxRSS, generator included)', value: rss, unit: 'MB', target: { max: 2048 } });
    const rules = timeRuns(() => associationRules(sets, { minConfidence: 0.1 }), ctx.repeat);
    ctx.record({
      name: 'rules from the itemsets, confidence ≥ 0.1',
      value: median(rules.wallMs) / 1000,
      unit: 's',
      note: `${n(rules.value.length)} rules; ${runsNote(rules)}`,
    });
    const pairsFp = timeRuns(() => frequentItemsets(b, { minSupport: s.support, maxLength: 2 }), ctx.repeat);
    const naive = timeRuns(() => naivePairCounts(b, minCountFor(s.support, s.baskets)), 1);
    // the two must agree on every frequent item and pair
    const p = pairsFp.value,
      m = b.items.length;
    let agree = p.counts.length === naive.value.items.size + naive.value.pairs.size;
    for (let t = 0; agree && t < p.counts.length; t++) {
      const from = p.offsets[t]!,
        L = p.offsets[t + 1]! - from;
      const c = L === 1 ? naive.value.items.get(p.members[from]!) : naive.value.pairs.get(p.members[from]! * m + p.members[from + 1]!);
      agree = c === p.counts[t];
    }
    if (!agree) throw new Error('fp-growth bench: FP-growth (max length 2) and the naive pair counts disagree');
    const pairS = median(pairsFp.wallMs) / 1000,
      naiveS = median(naive.wallMs) / 1000;
    ctx.record({
      name: 'FP-growth, itemsets of ≤ 2 items',
      value: pairS,
      unit: 's',
      note: `${n(p.counts.length)} itemsets; ${runsNote(pairsFp)}`,
    });
    ctx.record({
      name: 'naive pairwise counting (Maps), same output',
      value: naiveS,
      unit: 's',
      note: `checked equal; peak RSS of the process after it ${n(Math.round(maxRssMb()))} MB`,
    });
    ctx.record({ name: 'naive / FP-growth (pairs only)', value: naiveS / pairS, unit: '×' });
    ctx.record({ name: 'naive pairs / full FP-growth (all lengths)', value: naiveS / fullS, unit: '×' });
  },
});

registerBench({
  name: 'offers',
  group: 'expansion',
  description: 'next best offer (k = 5) for 1M customers from rules + co-occurrence on 1M baskets; vs the popularity baseline',
  after: ['fp-growth'],
  rssTargetMb: 2048,
  async run(ctx) {
    const s = sizes(ctx);
    const b = syntheticBaskets({ baskets: s.baskets, products: s.products, seed: ctx.seed });
    const fit = timeOnce(() => {
      const sets = frequentItemsets(b, { minSupport: s.support, maxLength: 4 });
      const rules = associationRules(sets, { minConfidence: 0.1, minLift: 1.2 });
      const values = { kind: 'revenue' as const, value: Float64Array.from({ length: s.products }, (_, i) => 1 + (i % 10)), currency: null };
      return buildOfferModel(b, rules, values, new Int32Array(s.products).fill(1000));
    });
    const model = fit.value;
    ctx.record({
      name: 'offer model: FP-growth (≤ 4 items), rules, neighbours',
      value: fit.wallMs / 1000,
      unit: 's',
      note: `${n(model.rules.length)} rules, ${n(model.neighbours.items.length)} neighbour pairs`,
    });
    // customers own the items of 3 baskets each (a second seeded draw, so offers are not the training baskets)
    const cb = syntheticBaskets({ baskets: 3 * s.customers, products: s.products, seed: ctx.seed + 1 });
    const rng = createRng(ctx.seed + 2);
    const customer = Int32Array.from({ length: 3 * s.customers }, (_, t) => Math.floor(t / 3));
    const day = Int32Array.from({ length: 3 * s.customers }, () => 700 + Math.floor(300 * rng()));
    const owned = ownedItems(cb, s.customers, customer, day);
    ctx.log(`${n(s.customers)} customers owning ${(owned.items.length / s.customers).toFixed(1)} items on average`);
    const options = { k: 5, asOfDay: 1000 };
    const rec = timeRuns(() => nextBestOffers(model, owned, options), ctx.repeat, 1);
    const pop = timeRuns(() => popularityOffers(model, owned, options), ctx.repeat);
    let filled = 0,
      fromRules = 0;
    for (let t = 0; t < rec.value.item.length; t++)
      if (rec.value.item[t]! >= 0) {
        filled++;
        if (rec.value.source[t]! >= 0) fromRules++;
      }
    const recS = median(rec.wallMs) / 1000,
      popS = median(pop.wallMs) / 1000;
    ctx.record({
      name: `next best offer, k = 5, ${n(s.customers)} customers`,
      value: recS,
      unit: 's',
      target: { max: 20 },
      note: `${(filled / s.customers).toFixed(2)} offers per customer, ${((100 * fromRules) / Math.max(1, filled)).toFixed(0)}% from rules; ${runsNote(rec)}`,
    });
    ctx.record({ name: 'popularity baseline, same customers', value: popS, unit: 's', note: runsNote(pop) });
    ctx.record({ name: 'offers / popularity baseline', value: recS / popS, unit: '×' });
  },
});
