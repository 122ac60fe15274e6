import type { Engine } from './engine/engine.js';
import type { CostModel } from './profitability/cost-model.js';
import { computeProfitability, type ProfitabilityResult } from './profitability/profitability.js';
import { profitabilityReport, type ProfitabilityReport } from './profitability/profit-report.js';
import { profitClv, unitEconomicsFor } from './profitability/profit-clv.js';
import type { ModelScores } from './pipeline.js';

/** The profitability part of the main job: the whale curve figures and the margin × cost-to-serve matrix. */
export interface ProfitSummary {
  model: ProfitabilityResult['model'];
  period: ProfitabilityResult['period'];
  totals: ProfitabilityResult['totals'];
  /** Every pool adds up to the cent over the customers plus the reported unassigned cost. */
  balanced: boolean;
  whale: Omit<ProfitabilityReport['whale'], 'curve'>;
  quadrants: ProfitabilityReport['matrix']['quadrants'];
  /** Caveats about the matrix (e.g. an axis without spread). */
  matrixNotes: string[];
  /** Σ profit-based CLV over the model horizon (expected purchases × (margin rate × spend − cost-to-serve per order), discounted), when scores are given. */
  profitClv: { total: number; negativeCustomers: number; horizonYears: number; warnings: string[] } | null;
  warnings: string[];
}

/**
 * Computes the activity-based customer P&L and summarises it
 * (Kaplan & Cooper 1998 whale curve; Shapiro et al. 1987 margin × cost-to-serve matrix). With model
 * scores, also the profit-based CLV from each customer's historic margin rate and cost-to-serve per
 * order (see `profitClv`), which carries the scores' doubts about their fit (`profitClv.warnings`).
 * @throws InputError from the cost model's checks against the log (e.g. an activity file's errors)
 */
export async function runProfitSummary(
  engine: Engine,
  costModel: CostModel,
  scores?: ModelScores | null,
): Promise<{ summary: ProfitSummary; result: ProfitabilityResult; report: ProfitabilityReport }> {
  const result = await computeProfitability(engine, costModel);
  const report = profitabilityReport(result);
  const { curve: _curve, ...whale } = report.whale;
  let clvSummary: ProfitSummary['profitClv'] = null;
  if (scores) {
    const unit = unitEconomicsFor(result, scores.customerId);
    const v = profitClv({
      expectedTransactions: scores.expectedPurchases,
      expectedSpend: scores.expectedSpend,
      marginRate: unit.marginRate,
      costPerTransaction: unit.costPerTransaction,
      horizonYears: scores.horizonYears,
      annualDiscountRate: scores.annualDiscountRate,
    });
    let total = 0,
      negative = 0;
    for (const x of v) {
      total += x;
      if (x < 0) negative++;
    }
    clvSummary = { total, negativeCustomers: negative, horizonYears: scores.horizonYears, warnings: [...scores.warnings] };
  }
  return {
    result,
    report,
    summary: {
      model: result.model,
      period: result.period,
      totals: result.totals,
      balanced: result.reconciliation.balanced,
      whale,
      quadrants: report.matrix.quadrants,
      matrixNotes: report.matrix.notes,
      profitClv: clvSummary,
      warnings: result.warnings,
    },
  };
}
