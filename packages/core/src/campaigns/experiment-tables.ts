import { defineTable, type ReportTable } from '../report/report-table.js';
import type { ArmSummary, ArmVerdict, ExperimentAnalysis } from './analyze-experiment.js';
import type { ArmOutcome } from './arm-moments.js';
import type { Comparison } from './compare-arms.js';
import { EXPERIMENT_QUARANTINE_REASONS } from './experiment-file-sql.js';
import type { QuarantinedExperimentRow } from './experiment-file.js';
import type { Heterogeneity, SegmentComparison, SegmentUplift } from './segment-uplift.js';
import type { QiniPoint, UpliftModelResult } from './uplift-model.js';

/**
 * The report tables of an experiment, declared once (see `report/report-table.ts`); the CLI, the API
 * and the dashboard render these. Rates and shares are fractions (0.045 = 4.5%, or 4.5 points for a
 * difference of rates).
 */

type ArmRow = { arm: ArmSummary; o: ArmOutcome };
export const experimentArmsTable = defineTable<ArmRow>('experiment.arms', 'Arms', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm.arm },
  { key: 'role', label: 'Role', kind: 'text', description: 'control, test (compared with the control) or observed (reported only, e.g. the global holdout)', value: (r) => r.arm.role },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.arm.customers },
  { key: 'share', label: 'Share', kind: 'share', description: 'share of all customers of the experiment', value: (r) => r.arm.share },
  { key: 'planned_share', label: 'Planned share', kind: 'share', value: (r) => r.arm.plannedShare },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.o.outcome },
  { key: 'measure', label: 'Measure', kind: 'text', description: 'rate (share of customers with outcome 1) or mean (per customer)', value: (r) => r.o.kind },
  { key: 'customers_with_value', label: 'Customers with a value', kind: 'count', value: (r) => r.o.n },
  { key: 'value', label: 'Rate or mean', kind: 'number', description: 'rate as a fraction (0.1062 = 10.62%), or the mean per customer in the outcome\'s unit', value: (r) => r.o.mean },
  { key: 'sd', label: 'Standard deviation', kind: 'number', description: 'per customer', value: (r) => (r.o.kind === 'rate' ? Math.sqrt(r.o.mean * (1 - r.o.mean)) : Math.sqrt(r.o.variance)) },
  { key: 'total', label: 'Total', kind: 'number', description: 'responders (rate) or the sum over the arm\'s customers', value: (r) => r.o.sum },
]);

export const upliftRatesTable = defineTable<Comparison>('experiment.uplift_rates', 'Uplift in rates (test − control)', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'control', label: 'Control', kind: 'text', value: (r) => r.control },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.outcome },
  { key: 'customers_test', label: 'Customers (test)', kind: 'count', value: (r) => r.nTest },
  { key: 'customers_control', label: 'Customers (control)', kind: 'count', value: (r) => r.nControl },
  { key: 'rate_test', label: 'Rate (test)', kind: 'share', value: (r) => r.meanTest },
  { key: 'rate_control', label: 'Rate (control)', kind: 'share', value: (r) => r.meanControl },
  { key: 'lift', label: 'Lift', kind: 'share', unit: 'percentage points', description: 'rate (test) − rate (control)', value: (r) => r.difference },
  { key: 'lift_lower', label: 'Lift, lower 95%', kind: 'share', unit: 'percentage points', description: "Newcombe's hybrid score interval (Newcombe 1998, method 10)", value: (r) => r.lower },
  { key: 'lift_upper', label: 'Lift, upper 95%', kind: 'share', unit: 'percentage points', value: (r) => r.upper },
  { key: 'relative', label: 'Relative lift', kind: 'share', description: 'rate (test) / rate (control) − 1', value: (r) => r.relative },
  { key: 'relative_lower', label: 'Relative, lower 95%', kind: 'share', description: 'log interval of the rate ratio (Katz et al. 1978)', value: (r) => r.relativeLower },
  { key: 'relative_upper', label: 'Relative, upper 95%', kind: 'share', value: (r) => r.relativeUpper },
  { key: 'p_value', label: 'p', kind: 'number', description: 'two-sided pooled two-proportion z test', value: (r) => r.pValue },
  { key: 'p_holm', label: 'p (Holm)', kind: 'number', description: 'Holm-adjusted over every comparison of the experiment', value: (r) => r.pAdjusted },
  { key: 'incremental', label: 'Incremental responders', kind: 'number', description: 'lift × customers in the test arm', value: (r) => r.incremental },
  { key: 'incremental_lower', label: 'Incremental, lower 95%', kind: 'number', value: (r) => r.incrementalLower },
  { key: 'incremental_upper', label: 'Incremental, upper 95%', kind: 'number', value: (r) => r.incrementalUpper },
  { key: 'significant', label: 'Clear effect', kind: 'text', description: 'the 95% interval excludes 0', value: (r) => r.significant },
]);

export const upliftMeansTable = defineTable<Comparison>('experiment.uplift_means', 'Uplift in means per customer (test − control)', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'control', label: 'Control', kind: 'text', value: (r) => r.control },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.outcome },
  { key: 'customers_test', label: 'Customers (test)', kind: 'count', value: (r) => r.nTest },
  { key: 'customers_control', label: 'Customers (control)', kind: 'count', value: (r) => r.nControl },
  { key: 'mean_test', label: 'Mean (test)', kind: 'number', description: 'per customer, in the outcome\'s unit', value: (r) => r.meanTest },
  { key: 'mean_control', label: 'Mean (control)', kind: 'number', value: (r) => r.meanControl },
  { key: 'difference', label: 'Difference', kind: 'number', description: 'mean (test) − mean (control), per customer', value: (r) => r.difference },
  { key: 'lower', label: 'Lower 95% (Welch)', kind: 'number', description: "Welch's t interval (Welch 1947)", value: (r) => r.lower },
  { key: 'upper', label: 'Upper 95% (Welch)', kind: 'number', value: (r) => r.upper },
  { key: 'bootstrap_lower', label: 'Lower 95% (bootstrap)', kind: 'number', description: 'seeded percentile bootstrap, each arm resampled', value: (r) => r.bootstrap?.lower ?? null },
  { key: 'bootstrap_upper', label: 'Upper 95% (bootstrap)', kind: 'number', value: (r) => r.bootstrap?.upper ?? null },
  { key: 'relative', label: 'Relative', kind: 'share', description: 'mean (test) / mean (control) − 1', value: (r) => r.relative },
  { key: 'relative_lower', label: 'Relative, lower 95%', kind: 'share', description: 'delta method on the log ratio', value: (r) => r.relativeLower },
  { key: 'relative_upper', label: 'Relative, upper 95%', kind: 'share', value: (r) => r.relativeUpper },
  { key: 'p_value', label: 'p', kind: 'number', description: "two-sided Welch's t test", value: (r) => r.pValue },
  { key: 'p_holm', label: 'p (Holm)', kind: 'number', value: (r) => r.pAdjusted },
  { key: 'incremental', label: 'Incremental total', kind: 'number', description: 'difference × customers in the test arm', value: (r) => r.incremental },
  { key: 'incremental_lower', label: 'Incremental, lower 95%', kind: 'number', value: (r) => r.incrementalLower },
  { key: 'incremental_upper', label: 'Incremental, upper 95%', kind: 'number', value: (r) => r.incrementalUpper },
  { key: 'significant', label: 'Clear effect', kind: 'text', value: (r) => r.significant },
]);

export const verdictsTable = defineTable<ArmVerdict>('experiment.verdicts', 'Verdict', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'control', label: 'Against', kind: 'text', value: (r) => r.control },
  { key: 'effect', label: 'Clear effect', kind: 'text', value: (r) => r.effect },
  { key: 'verdict', label: 'Verdict', kind: 'text', value: (r) => r.text },
]);

type SrmRow = { arm: string; observed: number; planned: number; expected: number; total: number };
export const sampleRatioTable = defineTable<SrmRow>('experiment.srm', 'Sample ratio check', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.observed },
  { key: 'expected', label: 'Expected', kind: 'number', description: 'customers × planned share', value: (r) => r.expected },
  { key: 'share', label: 'Share', kind: 'share', value: (r) => r.observed / r.total },
  { key: 'planned_share', label: 'Planned share', kind: 'share', value: (r) => r.planned },
]);

export const segmentUpliftTable = defineTable<SegmentComparison>('experiment.segments', 'Uplift by segment', [
  { key: 'by', label: 'By', kind: 'text', value: (r) => r.by },
  { key: 'segment', label: 'Segment', kind: 'text', value: (r) => r.segment },
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.outcome },
  { key: 'measure', label: 'Measure', kind: 'text', description: 'rate (differences are fractions: 0.045 = 4.5 points) or mean per customer', value: (r) => r.kind },
  { key: 'customers_test', label: 'Customers (test)', kind: 'count', value: (r) => r.nTest },
  { key: 'customers_control', label: 'Customers (control)', kind: 'count', value: (r) => r.nControl },
  { key: 'value_test', label: 'Test', kind: 'number', value: (r) => r.meanTest },
  { key: 'value_control', label: 'Control', kind: 'number', value: (r) => r.meanControl },
  { key: 'difference', label: 'Difference', kind: 'number', value: (r) => r.difference },
  { key: 'lower', label: 'Lower 95%', kind: 'number', description: 'Newcombe (rates) or Welch (means)', value: (r) => r.lower },
  { key: 'upper', label: 'Upper 95%', kind: 'number', value: (r) => r.upper },
  { key: 'p_value', label: 'p', kind: 'number', value: (r) => r.pValue },
  { key: 'p_holm', label: 'p (Holm)', kind: 'number', description: 'Holm-adjusted over every segment comparison', value: (r) => r.pHolm },
  { key: 'p_bonferroni', label: 'p (Bonferroni)', kind: 'number', value: (r) => r.pBonferroni },
  { key: 'significant_adjusted', label: 'Clear after adjustment', kind: 'text', value: (r) => r.significantAdjusted },
]);

export const heterogeneityTable = defineTable<Heterogeneity>('experiment.heterogeneity', 'Does the uplift differ between segments?', [
  { key: 'by', label: 'By', kind: 'text', value: (r) => r.by },
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.outcome },
  { key: 'segments', label: 'Segments', kind: 'count', value: (r) => r.segments },
  { key: 'q', label: "Cochran's Q", kind: 'number', value: (r) => r.q },
  { key: 'df', label: 'df', kind: 'count', value: (r) => r.df },
  { key: 'p_value', label: 'p', kind: 'number', description: 'chi-square test of equal uplift in every segment (Cochran 1954)', value: (r) => r.pValue },
]);

export const qiniTable = defineTable<QiniPoint>('uplift.qini', 'Qini curve on the held-out customers', [
  { key: 'fraction', label: 'Targeted', kind: 'share', description: 'share of the held-out customers targeted, best predicted uplift first', value: (r) => r.fraction },
  { key: 'customers', label: 'Customers targeted', kind: 'count', value: (r) => r.targeted },
  { key: 'uplift_model', label: 'Uplift model', kind: 'number', description: 'incremental outcome per held-out customer (Radcliffe 2007 Qini)', value: (r) => r.model },
  { key: 'response_model', label: 'Response model', kind: 'number', description: 'the same, targeting whoever is most likely to respond if treated', value: (r) => r.responseModel },
  { key: 'random', label: 'Random targeting', kind: 'number', value: (r) => r.random },
  { key: 'uplift_targeted', label: 'Uplift among the targeted', kind: 'number', description: 'test − control among the customers the uplift model targets', value: (r) => r.upliftTargeted },
]);

export const experimentQuarantineTable = defineTable<QuarantinedExperimentRow>('experiment.quarantine', 'Rows left out', [
  { key: 'line', label: 'Line', kind: 'count', value: (r) => r.line },
  { key: 'reason', label: 'Reason', kind: 'text', value: (r) => r.reason },
  { key: 'explanation', label: 'Explanation', kind: 'text', value: (r) => EXPERIMENT_QUARANTINE_REASONS[r.reason] },
  { key: 'column', label: 'Column', kind: 'text', value: (r) => r.column },
  { key: 'value', label: 'Value', kind: 'text', value: (r) => r.raw },
]);

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
      m.beatsRandom ? `The uplift model ranks better than random targeting${m.qini.model > m.qini.responseModel ? ' and better than the response model' : ', but not better than the response model'}.` : 'The uplift model does not rank better than random targeting: do not use it to choose whom to target.',
      ...m.warnings.filter((w) => !/does not rank/.test(w)),
    ],
  });
}

/** Everything an experiment analysis shows, as report tables (verdicts first). */
export function experimentTables(a: ExperimentAnalysis, extra: { segments?: SegmentUplift | null; uplift?: UpliftModelResult | null; quarantine?: readonly QuarantinedExperimentRow[] } = {}): ReportTable[] {
  const rates = a.comparisons.filter((c) => c.kind === 'rate');
  const means = a.comparisons.filter((c) => c.kind === 'mean');
  const tables: ReportTable[] = [verdictsTable(a.verdicts, { notes: a.warnings }), experimentArmsTable(armRows(a))];
  if (rates.length) tables.push(upliftRatesTable(rates, { notes: [`${Math.round(a.level * 100)}% intervals. Lift in percentage points of the rate.`] }));
  if (means.length) tables.push(upliftMeansTable(means, { notes: [`${Math.round(a.level * 100)}% intervals; the bootstrap (${means[0]!.bootstrap ? `${means[0]!.bootstrap.resamples} resamples, seed ${means[0]!.bootstrap.seed}` : 'off'}) is the check for heavy-tailed outcomes.`] }));
  if (a.srm) {
    const total = a.srm.observed.reduce((s, v) => s + v, 0);
    tables.push(sampleRatioTable(a.srm.arms.map((arm, i) => ({ arm, observed: a.srm!.observed[i]!, planned: a.srm!.planned[i]!, expected: a.srm!.expected[i]!, total })), { notes: [a.srm.message, `chi-square ${a.srm.statistic.toFixed(2)} on ${a.srm.df} df, p = ${fmtP(a.srm.pValue)}; a mismatch is flagged below p = ${a.srm.threshold}.`] }));
  }
  if (extra.segments) {
    tables.push(segmentUpliftTable(extra.segments.rows, { notes: [extra.segments.warning, ...extra.segments.notes] }));
    tables.push(heterogeneityTable(extra.segments.heterogeneity));
  }
  if (extra.uplift) tables.push(upliftModelTable(extra.uplift));
  if (extra.quarantine && extra.quarantine.length > 0) tables.push(experimentQuarantineTable(extra.quarantine));
  return tables;
}
