/**
 * The foundation benchmarks (group `foundation`): ingestion of the synthetic log (CSV and Parquet,
 * each into a fresh persistent workspace), the per-customer summary into typed arrays, and the
 * summary's speed against a naive JS aggregation of row objects, measured side by side on the
 * same workspace. Time targets are for 10M rows / 1M customers on 2 cores; at other sizes they are
 * printed as a note only (fixed costs dominate small logs). The RSS target holds at every size.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { summarize, type CustomerSummary } from '../src/summary/summary.js';
import { summarySql } from '../src/summary/summary-sql.js';
import { parseCount, registerBench } from './registry.js';
import { syntheticLogFiles } from './datasets.js';
import { naiveSummary, type NaiveSummary } from './naive-summary.js';
import { compareSummaries } from './foundation-compare.js';
import { csvWorkspace, ingestInto, n, open, RSS_TARGET_MB, scaled, secs, timeIngest } from './foundation-ingest.js';

registerBench({
  name: 'ingest',
  group: 'foundation',
  description: 'ingest the synthetic log, CSV and Parquet, each into a fresh persistent workspace',
  rssTargetMb: RSS_TARGET_MB,
  async run(ctx) {
    const { csv, parquet } = syntheticLogFiles(ctx);
    const probe = await open(ctx, join(ctx.runDir, 'ws-settings'));
    const [{ m: limit }] = (await probe.rows<{ m: string }>(`SELECT current_setting('memory_limit') AS m`)) as [{ m: string }];
    await probe.close();
    rmSync(join(ctx.runDir, 'ws-settings'), { recursive: true, force: true });
    ctx.log(
      `data: ${csv} (+ .parquet); DuckDB memory_limit ${limit}${ctx.extra['memory-limit'] ? ` (--memory-limit ${ctx.extra['memory-limit']})` : ' (default)'}`,
    );
    await timeIngest(ctx, 'CSV', csv, 6);
    await timeIngest(ctx, 'Parquet', parquet, 3);
  },
});

registerBench({
  name: 'summary',
  group: 'foundation',
  description: 'per-customer summary (SQL in DuckDB, read chunk-wise into typed arrays) from a persistent workspace',
  after: ['ingest'],
  rssTargetMb: RSS_TARGET_MB,
  async run(ctx) {
    const dir = await csvWorkspace(ctx);
    const times: number[] = [];
    const sqlOnly: number[] = [];
    let peak = 0;
    for (let rep = 0; rep < ctx.repeat + 1; rep++) {
      const engine = await open(ctx, dir, true);
      const t = await ctx.time(() => summarize(engine));
      // customers whose every purchase was returned are left out (the exact check against an independent
      // summary is summary-naive's); here: no customer invented, and no more than a few percent left out
      if (t.value.length > ctx.customers || t.value.length < 0.9 * ctx.customers)
        throw new Error(
          `summary: expected up to ${n(ctx.customers)} customers (a few without a kept purchase day), got ${n(t.value.length)}`,
        );
      times.push(t.seconds);
      peak = Math.max(peak, t.peakRssMb);
      const calibrationEnd = t.value.calibrationEnd;
      const q = await ctx.time(() =>
        engine.rows(`SELECT count(*) AS n FROM (${summarySql(engine.dialect, { calibrationEnd, daysPerPeriod: 7 })})`),
      );
      sqlOnly.push(q.seconds);
      await engine.close();
    }
    const best = Math.min(...times);
    const s = scaled(ctx, 3);
    ctx.record({
      name: `summary to typed arrays, ${n(ctx.customers)} customers`,
      value: best,
      unit: 's',
      ...(s.target ? { target: s.target } : {}),
      note: `best of ${times.length}, fresh engine each (${secs(times)}; first run ${times[0]!.toFixed(2)} s)${s.note}`,
    });
    ctx.record({
      name: '  of which the SQL alone (count(*) over it)',
      value: Math.min(...sqlOnly),
      unit: 's',
      note: `best of ${sqlOnly.length} (${secs(sqlOnly)}), same engine right after`,
    });
    ctx.record({ name: '  peak RSS sampled during summary', value: peak, unit: 'MB' });
  },
});

registerBench({
  name: 'summary-naive',
  group: 'foundation',
  description: 'summary vs a naive JS aggregation of row objects, side by side on the same workspace (--naive-rows, default min(rows, 1M))',
  after: ['ingest', 'summary'],
  async run(ctx) {
    const rows = Math.min(ctx.rows, parseCount(ctx.extra['naive-rows'] ?? '1M', 'naive-rows'));
    const customers = Math.max(1, Math.round((rows * ctx.customers) / ctx.rows));
    let dir: string;
    if (rows === ctx.rows) {
      dir = await csvWorkspace(ctx);
    } else {
      const { csv } = syntheticLogFiles({ rows, customers, seed: ctx.seed });
      ctx.log(
        `naive comparison on a ${n(rows)}-row / ${n(customers)}-customer log (same generator and seed; the naive path needs GBs at 10M rows): ingesting ${csv} (untimed)`,
      );
      dir = join(ctx.runDir, 'ws-naive');
      rmSync(dir, { recursive: true, force: true });
      await (await ingestInto(ctx, dir, csv)).engine.close();
    }
    const engine = await open(ctx, dir, true);
    const ours: number[] = [],
      naive: number[] = [];
    let naivePeak = 0,
      oursPeak = 0;
    let last: { ours: CustomerSummary; naive: NaiveSummary } | null = null;
    await summarize(engine); // warm DuckDB's buffer pool for both paths
    for (let rep = 0; rep < Math.max(ctx.repeat, 2); rep++) {
      const a = await ctx.time(() => summarize(engine));
      const b = await ctx.time(() => naiveSummary(engine));
      ours.push(a.seconds);
      naive.push(b.seconds);
      oursPeak = Math.max(oursPeak, a.peakRssMb);
      naivePeak = Math.max(naivePeak, b.peakRssMb);
      last = { ours: a.value, naive: b.value };
    }
    await engine.close();
    const mismatch = compareSummaries(last!.ours, last!.naive);
    if (mismatch) throw new Error(`the naive and SQL summaries disagree: ${mismatch}`);
    const on = `${n(rows)} rows / ${n(customers)} customers`;
    ctx.record({ name: `summary (ours), ${on}`, value: Math.min(...ours), unit: 's', note: `best of ${ours.length} (${secs(ours)})` });
    ctx.record({
      name: `naive rows() + JS Map, ${on}`,
      value: Math.min(...naive),
      unit: 's',
      note: `best of ${naive.length} (${secs(naive)}); results agree on all ${n(last!.ours.length)} customers`,
    });
    ctx.record({
      name: 'speed-up of ours over naive (time ratio)',
      value: Math.min(...naive) / Math.min(...ours),
      unit: '×',
      note: `same workspace, alternating runs; RSS peak ours ${oursPeak.toFixed(0)} MB, naive ${naivePeak.toFixed(0)} MB`,
    });
  },
});
