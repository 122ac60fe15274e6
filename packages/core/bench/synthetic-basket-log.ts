/**
 * A seeded transaction log with multi-item baskets (our own code), for the basket tests and the
 * ClickHouse basket benchmark (issue 16): the baskets of {@link syntheticBaskets} written as rows
 * `customer_id,order_id,date,product_id,quantity,amount`. Each basket goes to a customer (uniform)
 * on a day of 2023–2024; 80% carry an order id (`O<n>`), the rest none (a customer-day basket, which
 * merges with the customer's other order-less basket that day). About `returnShare` of the lines get a
 * return row: half in the same order, half as a cancellation `C<n>` on the next day (matched to the
 * latest earlier purchase of the product); a return of the whole quantity takes the product out of the
 * basket. Same options → the same file.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRng } from '../src/math/random/rng.js';
import { syntheticBaskets } from './synthetic-baskets.js';

export interface SyntheticBasketLogOptions {
  baskets: number;
  products: number;
  customers: number;
  seed?: number;
  returnShare?: number;
}

const DAY0 = Date.UTC(2023, 0, 1);
const iso = (day: number): string => new Date(DAY0 + day * 86_400_000).toISOString().slice(0, 10);

/**
 * Writes the log to `file` (CSV with a header); returns its row count. Ingest with
 * `{ dateFormat: 'iso', cancelPrefix: 'C' }` (the columns are found by name).
 * @example
 * writeSyntheticBasketLog('/tmp/b.csv', { baskets: 20_000, products: 300, customers: 2_000 }); // → ~150k rows
 */
export function writeSyntheticBasketLog(file: string, o: SyntheticBasketLogOptions): number {
  const { seed = 5, returnShare = 0.03 } = o;
  const b = syntheticBaskets({ baskets: o.baskets, products: o.products, seed });
  const rng = createRng(seed + 1);
  const fd = openSync(file, 'w');
  let rows = 0;
  let chunk = 'customer_id,order_id,date,product_id,quantity,amount\n';
  try {
    for (let s = 0; s + 1 < b.offsets.length; s++) {
      const customer = `K${Math.floor(rng() * o.customers)}`;
      const day = Math.floor(rng() * 730);
      const order = rng() < 0.8 ? `O${s}` : '';
      for (let k = b.offsets[s]!; k < b.offsets[s + 1]!; k++) {
        const item = b.items[b.members[k]!]!;
        const qty = 1 + Math.floor(rng() * 3);
        const price = 1 + (b.members[k]! % 50) * 0.37;
        chunk += `${customer},${order},${iso(day)},${item},${qty},${(qty * price).toFixed(2)}\n`;
        rows++;
        if (rng() < returnShare) {
          const back = rng() < 0.5 ? qty : 1;
          const cancel = rng() < 0.5;
          chunk += `${customer},${cancel ? `C${s}` : order},${iso(cancel ? day + 1 : day)},${item},${-back},${(-back * price).toFixed(2)}\n`;
          rows++;
        }
      }
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return rows;
}
