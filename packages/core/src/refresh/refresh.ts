import type { Engine } from '../engine/engine.js';
import type { ModelScores } from '../pipeline-models.js';
import { readSummary, resolveSummaryPeriod, type CustomerSummary, type SummaryOptions } from '../summary/summary.js';
import { mergeSummary } from './merge-summary.js';
import { batchCustomersFilter, batchCustomersSql, batchHasReturnsSql } from './refresh-sql.js';
import { scoreWithFit, type ScoringFit } from './scoring-fit.js';

/** What an incremental refresh starts from: the summary and scores of the previous data version and the fit that made the scores. */
export interface RefreshBase {
  summary: CustomerSummary;
  /** Scores in the summary's order, made with `fit` (null when the models did not score). */
  scores: ModelScores | null;
  fit: ScoringFit | null;
}

export interface RefreshResult {
  summary: CustomerSummary;
  /** Every customer's scores with the base's fit (null without a fit). */
  scores: ModelScores | null;
  /** Customers the batch touched, how many of them are in the summary now, new and gone (all purchases cancelled). */
  touched: number;
  refreshed: number;
  added: number;
  removed: number;
  /** Whether the calibration end moved (every customer's T then moved, and everyone was re-scored). */
  endMoved: boolean;
  rescored: 'touched' | 'all' | 'none';
  /** CPU seconds of this process per phase (the engine's own when it runs in-process, as DuckDB): what the refresh bench reports. */
  cpu: { sql: number; merge: number; scoring: number };
}

const cpuNow = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

/**
 * Incremental refresh after an append (issue 16, item 5): the per-customer summary of only the
 * customers the new sources touched (the same summary SQL, limited by `customer_id IN (customers of
 * the batch)`, so returns in the batch are netted against their customer's older purchase days and a
 * customer new to the log gets a row), merged into the previous summary ({@link mergeSummary}), and
 * scored with the previous fit's parameters ({@link scoreWithFit}): no re-fit.
 *
 * T is measured to the calibration end, which by default is the log's last day: a batch that moves
 * it changes every customer's age, so then every customer's T is moved (in Node, from their first
 * purchase day) and every customer is re-scored with the same parameters (per customer for
 * P(alive), per distinct (x, T) pattern for the purchase curve: see the refresh bench for the cost).
 * Otherwise only the touched customers are re-scored. The result equals a full recompute scored
 * with the same parameters (the tests check it on CDNOW on both engines).
 *
 * Only appended sources can be refreshed this way: a replaced file also removed rows, whose
 * customers the new rows need not name; recompute in full then.
 * @example
 * const r = await refreshCustomers(engine, { summary, scores, fit }, { sourceIds: [report.sourceId] });
 * r.refreshed; // the touched customers' refreshed rows
 */
export async function refreshCustomers(
  engine: Engine,
  base: RefreshBase,
  o: { sourceIds: readonly number[]; summary?: SummaryOptions },
): Promise<RefreshResult> {
  const d = engine.dialect;
  const c0 = cpuNow();
  const { calibrationEnd, holdoutEnd } = await resolveSummaryPeriod(engine, { ...o.summary, period: base.summary.period });
  const ids = await engine.rows<{ customer_id: string }>(batchCustomersSql(o.sourceIds));
  const touched = new Set(ids.map((r) => String(r.customer_id)));
  const [facts] = await engine.rows<{ has_returns: boolean }>(batchHasReturnsSql(d, o.sourceIds, holdoutEnd ?? calibrationEnd));
  const hasReturns = Boolean(facts!.has_returns);
  const fresh = await readSummary(engine, {
    period: base.summary.period,
    calibrationEnd,
    holdoutEnd,
    hasReturns,
    customerFilter: batchCustomersFilter(o.sourceIds),
  });
  const c1 = cpuNow();
  const merged = mergeSummary(base.summary, fresh, touched);
  const c2 = cpuNow();
  const endMoved = calibrationEnd !== base.summary.calibrationEnd;
  let scores: ModelScores | null = null;
  let rescored: RefreshResult['rescored'] = 'none';
  if (base.fit && base.scores) {
    const { summary: s, source } = merged;
    const n = s.length;
    let next: { pAlive: Float64Array; expectedPurchases: Float64Array; expectedSpend: Float64Array; clv: Float64Array };
    if (endMoved) {
      next = scoreWithFit(base.fit, s);
      rescored = 'all';
    } else {
      const f = scoreWithFit(base.fit, fresh);
      next = {
        pAlive: new Float64Array(n),
        expectedPurchases: new Float64Array(n),
        expectedSpend: new Float64Array(n),
        clv: new Float64Array(n),
      };
      for (const k of ['pAlive', 'expectedPurchases', 'expectedSpend', 'clv'] as const) {
        const out = next[k],
          old = base.scores[k],
          now = f[k];
        for (let i = 0; i < n; i++) {
          const j = source[i]!;
          out[i] = j >= 0 ? old[j]! : now[-j - 1]!;
        }
      }
      rescored = 'touched';
    }
    scores = {
      customerId: s.customerId,
      ...next,
      horizonYears: base.scores.horizonYears,
      annualDiscountRate: base.scores.annualDiscountRate,
      model: base.fit.model,
      warnings: base.fit.warnings,
    };
  }
  return {
    summary: merged.summary,
    scores,
    touched: touched.size,
    refreshed: fresh.length,
    added: merged.added,
    removed: merged.removed,
    endMoved,
    rescored,
    cpu: { sql: c1 - c0, merge: c2 - c1, scoring: cpuNow() - c2 },
  };
}
