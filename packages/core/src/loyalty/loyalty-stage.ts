import type { Analysis } from '../analysis/analysis.js';
import { CvmError } from '../errors.js';
import { requireScores } from '../pipeline-models.js';
import type { ReportSection } from '../report/report-section.js';
import { loadLoyaltyProgram } from './loyalty-program.js';
import { loadPurchaseDays, loyaltyReport, type LoyaltyReport } from './loyalty.js';
import { loyaltySection } from './loyalty-tables.js';

/** The loyalty stage: the programmes' reports and section, or why not (no programme file, a bad one). */
export type LoyaltyStage =
  | { status: 'ok'; files: string[]; reports: LoyaltyReport[]; section: ReportSection }
  | { status: 'not_computed'; code: string; reason: string };

/** What to say when no programme file is given. */
export const NO_PROGRAM =
  'No loyalty programme is defined: give a programme file (YAML: tiers with min/max on spend or points over a rolling window, points per unit, costs) with cvm serve --program FILE or cvm loyalty --program FILE; data/loyalty/three-tiers.yaml is an example';

/**
 * The loyalty report of an analysis (see `loyaltyReport`) for one programme file and the ones to
 * compare with it: tiers at every month end, moves, retention, spend, margin, cost and CLV by tier
 * (CLV when the models ran), memoised per data version and file list. A missing or bad file is
 * `not_computed` with the reason (a bad file names the problem, e.g. overlapping tiers).
 * @example
 * const s = await loyaltyStage(analysis, ['data/loyalty/three-tiers.yaml']);
 * if (s.status === 'ok') s.reports[0].byTier[0].retained;
 */
export function loyaltyStage(a: Analysis, files: readonly string[], options: { horizonDays?: number } = {}): Promise<LoyaltyStage> {
  if (files.length === 0) return Promise.resolve({ status: 'not_computed', code: 'no_program', reason: NO_PROGRAM });
  return a.cached(`loyalty:${JSON.stringify(files)}:${options.horizonDays ?? ''}`, async () => {
    try {
      const programs = await Promise.all(files.map((f) => loadLoyaltyProgram(f)));
      const { summary } = await a.overview();
      const models = await a.models();
      const fitted = models.status === 'ok' ? requireScores(models, 'CLV by loyalty tier') : null;
      const clv = fitted ? { customerId: fitted.scores.customerId, values: fitted.scores.clv, unit: fitted.report.units.horizon } : null;
      const purchases = await loadPurchaseDays(a.engine, summary.calibrationEnd);
      const reports = programs.map((p) =>
        loyaltyReport(purchases, p, { asOf: summary.calibrationEnd, horizonDays: options.horizonDays, clv }),
      );
      return { status: 'ok' as const, files: [...files], reports, section: loyaltySection(reports) };
    } catch (error) {
      if (!(error instanceof CvmError)) throw error;
      return { status: 'not_computed' as const, code: error.code, reason: error.message };
    }
  });
}
