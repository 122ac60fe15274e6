import { defineTable } from '../report/report-table.js';
import { EXPERIMENT_QUARANTINE_REASONS } from './experiment-file-sql.js';
import type { QuarantinedExperimentRow } from './experiment-file.js';
import type { Heterogeneity, SegmentComparison } from './segment-uplift.js';
import type { QiniPoint } from './uplift-model.js';

/** The report tables of uplift by segment, the uplift model and the quarantine, declared once. */

/** `experiment.segments`: uplift per segment, arm and outcome with adjusted p-values (the forest plot). */
export const segmentUpliftTable = defineTable<SegmentComparison>('experiment.segments', 'Uplift by segment', [
  { key: 'by', label: 'By', kind: 'text', value: (r) => r.by },
  { key: 'segment', label: 'Segment', kind: 'text', value: (r) => r.segment },
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.outcome },
  {
    key: 'measure',
    label: 'Measure',
    kind: 'text',
    description: 'rate (differences are fractions: 0.045 = 4.5 points) or mean per customer',
    value: (r) => r.kind,
  },
  { key: 'customers_test', label: 'Customers (test)', kind: 'count', value: (r) => r.nTest },
  { key: 'customers_control', label: 'Customers (control)', kind: 'count', value: (r) => r.nControl },
  { key: 'value_test', label: 'Test', kind: 'number', value: (r) => r.meanTest },
  { key: 'value_control', label: 'Control', kind: 'number', value: (r) => r.meanControl },
  { key: 'difference', label: 'Difference', kind: 'number', value: (r) => r.difference },
  { key: 'lower', label: 'Lower 95%', kind: 'number', description: 'Newcombe (rates) or Welch (means)', value: (r) => r.lower },
  { key: 'upper', label: 'Upper 95%', kind: 'number', value: (r) => r.upper },
  { key: 'p_value', label: 'p', kind: 'p_value', value: (r) => r.pValue },
  { key: 'p_holm', label: 'p (Holm)', kind: 'p_value', description: 'Holm-adjusted over every segment comparison', value: (r) => r.pHolm },
  { key: 'p_bonferroni', label: 'p (Bonferroni)', kind: 'p_value', value: (r) => r.pBonferroni },
  { key: 'significant_adjusted', label: 'Clear after adjustment', kind: 'text', value: (r) => r.significantAdjusted },
]);

/** `experiment.heterogeneity`: Cochran's Q test of equal uplift across the segments of a column. */
export const heterogeneityTable = defineTable<Heterogeneity>('experiment.heterogeneity', 'Does the uplift differ between segments?', [
  { key: 'by', label: 'By', kind: 'text', value: (r) => r.by },
  { key: 'arm', label: 'Arm', kind: 'text', value: (r) => r.arm },
  { key: 'outcome', label: 'Outcome', kind: 'text', value: (r) => r.outcome },
  { key: 'segments', label: 'Segments', kind: 'count', value: (r) => r.segments },
  { key: 'q', label: "Cochran's Q", kind: 'number', value: (r) => r.q },
  { key: 'df', label: 'df', kind: 'count', value: (r) => r.df },
  {
    key: 'p_value',
    label: 'p',
    kind: 'p_value',
    description: 'chi-square test of equal uplift in every segment (Cochran 1954)',
    value: (r) => r.pValue,
  },
]);

/** `uplift.qini`: the held-out Qini curve every 10% for the uplift model, the response model and random targeting. */
export const qiniTable = defineTable<QiniPoint>('uplift.qini', 'Qini curve on the held-out customers', [
  {
    key: 'fraction',
    label: 'Targeted',
    kind: 'share',
    description: 'share of the held-out customers targeted, best predicted uplift first',
    value: (r) => r.fraction,
  },
  { key: 'customers', label: 'Customers targeted', kind: 'count', value: (r) => r.targeted },
  {
    key: 'uplift_model',
    label: 'Uplift model',
    kind: 'number',
    description: 'incremental outcome per held-out customer (Radcliffe 2007 Qini)',
    value: (r) => r.model,
  },
  {
    key: 'response_model',
    label: 'Response model',
    kind: 'number',
    description: 'the same, targeting whoever is most likely to respond if treated',
    value: (r) => r.responseModel,
  },
  { key: 'random', label: 'Random targeting', kind: 'number', value: (r) => r.random },
  {
    key: 'uplift_targeted',
    label: 'Uplift among the targeted',
    kind: 'number',
    description: 'test − control among the customers the uplift model targets',
    value: (r) => r.upliftTargeted,
  },
]);

/** `experiment.quarantine`: the rows of an experiment file left out, with line, reason and value. */
export const experimentQuarantineTable = defineTable<QuarantinedExperimentRow>('experiment.quarantine', 'Rows left out', [
  { key: 'line', label: 'Line', kind: 'count', value: (r) => r.line },
  { key: 'reason', label: 'Reason', kind: 'text', value: (r) => r.reason },
  { key: 'explanation', label: 'Explanation', kind: 'text', value: (r) => EXPERIMENT_QUARANTINE_REASONS[r.reason] },
  { key: 'column', label: 'Column', kind: 'text', value: (r) => r.column },
  { key: 'value', label: 'Value', kind: 'text', value: (r) => r.raw },
]);
