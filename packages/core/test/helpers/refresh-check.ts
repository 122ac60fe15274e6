// An incremental refresh checked against a full recompute (issue 16): the bundled CDNOW sample, then
// two appended batches (returns of older purchases, a customer new to the log, a one-time buyer
// whose only purchase is cancelled), each refreshed incrementally and compared with a full summary
// of the whole log scored with the same parameters. Used on DuckDB and on the ClickHouse back-ends.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';
import type { IngestReport } from '../../src/transactions/ingest-types.js';
import { runModelsWithScores } from '../../src/pipeline-models.js';
import { summarize, type CustomerSummary } from '../../src/summary/summary.js';
import { refreshCustomers, type RefreshBase, type RefreshResult } from '../../src/refresh/refresh.js';
import { scoreWithFit, scoringFitOf } from '../../src/refresh/scoring-fit.js';
import { assertClose } from './assert-close.js';
import { tempDir } from './temp-dir.js';

/**
 * Batch 1 (after the sample's last day 1998-06-30, so the calibration end moves to 1998-07-12):
 * customer 1 returns its 1997-12-12 purchase in full (26.48; that day stops being a purchase day);
 * 2357, a one-time buyer, cancels its only purchase (25.74: it leaves the summary); 2356 returns
 * 10.00 of 1998-06-07 (a partly returned day keeps its net value); 3 buys again; 99999 is new.
 */
export const BATCH_1 = `masterid,sampleid,date,cds,sales
4,1,19980710,-2,-26.48
23569,2357,19980710,-2,-25.74
23556,2356,19980712,-1,-10.00
7,3,19980711,1,12.50
99999,99999,19980705,1,20.00
99999,99999,19980712,2,31.25
`;
/** Batch 2 (inside the period: the end stays): a return against 99999's first day, a purchase of customer 10. */
export const BATCH_2 = `masterid,sampleid,date,cds,sales
99999,99999,19980706,-1,-5.00
40,10,19980708,1,9.99
`;

const COUNTS = ['frequency', 'transactions', 'returns', 'firstPurchase', 'lastPurchase', 'recency', 'T'] as const;
const MONEY = ['monetaryValue', 'totalRevenue', 'returnsValue', 'netRevenue'] as const;

/** Asserts an incremental summary and scores equal a full recompute: counts and days exactly, money to the cent, scores to 1e-9. */
export function assertSameAsFull(r: RefreshResult, full: CustomerSummary, fullScores: ReturnType<typeof scoreWithFit>): void {
  assert.equal(r.summary.calibrationEnd, full.calibrationEnd);
  assert.deepEqual(r.summary.customerId, full.customerId, 'same customers in the same order');
  for (const c of COUNTS)
    for (let i = 0; i < full.length; i++) assert.equal(r.summary[c][i], full[c][i], `${c} of customer ${full.customerId[i]}`);
  for (const c of MONEY)
    for (let i = 0; i < full.length; i++) assertClose(r.summary[c][i]!, full[c][i]!, 0.005, `${c} of customer ${full.customerId[i]}`);
  assert.ok(r.scores, 'scored with the previous fit');
  for (const k of ['pAlive', 'expectedPurchases', 'expectedSpend', 'clv'] as const)
    for (let i = 0; i < full.length; i++)
      assertClose(r.scores[k][i]!, fullScores[k][i]!, 1e-9, `${k} of customer ${full.customerId[i]}`, true);
}

/**
 * Runs the check on `engine` holding the CDNOW sample; `ingest` appends a CSV file (the engine's own
 * ingest) and returns its report. Returns the two refresh results for engine-specific assertions.
 */
export async function checkRefreshOnCdnow(engine: Engine, ingest: (file: string) => Promise<IngestReport>): Promise<RefreshResult[]> {
  const summary = await summarize(engine, {});
  const { report, scores } = await runModelsWithScores(engine, summary, { period: 'week' });
  assert.ok(scores, 'CDNOW is scored');
  const fit = scoringFitOf(report, scores, summary, { dataVersion: 1, fittedAt: '2026-01-01T00:00:00Z' })!;
  // the fit scores the full summary exactly as the models stage did
  const again = scoreWithFit(fit, summary);
  for (let i = 0; i < summary.length; i++) assertClose(again.clv[i]!, scores.clv[i]!, 1e-12, `clv of ${summary.customerId[i]}`, true);
  let base: RefreshBase = { summary, scores, fit };
  const dir = tempDir('cvm-refresh-');
  const results: RefreshResult[] = [];
  for (const [k, text] of [BATCH_1, BATCH_2].entries()) {
    const file = join(dir, `batch-${k + 1}.csv`);
    writeFileSync(file, text);
    const ingested = await ingest(file);
    assert.equal(ingested.status, 'ingested');
    const r = await refreshCustomers(engine, base, { sourceIds: [ingested.sourceId] });
    const full = await summarize(engine, {});
    assertSameAsFull(r, full, scoreWithFit(fit, full));
    results.push(r);
    base = { summary: r.summary, scores: r.scores, fit };
  }
  return results;
}
