// Order logs with product ids for the expansion stages' tests (core, server and dashboard):
// the CDNOW sample with planted products (real purchase timing, so the models, segments and
// headroom run as on CDNOW) and the Groceries baskets as an order log (published rules).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { createRng } from '../../src/math/random/rng.js';
import { tempDir } from '../helpers/temp-dir.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;
const GENRES = ['rock', 'pop', 'jazz', 'classical', 'country', 'blues', 'soul', 'folk', 'metal', 'latin'];
/** Titles per genre: products are "<genre> <1..TITLES>". */
const TITLES = 4;

const csvField = (s: string): string => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/**
 * The CDNOW 1/10 sample (2,357 customers, 6,919 purchases, 1997-01-01..1998-06-30) as an order
 * log with products: each purchase row becomes one order of min(cds, 4) distinct CD titles (at
 * least one) whose amounts add up to the row's sales. There are 60 titles, 6 in each of 10 genres;
 * each customer has a favourite genre (seeded) and draws a line from it with probability
 * `affinity`, otherwise from a Zipf popularity over all titles. Customer ids, days and spend are
 * CDNOW's own, so the summary and models are those of the sample.
 */
export function cdnowProductsCsv(seed = 7, affinity = 0.7): string {
  const rng = createRng(seed);
  const products = GENRES.flatMap((g) => Array.from({ length: TITLES }, (_, t) => `${g} ${t + 1}`));
  let z = 0;
  const zipf = products.map((_, p) => (z += 1 / (p + 1)));
  // popularity rank scrambled relative to genre (a fixed permutation)
  const perm = products.map((_, p) => (p * 23 + 5) % products.length);
  const popular = (): number => {
    const u = rng() * z;
    let lo = 0;
    while (zipf[lo]! < u) lo++;
    return perm[lo]!;
  };
  const favourite = new Map<string, number>();
  const rows = readFileSync(join(ROOT, 'data/cdnow/cdnow_sample_elog.csv'), 'utf8').trim().split('\n').slice(1);
  const out = ['customer,order,date,product,amount'];
  rows.forEach((line, r) => {
    const [, id, ymd, cds, sales] = line.split(',') as [string, string, string, string, string];
    if (!favourite.has(id)) favourite.set(id, Math.floor(rng() * GENRES.length));
    const g = favourite.get(id)!;
    const size = Math.max(1, Math.min(Number(cds), 4));
    const basket = new Set<number>();
    for (let guard = 0; basket.size < size && guard < 50; guard++)
      basket.add(rng() < affinity ? g * TITLES + Math.floor(rng() * TITLES) : popular());
    const cents = Math.round(Number(sales) * 100),
      lines = [...basket];
    const each = Math.floor(cents / lines.length);
    const date = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
    lines.forEach((p, k) => {
      const c = k === lines.length - 1 ? cents - each * (lines.length - 1) : each;
      out.push(`${id},o${r + 1},${date},${csvField(products[p]!)},${(c / 100).toFixed(2)}`);
    });
  });
  return out.join('\n') + '\n';
}

/** The Groceries baskets (9,835, arules) as an order log: basket b is order b of customer c(b mod 1500) on day 2000-01-01 + (b mod 30), every line 1.00. */
export function groceriesLogCsv(): string {
  const lines = readFileSync(join(ROOT, 'data/groceries/groceries_baskets.csv'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const out = ['customer,order,date,product,amount'];
  lines.forEach((line, b) => {
    const date = new Date(Date.UTC(2000, 0, 1 + (b % 30))).toISOString().slice(0, 10);
    const items = new Set(
      line
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    );
    for (const item of items) out.push(`c${b % 1500},g${b + 1},${date},${csvField(item)},1.00`);
  });
  return out.join('\n') + '\n';
}

/** Writes `csv` to a temp file and returns its path. */
export function writeLog(csv: string, name = 'orders.csv'): string {
  const file = join(tempDir('cvm-expansion-log-'), name);
  writeFileSync(file, csv);
  return file;
}

/** The ingest options of the logs above. */
export const ORDER_LOG_INGEST = {
  mapping: { customer: 'customer', order: 'order', date: 'date', product: 'product', amount: 'amount' },
  dateFormat: 'iso',
  maxDate: '2030-01-01',
} as const;

/** An in-memory workspace holding `csv` (one of the logs above). */
export async function orderLogWorkspace(csv: string): Promise<Engine> {
  const engine = await openWorkspace();
  await ingestFile(engine, writeLog(csv), { ...ORDER_LOG_INGEST, mapping: { ...ORDER_LOG_INGEST.mapping } });
  return engine;
}
