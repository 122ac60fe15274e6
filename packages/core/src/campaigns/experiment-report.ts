import type { ReportTable } from '../report/report-table.js';
import type { ExperimentAnalysis } from './analyze-experiment.js';
import type { QuarantinedExperimentRow } from './experiment-file.js';
import {
  experimentArmsTable,
  sampleRatioTable,
  upliftMeansTable,
  upliftRatesTable,
  verdictsTable,
  type ArmRow,
} from './experiment-tables.js';
import type { SegmentUplift } from './segment-uplift.js';
import { experimentQuarantineTable, heterogeneityTable, qiniTable, segmentUpliftTable } from './segment-tables.js';
import type { UpliftModelResult } from './uplift-model.js';

const fmtP = (p: number): string => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

/** The rows of the arms table: one per arm and outcome. */
export function armRows(a: ExperimentAnalysis): ArmRow[] {
  return a.arms.flatMap((arm) => arm.outcomes.map((o) => ({ arm, o })));
}

/** The tables of an uplift model: the Qini table with the coefficients and verdict as notes. */
export function upliftModelTable(m: UpliftModelResult): ReportTable {
  return qiniTable(m.points, {
    notes: [
      `${m.method} ${m.kind === 'rate' ? 'ridge logistic' : 'ridge linear'} regressions on ${m.trainSize.toLocaleString('en-US')} customers; evaluated on ${m.testSize.toLocaleString('en-US')} held out. Features: ${m.features.slice(1).join(', ')}.`,
      `Qini coefficient (area between the curve and random targeting, outcome per customer): uplift model ${m.qini.model.toPrecision(3)}, response model ${m.qini.responseModel.toPrecision(3)}, random rankings 95% band ${m.qini.randomLower.toPrecision(3)} to ${m.qini.randomUpper.toPrecision(3)}.`,
      m.beatsRandom
        ? `The uplift model ranks better than random targeting${m.qini.model > m.qini.responseModel ? ' and better than the response model' : ', but not better than the response model'}.`
        : 'The uplift model does not rank better than random targeting: do not use it to choose whom to target.',
      ...m.warnings.filter((w) => !/does not rank/.test(w)),
    ],
  });
}

/** Everything an experiment analysis shows, as report tables (verdicts first). */
export function experimentTables(
  a: ExperimentAnalysis,
  extra: { segments?: SegmentUplift | null; uplift?: UpliftModelResult | null; quarantine?: readonly QuarantinedExperimentRow[] } = {},
): ReportTable[] {
  const rates = a.comparisons.filter((c) => c.kind === 'rate');
  const means = a.comparisons.filter((c) => c.kind === 'mean');
  const tables: ReportTable[] = [verdictsTable(a.verdicts, { notes: a.warnings }), experimentArmsTable(armRows(a))];
  if (rates.length)
    tables.push(upliftRatesTable(rates, { notes: [`${Math.round(a.level * 100)}% intervals. Lift in percentage points of the rate.`] }));
  if (means.length)
    tables.push(
      upliftMeansTable(means, {
        notes: [
          `${Math.round(a.level * 100)}% intervals; the bootstrap (${means[0]!.bootstrap ? `${means[0]!.bootstrap.resamples} resamples, seed ${means[0]!.bootstrap.seed}` : 'off'}) is the check for heavy-tailed outcomes.`,
        ],
      }),
    );
  if (a.srm) {
    const total = a.srm.observed.reduce((s, v) => s + v, 0);
    tables.push(
      sampleRatioTable(
        a.srm.arms.map((arm, i) => ({
          arm,
          observed: a.srm!.observed[i]!,
          planned: a.srm!.planned[i]!,
          expected: a.srm!.expected[i]!,
          total,
        })),
        {
          notes: [
            a.srm.message,
            `chi-square ${a.srm.statistic.toFixed(2)} on ${a.srm.df} df, p = ${fmtP(a.srm.pValue)}; a mismatch is flagged below p = ${a.srm.threshold}.`,
          ],
        },
      ),
    );
  }
  if (extra.segments) {
    tables.push(segmentUpliftTable(extra.segments.rows, { notes: [extra.segments.warning, ...extra.segments.notes] }));
    tables.push(heterogeneityTable(extra.segments.heterogeneity));
  }
  if (extra.uplift) tables.push(upliftModelTable(extra.uplift));
  if (extra.quarantine && extra.quarantine.length > 0) tables.push(experimentQuarantineTable(extra.quarantine));
  return tables;
}
