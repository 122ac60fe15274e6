import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { createRng } from '../../src/math/random/rng.js';
import { tempDir } from '../helpers/temp-dir.js';

export interface SyntheticBasketOptions {
  customers: number;
  /** Products, in bundles of `bundleSize`. */
  products: number;
  bundleSize: number;
  /** Chance that a basket line comes from the customer's own bundle (0 = no structure: every line from overall popularity). */
  affinity: number;
  seed: number;
  /** Every line costs 10 (default: 5 + product number mod 10). */
  flatPrice?: boolean;
}

/**
 * A seeded order log (customer, order, date, product, amount) over 2024 with planted co-purchase
 * structure: products come in bundles; each customer has one bundle and draws each basket line
 * from it with probability `affinity`, otherwise from a Zipf(1) popularity over all products.
 * Every customer makes 2–9 orders of 2–4 distinct products on uniform days of the year.
 */
export function syntheticBasketCsv(o: SyntheticBasketOptions): string {
  const rng = createRng(o.seed);
  const zipf: number[] = [];
  let z = 0;
  for (let p = 0; p < o.products; p++) {
    z += 1 / (p + 1);
    zipf.push(z);
  }
  // popularity rank is scrambled relative to bundle membership (a fixed permutation)
  const perm = Array.from({ length: o.products }, (_, p) => (p * 37 + 11) % o.products);
  const popular = (): number => {
    const u = rng() * z;
    let lo = 0;
    while (zipf[lo]! < u) lo++;
    return perm[lo]!;
  };
  const lines = ['customer,order,date,product,amount'];
  let order = 0;
  const bundles = Math.floor(o.products / o.bundleSize);
  for (let c = 0; c < o.customers; c++) {
    const bundle = Math.floor(rng() * bundles);
    const orders = 2 + Math.floor(rng() * 8);
    for (let k = 0; k < orders; k++) {
      const day = Math.floor(rng() * 366);
      const date = new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const size = 2 + Math.floor(rng() * 3);
      const basket = new Set<number>();
      for (let guard = 0; basket.size < size && guard < 50; guard++) {
        basket.add(rng() < o.affinity ? bundle * o.bundleSize + Math.floor(rng() * o.bundleSize) : popular());
      }
      order++;
      for (const p of basket) lines.push(`c${c},o${order},${date},P${p},${(o.flatPrice ? 10 : 5 + (p % 10)).toFixed(2)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** An in-memory workspace holding {@link syntheticBasketCsv}. */
export async function syntheticBasketWorkspace(o: SyntheticBasketOptions): Promise<Engine> {
  const dir = tempDir('cvm-synth-baskets-');
  const file = join(dir, 'orders.csv');
  writeFileSync(file, syntheticBasketCsv(o));
  const engine = await openWorkspace();
  await ingestFile(engine, file, {
    mapping: { customer: 'customer', order: 'order', date: 'date', product: 'product', amount: 'amount' },
    dateFormat: 'iso',
    maxDate: '2030-01-01',
  });
  return engine;
}
