/**
 * The server benchmark (group `server`): the dashboard's API on a prepared workspace of the synthetic
 * log (default 10M rows / 1M customers). After the server's one-time preparation (overview report,
 * per-customer table materialised in DuckDB, segmentation), each request is timed through
 * `app.request()` (no port): the overview and pages of the per-customer table (default sort, a sort
 * deep into the table, a filter, an id search). Side by side: shipping the whole table as CSV, what a
 * dashboard without server-side paging would have to do (ratio). Targets: overview and every table
 * page < 0.3 s at 1M customers.
 *
 *   npm run bench -- --only server
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '../src/workspace.js';
import { ingestFile } from '../src/transactions/ingest.js';
import { createApp } from '../../server/src/app.js';
import { registerBench, type BenchContext } from './registry.js';
import { syntheticLogFiles } from './datasets.js';

const BASE_CUSTOMERS = 1_000_000;

async function workspace(ctx: BenchContext): Promise<string> {
  for (const name of ['ws-csv', 'ws-profitability', 'ws-segments', 'ws-server'])
    if (existsSync(join(ctx.runDir, name, 'cvm.duckdb'))) return join(ctx.runDir, name);
  const dir = join(ctx.runDir, 'ws-server');
  rmSync(dir, { recursive: true, force: true });
  const { csv } = syntheticLogFiles(ctx);
  ctx.log(`ingesting ${csv} into ${dir} (untimed)`);
  const engine = await openWorkspace({ dir });
  await ingestFile(engine, csv);
  await engine.close();
  return dir;
}

registerBench({
  name: 'server',
  group: 'server',
  description: 'API answers on a prepared workspace: overview and per-customer table pages (paged in SQL) vs shipping the whole table',
  after: ['ingest'],
  async run(ctx) {
    const dir = await workspace(ctx);
    const engine = await openWorkspace({ dir, mustExist: true });
    const app = createApp(engine, { webDir: null });
    const target = ctx.customers >= BASE_CUSTOMERS ? { target: { max: 0.3 } } : {};
    const get = async (url: string): Promise<unknown> => {
      const res = await app.request(url);
      if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
      return url.includes('format=csv') ? (await res.text()).length : res.json();
    };
    const prep = await ctx.time(async () => {
      await app.warm();
      await get('/api/overview');
    });
    ctx.record({
      name: 'prepare (overview, customer table, segments; once per data version)',
      value: prep.seconds,
      unit: 's',
      note: `peak RSS ${prep.peakRssMb.toFixed(0)} MB`,
    });
    const urls: [string, string][] = [
      ['overview', '/api/overview'],
      ['table page 1 (net revenue desc)', '/api/customers?pageSize=50'],
      ['table deep page (frequency asc, page 10,000)', '/api/customers?pageSize=50&sort=frequency&dir=asc&page=10000'],
      ['table filtered (frequency >= 3, by recency)', '/api/customers?pageSize=50&sort=recency&filter=frequency:gte:3'],
      ['table id search', '/api/customers?pageSize=50&q=12345'],
    ];
    let pageBest = Infinity;
    for (const [name, url] of urls) {
      const times: number[] = [];
      for (let r = 0; r < ctx.repeat + 1; r++) times.push((await ctx.time(() => get(url))).seconds);
      const best = Math.min(...times.slice(1));
      if (name === 'table page 1 (net revenue desc)') pageBest = best;
      ctx.record({
        name,
        value: best,
        unit: 's',
        ...target,
        note: `all: ${times.map((t) => t.toFixed(3)).join(', ')} (first includes DuckDB warm-up)`,
      });
    }
    const whole = await ctx.time(() => get('/api/customers?format=csv'));
    ctx.record({
      name: 'whole table as CSV (what an unpaged dashboard would ship)',
      value: whole.seconds,
      unit: 's',
      note: `${((whole.value as number) / 2 ** 20).toFixed(0)} MB`,
    });
    ctx.record({ name: 'whole table / one page', value: whole.seconds / pageBest, unit: '×' });
    await engine.close();
  },
});
