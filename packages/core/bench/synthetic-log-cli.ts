/**
 * Writes a synthetic transaction log (CSV, optionally also Parquet) for demos and scale tests.
 *
 *   node --import tsx packages/core/bench/synthetic-log-cli.ts --rows 1000000 --customers 100000 \
 *     [--seed 1] [--out FILE.csv | --cache] [--parquet]
 *
 * `--cache` (the default without `--out`) writes into `bench-data/` and prints the cached paths.
 */
import { parseArgs } from 'node:util';
import { generateSyntheticLog } from './synthetic-log.js';
import { syntheticCsv, syntheticParquet } from './datasets.js';
import { parseCount } from './registry.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    customers: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    parquet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('usage: synthetic-log-cli.ts --rows N --customers N [--seed S] [--out FILE.csv] [--parquet]');
  process.exit(0);
}
const params = { rows: parseCount(values.rows!, 'rows'), customers: parseCount(values.customers!, 'customers'), seed: Number(values.seed) };
const log = (m: string): void => console.error(m);
if (values.out !== undefined) {
  if (values.parquet) {
    console.error('--parquet works with the cache only (omit --out)');
    process.exit(2);
  }
  const r = await generateSyntheticLog(values.out, params);
  console.log(JSON.stringify(r));
} else {
  console.log(values.parquet ? await syntheticParquet(params, log) : await syntheticCsv(params, log));
}
