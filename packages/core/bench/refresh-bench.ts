/**
 * Incremental refresh benchmark (group `refresh`, issue 16): on a copy of the prepared demo workspace
 * at --customers (default 1M customers, ~3.1M rows; bench-data/, growth-bench's cache), a batch of
 * --batch customers (default 1,000: 90% existing, some returning part of an older purchase, 10% new)
 * is appended, then the touched customers are refreshed (`refreshCustomers`: their summary, merged,
 * scored with the previous fit) and compared side by side with the full recompute the server did
 * before (the whole summary, then every customer scored with the same parameters; a re-fit on top
 * costs the fit time recorded too). Two batches: one inside the period (the calibration end stays:
 * only the touched customers are re-scored) and one the day after (the end moves: every customer's
 * T moves, everyone is re-scored). CPU seconds of the process (DuckDB's threads included) are the
 * figures to compare on a loaded machine.
 *
 *   npm run bench -- --only refresh [--customers 1M] [--batch 1000]
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { predictCustomers } from '../src/scores/predict.js';
import { refreshCustomers } from '../src/refresh/refresh.js';
import { scoreWithFit, type ScoringFit } from '../src/refresh/scoring-fit.js';
import { dayToIso, isoToDay, summarize } from '../src/summary/summary.js';
import { ingestFile } from '../src/transactions/ingest.js';
import { openWorkspace } from '../src/workspace.js';
import { createRng } from '../src/math/random/rng.js';
import { demoWorkspace } from './growth-bench.js';
import { registerBench } from './registry.js';

const n = (x: number): string => x.toLocaleString('en-US');

registerBench({
  name: 'refresh',
  group: 'refresh',
  description:
    'incremental refresh of a --batch-customer batch (default 1,000) vs a full recompute, on a copy of the prepared demo workspace',
  rssTargetMb: 3072,
  async run(ctx) {
    const batch = Number(ctx.extra.batch ?? 1000);
    const { workspace } = demoWorkspace(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'cvm-refresh-bench-'));
    copyFileSync(join(workspace, 'cvm.duckdb'), join(dir, 'cvm.duckdb'));
    const engine = await openWorkspace({ dir, mustExist: true });
    try {
      ctx.record({ name: 'machine load average (1 min) at the start', value: loadavg()[0]!, unit: '' });
      const s0 = await ctx.time(() => summarize(engine, { period: 'week' }));
      const summary = s0.value;
      const fitRun = await ctx.time(() =>
        predictCustomers(
          { x: summary.frequency, tx: summary.recency, T: summary.T, mx: summary.monetaryValue, customerId: summary.customerId },
          { model: 'bg-nbd', spendModel: 'gamma-gamma', period: 'week', horizon: 52, annualDiscountRate: 0.1, margin: 1 },
        ),
      );
      const p = fitRun.value;
      const fit: ScoringFit = {
        model: 'bg-nbd',
        params: p.fit.params,
        spend: { model: 'gamma-gamma', params: p.spendFit!.params as { p: number; q: number; gamma: number } },
        period: 'week',
        horizon: 52,
        annualDiscountRate: 0.1,
        margin: 1,
        warnings: p.warnings,
        dataVersion: 1,
        fittedAt: new Date().toISOString(),
        calibrationEnd: summary.calibrationEnd,
        customers: summary.length,
      };
      ctx.record({
        name: `full summary, ${n(summary.length)} customers`,
        value: s0.cpuSeconds,
        unit: 'CPU-s',
        note: `${s0.seconds.toFixed(2)} s wall`,
      });
      ctx.record({
        name: 'BG/NBD + Gamma-Gamma fit and scoring (what a re-fit adds)',
        value: fitRun.cpuSeconds,
        unit: 'CPU-s',
        note: `${fitRun.seconds.toFixed(2)} s wall`,
      });
      let base = {
        summary,
        scores: {
          customerId: summary.customerId,
          ...scoreWithFit(fit, summary),
          horizonYears: 1,
          annualDiscountRate: 0.1,
          model: 'bg-nbd' as const,
          warnings: [],
        },
        fit,
      };
      const rng = createRng(ctx.seed);
      const last = summary.calibrationEnd;
      for (const [label, day] of [
        ['inside the period (end stays)', last],
        ['the day after (end moves)', dayToIso(isoToDay(last) + 1)],
      ] as const) {
        const lines = ['order_id,order_date,customer_id,product_id,category,quantity,unit_price,amount,channel'];
        for (let k = 0; k < batch; k++) {
          const newCustomer = k >= batch * 0.9;
          const id = newCustomer ? `N${day}-${k}` : summary.customerId[Math.floor(rng() * summary.length)]!;
          const amount = (10 + Math.floor(rng() * 9000) / 100).toFixed(2);
          const ret = !newCustomer && k % 10 === 0; // a return of part of an older purchase
          lines.push(`B${day}-${k},${day} 12:00:00,${id},P0001,apparel,${ret ? -1 : 1},${amount},${ret ? '-' : ''}${amount},email`);
        }
        const file = join(dir, `batch-${day}.csv`);
        writeFileSync(file, `${lines.join('\n')}\n`);
        const ing = await ctx.time(() => ingestFile(engine, file));
        ctx.record({
          name: `ingest of the batch, ${label}`,
          value: ing.cpuSeconds,
          unit: 'CPU-s',
          note: `${n(ing.value.rowsAccepted)} rows; ${ing.seconds.toFixed(2)} s wall (the same ingest as before; not part of either side)`,
        });
        const inc = await ctx.time(() => refreshCustomers(engine, base, { sourceIds: [ing.value.sourceId], summary: { period: 'week' } }));
        const full = await ctx.time(async () => {
          const s = await summarize(engine, { period: 'week' });
          return { s, scores: scoreWithFit(fit, s) };
        });
        const r = inc.value;
        // the incremental result must be the full one (same parameters): checked here too, cheaply
        let worst = 0;
        for (let i = 0; i < full.value.s.length; i++) worst = Math.max(worst, Math.abs(r.scores!.clv[i]! - full.value.scores.clv[i]!));
        if (r.summary.length !== full.value.s.length || worst > 1e-6)
          throw new Error(`incremental ≠ full: ${r.summary.length} vs ${full.value.s.length} customers, max |Δclv| ${worst}`);
        ctx.record({
          name: `incremental refresh, ${label}`,
          value: inc.cpuSeconds,
          unit: 'CPU-s',
          note: `${inc.seconds.toFixed(2)} s wall; ${n(r.touched)} touched, ${n(r.added)} new, re-scored ${r.rescored}; CPU-s: SQL ${r.cpu.sql.toFixed(2)}, merge ${r.cpu.merge.toFixed(2)}, scoring ${r.cpu.scoring.toFixed(2)}`,
        });
        ctx.record({
          name: `full recompute (summary + scoring, same parameters), ${label}`,
          value: full.cpuSeconds,
          unit: 'CPU-s',
          note: `${full.seconds.toFixed(2)} s wall; ${(full.cpuSeconds / inc.cpuSeconds).toFixed(1)}× the incremental CPU-s (${(full.seconds / inc.seconds).toFixed(1)}× wall); max |Δ CLV| ${worst.toExponential(1)}`,
        });
        base = { summary: r.summary, scores: r.scores! as typeof base.scores, fit: { ...fit, calibrationEnd: r.summary.calibrationEnd } };
      }
      ctx.record({ name: 'machine load average (1 min) at the end', value: loadavg()[0]!, unit: '' });
    } finally {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});
