import { defineTable } from '../report/report-table.js';
import type { ArmSummary, ArmVerdict } from './analyze-experiment.js';
import type { ArmOutcome } from './arm-moments.js';
import type { Comparison } from './compare-arms.js';

/**
 * The report tables of an experiment, declared once (see `report/report-table.ts`); the CLI, the API
 * and the dashboard render these. Rates and shares are fractions (0.045 = 4.5%, or 4.5 points for a
 * difference of rates).
 */

/** One arm and one of its outcomes. */
export type ArmRow = { arm: ArmSummary; o: ArmOutcome };
/** `experiment.arms`: one row per arm and outcome (customers, share, planned share, rate or mean, sd, total). */
export const experimentArmsTable = defineTable<ArmRow>('experiment.arms', 'Arms', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm.arm },
  {
    key: 'role',
    label: 'Role',
    kind: 'text',
    description: 'control, test (compared with the control) or observed (reported only, e.g. the global holdout)',
    value: (r) => r.arm.role,
  },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.arm.customers },
  { key: 'share', label: 'Share', kind: 'share', description: 'share of all customers of the experiment', value: (r) => r.arm.share },
  { key: 'planned_share', label: 'Planned share', kind: 'share', value: (r) => r.arm.plannedShare },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.o.outcome },
  {
    key: 'measure',
    label: 'Measure',
    kind: 'text',
    description: 'rate (share of customers with outcome 1) or mean (per customer)',
    value: (r) => r.o.kind,
  },
  { key: 'customers_with_value', label: 'Customers with a value', kind: 'count', value: (r) => r.o.n },
  {
    key: 'value',
    label: 'Rate or mean',
    kind: 'number',
    description: "rate as a fraction (0.1062 = 10.62%), or the mean per customer in the outcome's unit",
    value: (r) => r.o.mean,
  },
  {
    key: 'sd',
    label: 'Standard deviation',
    kind: 'number',
    description: 'per customer',
    value: (r) => (r.o.kind === 'rate' ? Math.sqrt(r.o.mean * (1 - r.o.mean)) : Math.sqrt(r.o.variance)),
  },
  {
    key: 'total',
    label: 'Total',
    kind: 'number',
    description: "responders (rate) or the sum over the arm's customers",
    value: (r) => r.o.sum,
  },
]);

/** `experiment.uplift_rates`: every test arm against the control on every 0/1 outcome. */
export const upliftRatesTable = defineTable<Comparison>('experiment.uplift_rates', 'Uplift in rates (test − control)', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'control', label: 'Control', kind: 'text', value: (r) => r.control },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.outcome },
  { key: 'customers_test', label: 'Customers (test)', kind: 'count', value: (r) => r.nTest },
  { key: 'customers_control', label: 'Customers (control)', kind: 'count', value: (r) => r.nControl },
  { key: 'rate_test', label: 'Rate (test)', kind: 'share', value: (r) => r.meanTest },
  { key: 'rate_control', label: 'Rate (control)', kind: 'share', value: (r) => r.meanControl },
  { key: 'lift', label: 'Lift', kind: 'points', description: 'rate (test) − rate (control)', value: (r) => r.difference },
  {
    key: 'lift_lower',
    label: 'Lift, lower 95%',
    kind: 'points',
    description: "Newcombe's hybrid score interval (Newcombe 1998, method 10)",
    value: (r) => r.lower,
  },
  { key: 'lift_upper', label: 'Lift, upper 95%', kind: 'points', value: (r) => r.upper },
  { key: 'relative', label: 'Relative lift', kind: 'share', description: 'rate (test) / rate (control) − 1', value: (r) => r.relative },
  {
    key: 'relative_lower',
    label: 'Relative, lower 95%',
    kind: 'share',
    description: 'log interval of the rate ratio (Katz et al. 1978)',
    value: (r) => r.relativeLower,
  },
  { key: 'relative_upper', label: 'Relative, upper 95%', kind: 'share', value: (r) => r.relativeUpper },
  { key: 'p_value', label: 'p', kind: 'p_value', description: 'two-sided pooled two-proportion z test', value: (r) => r.pValue },
  {
    key: 'p_holm',
    label: 'p (Holm)',
    kind: 'p_value',
    description: 'Holm-adjusted over every comparison of the experiment',
    value: (r) => r.pAdjusted,
  },
  {
    key: 'incremental',
    label: 'Incremental responders',
    kind: 'number',
    description: 'lift × customers in the test arm',
    value: (r) => r.incremental,
  },
  { key: 'incremental_lower', label: 'Incremental, lower 95%', kind: 'number', value: (r) => r.incrementalLower },
  { key: 'incremental_upper', label: 'Incremental, upper 95%', kind: 'number', value: (r) => r.incrementalUpper },
  { key: 'significant', label: 'Clear effect', kind: 'text', description: 'the 95% interval excludes 0', value: (r) => r.significant },
]);

/** `experiment.uplift_means`: every test arm against the control on every other outcome, with the bootstrap. */
export const upliftMeansTable = defineTable<Comparison>('experiment.uplift_means', 'Uplift in means per customer (test − control)', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'control', label: 'Control', kind: 'text', value: (r) => r.control },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.outcome },
  { key: 'customers_test', label: 'Customers (test)', kind: 'count', value: (r) => r.nTest },
  { key: 'customers_control', label: 'Customers (control)', kind: 'count', value: (r) => r.nControl },
  { key: 'mean_test', label: 'Mean (test)', kind: 'number', description: "per customer, in the outcome's unit", value: (r) => r.meanTest },
  { key: 'mean_control', label: 'Mean (control)', kind: 'number', value: (r) => r.meanControl },
  {
    key: 'difference',
    label: 'Difference',
    kind: 'number',
    description: 'mean (test) − mean (control), per customer',
    value: (r) => r.difference,
  },
  { key: 'lower', label: 'Lower 95% (Welch)', kind: 'number', description: "Welch's t interval (Welch 1947)", value: (r) => r.lower },
  { key: 'upper', label: 'Upper 95% (Welch)', kind: 'number', value: (r) => r.upper },
  {
    key: 'bootstrap_lower',
    label: 'Lower 95% (bootstrap)',
    kind: 'number',
    description: 'seeded percentile bootstrap, each arm resampled',
    value: (r) => r.bootstrap?.lower ?? null,
  },
  { key: 'bootstrap_upper', label: 'Upper 95% (bootstrap)', kind: 'number', value: (r) => r.bootstrap?.upper ?? null },
  { key: 'relative', label: 'Relative', kind: 'share', description: 'mean (test) / mean (control) − 1', value: (r) => r.relative },
  {
    key: 'relative_lower',
    label: 'Relative, lower 95%',
    kind: 'share',
    description: 'delta method on the log ratio',
    value: (r) => r.relativeLower,
  },
  { key: 'relative_upper', label: 'Relative, upper 95%', kind: 'share', value: (r) => r.relativeUpper },
  { key: 'p_value', label: 'p', kind: 'p_value', description: "two-sided Welch's t test", value: (r) => r.pValue },
  { key: 'p_holm', label: 'p (Holm)', kind: 'p_value', value: (r) => r.pAdjusted },
  {
    key: 'incremental',
    label: 'Incremental total',
    kind: 'number',
    description: 'difference × customers in the test arm',
    value: (r) => r.incremental,
  },
  { key: 'incremental_lower', label: 'Incremental, lower 95%', kind: 'number', value: (r) => r.incrementalLower },
  { key: 'incremental_upper', label: 'Incremental, upper 95%', kind: 'number', value: (r) => r.incrementalUpper },
  { key: 'significant', label: 'Clear effect', kind: 'text', value: (r) => r.significant },
]);

/** `experiment.verdicts`: one sentence per test arm. */
export const verdictsTable = defineTable<ArmVerdict>('experiment.verdicts', 'Verdict', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'control', label: 'Against', kind: 'text', value: (r) => r.control },
  { key: 'effect', label: 'Clear effect', kind: 'text', value: (r) => r.effect },
  { key: 'verdict', label: 'Verdict', kind: 'text', value: (r) => r.text },
]);

/** One arm of the split check. */
export type SrmRow = { arm: string; observed: number; planned: number; expected: number; total: number };
/** `experiment.srm`: observed against planned arm sizes (the sample-ratio-mismatch check). */
export const sampleRatioTable = defineTable<SrmRow>('experiment.srm', 'Sample ratio check', [
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.observed },
  { key: 'expected', label: 'Expected', kind: 'number', description: 'customers × planned share', value: (r) => r.expected },
  { key: 'share', label: 'Share', kind: 'share', value: (r) => r.observed / r.total },
  { key: 'planned_share', label: 'Planned share', kind: 'share', value: (r) => r.planned },
]);
