import type { ReportSection } from '../report/report-section.js';
import {
  lookalikeCalibrationTable,
  lookalikeEffectsTable,
  lookalikeProspectsTable,
  lookalikeUnseenTable,
  lookalikeValidationTable,
  prospectRows,
} from './lookalike-tables.js';
import type { LookalikeReport } from './lookalikes.js';

/**
 * The look-alike report as a section every surface renders: the validation verdict first (does the
 * ranking beat random and the channel-only baseline on held-out customers?), then the validation,
 * calibration and effects tables, the ranked prospects (the best `limit`, all when Infinity) and the
 * prospect values never seen among customers.
 * @example
 * lookalikeSection(r, 25).tables.map((t) => t.id);
 * // → ['lookalikes.validation', 'lookalikes.calibration', 'lookalikes.effects', 'lookalikes.prospects', 'lookalikes.unseen']
 */
export function lookalikeSection(r: LookalikeReport, limit = Infinity): ReportSection {
  const v = r.validation;
  const n = r.prospects.ids.length;
  return {
    id: 'lookalikes',
    title: `Look-alike prospects (as of ${r.asOf})`,
    lines: [v.verdict, ...r.notes],
    warnings: [
      ...(v.signal
        ? []
        : ['The attributes carry no signal on held-out customers (the AUC interval includes 0.5): the ranking is no better than random.']),
      ...(r.converged ? [] : ['The final model did not converge; its scores are doubtful.']),
    ],
    tables: [
      lookalikeValidationTable([v.model, ...(v.baseline ? [v.baseline] : [])], {
        notes: [`Base rate: ${(100 * v.baseRate).toFixed(1)}% of customers are top tier; random ranking has AUC 0.5 and lift 1.`],
      }),
      lookalikeCalibrationTable(v.calibration),
      lookalikeEffectsTable(r.effects),
      lookalikeProspectsTable(prospectRows(r.prospects, limit), {
        notes: limit < n ? [`The ${limit.toLocaleString('en-US')} best of ${n.toLocaleString('en-US')} prospects.`] : [],
      }),
      lookalikeUnseenTable(r.prospects.unseen),
    ],
  };
}
