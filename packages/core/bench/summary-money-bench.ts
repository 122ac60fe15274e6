/**
 * The price of returns netting and exact money sums in the per-customer summary (issue 21): the
 * current `summarySql` against the SQL of commit 861726d (float sums, returns only subtracted from
 * net revenue: `previous/summary-sql-before.ts`), alternating on the same in-memory workspace of the
 * synthetic log (which has ~3% returns), read into typed arrays with `engine.columns` (a count(*)
 * over the old SQL would let DuckDB drop its unused sums), without and with a holdout; then the same
 * log with its returns deleted, where `summarize` leaves the netting out (`netReturns: false`).
 * Ratios are measured side by side in one run.
 *
 *   npm run bench -- --only summary-money --rows 2M --customers 200k
 */
import type { Engine } from '../src/engine/engine.js';
import { createDuckDbEngine } from '../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../src/transactions/ingest.js';
import { summarySql, type SummarySqlOptions } from '../src/summary/summary-sql.js';
import { HOLDOUT_COLUMNS, SUMMARY_COLUMNS } from '../src/summary/summary.js';
import { summarySqlBefore } from './previous/summary-sql-before.js';
import { registerBench } from './registry.js';
import { syntheticLogFiles } from './datasets.js';

const n = (x: number): string => x.toLocaleString('en-US');

async function timeBoth(engine: Engine, o: SummarySqlOptions, repeat: number): Promise<{ now: number[]; before: number[] }> {
  const kinds: Record<string, 'f64' | 'string'> = { customer_id: 'string' };
  for (const c of [...SUMMARY_COLUMNS.slice(1), ...(o.holdoutEnd ? HOLDOUT_COLUMNS : [])]) kinds[c] = 'f64';
  const run = async (sql: string): Promise<number> => {
    const t0 = performance.now();
    await engine.columns(sql, kinds);
    return (performance.now() - t0) / 1000;
  };
  const now: number[] = [],
    before: number[] = [];
  for (let rep = 0; rep < repeat + 1; rep++) {
    // alternate, so that a warm cache or a busy neighbour hits both alike; the first pair warms up
    const a = await run(summarySql(engine.dialect, o));
    const b = await run(summarySqlBefore(engine.dialect, o));
    if (rep > 0) {
      now.push(a);
      before.push(b);
    }
  }
  return { now, before };
}

registerBench({
  name: 'summary-money',
  group: 'summary',
  description: 'summary SQL with returns netting and exact (DECIMAL) money sums vs the float-sum SQL of 861726d, side by side',
  async run(ctx) {
    const { csv } = syntheticLogFiles(ctx);
    const engine = createDuckDbEngine();
    const r = await ingestFile(engine, csv);
    const [range] = await engine.rows<{ first: string; last: string; returns: number }>(
      `SELECT CAST(min(event_date) AS VARCHAR) AS first, CAST(max(event_date) AS VARCHAR) AS last, count(*) FILTER (WHERE is_return) AS returns FROM transactions`,
    );
    ctx.log(`${n(r.rowsAccepted)} rows (${n(range!.returns)} returns), ${range!.first} .. ${range!.last}`);
    const mid = new Date((Date.parse(range!.first) + Date.parse(range!.last)) / 2).toISOString().slice(0, 10);
    const cases: [string, SummarySqlOptions][] = [
      ['with returns, no holdout', { calibrationEnd: range!.last, daysPerPeriod: 7 }],
      ['with returns, holdout from the middle', { calibrationEnd: mid, holdoutEnd: range!.last, daysPerPeriod: 7 }],
      ['returns deleted, no holdout', { calibrationEnd: range!.last, daysPerPeriod: 7, netReturns: false }],
    ];
    for (const [label, o] of cases) {
      if (o.netReturns === false) await engine.exec('DELETE FROM transactions WHERE is_return');
      const t = await timeBoth(engine, o, ctx.repeat);
      const now = Math.min(...t.now),
        before = Math.min(...t.before);
      ctx.record({
        name: `summary ${label}: now`,
        value: now,
        unit: 's',
        note: `best of ${t.now.length} (${t.now.map((x) => x.toFixed(2)).join(', ')})`,
      });
      ctx.record({
        name: `  861726d (float sums, no netting)`,
        value: before,
        unit: 's',
        note: `best of ${t.before.length} (${t.before.map((x) => x.toFixed(2)).join(', ')})`,
      });
      ctx.record({ name: `  now / 861726d`, value: now / before, unit: '×', note: 'returns netting + DECIMAL(38,6) sums' });
    }
    await engine.close();
  },
});
