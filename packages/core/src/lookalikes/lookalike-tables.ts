import { defineTable } from '../report/report-table.js';
import type { AttributeEffect } from './lookalikes.js';
import type { ProspectScores } from './lookalike-score.js';
import type { CalibrationRow, ModelCheck } from './lookalike-validation.js';

/** Held-out validation of the model and its baseline. */
export const lookalikeValidationTable = defineTable<ModelCheck>('lookalikes.validation', 'Validation on held-out customers', [
  { key: 'model', label: 'Model', kind: 'text', value: (r) => r.label },
  {
    key: 'auc',
    label: 'AUC',
    kind: 'number',
    value: (r) => r.auc.auc,
    description: 'probability that a top-tier customer scores above another customer (0.5 = chance)',
  },
  { key: 'auc_low', label: 'AUC low', kind: 'number', unit: '95%', value: (r) => r.auc.low, description: 'DeLong interval' },
  { key: 'auc_high', label: 'AUC high', kind: 'number', unit: '95%', value: (r) => r.auc.high },
  {
    key: 'lift_top_decile',
    label: 'Lift',
    kind: 'ratio',
    unit: 'top 10%',
    value: (r) => r.liftTopDecile,
    description: 'top-tier rate among the 10% scored highest / the base rate',
  },
]);

/** Predicted probability against the observed top-tier share, by decile of the held-out probability. */
export const lookalikeCalibrationTable = defineTable<CalibrationRow>(
  'lookalikes.calibration',
  'Calibration by decile of the predicted probability',
  [
    { key: 'decile', label: 'Decile', kind: 'count', value: (r) => r.bin },
    { key: 'p_low', label: 'From', kind: 'probability', value: (r) => r.low },
    { key: 'p_high', label: 'To', kind: 'probability', value: (r) => r.high },
    { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
    {
      key: 'mean_predicted',
      label: 'Predicted',
      kind: 'probability',
      value: (r) => r.meanPredicted,
      description: 'mean held-out probability of the top tier',
    },
    {
      key: 'observed_top',
      label: 'Observed',
      kind: 'share',
      value: (r) => r.observedTop,
      description: 'share of the decile in the top tier',
    },
    { key: 'mean_clv', label: 'Mean CLV', kind: 'money', value: (r) => r.meanClv },
  ],
);

/** What each attribute level does to the odds of the top tier. */
export const lookalikeEffectsTable = defineTable<AttributeEffect>('lookalikes.effects', 'Attribute effects on the odds of the top tier', [
  { key: 'attribute', label: 'Attribute', kind: 'text', value: (r) => r.attribute },
  { key: 'level', label: 'Level', kind: 'text', value: (r) => r.level },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  {
    key: 'top_rate',
    label: 'Top tier',
    kind: 'share',
    value: (r) => r.topRate,
    description: 'observed share of these customers in the top tier',
  },
  { key: 'odds_vs_average', label: 'Odds', kind: 'ratio', unit: 'vs average customer', value: (r) => r.oddsVsAverage },
]);

/** One scored prospect. */
export interface ProspectRow {
  rank: number;
  id: string;
  probability: number;
  expectedClv: number;
  reason: string;
}

/** Prospects ranked by the probability of becoming top tier. */
export const lookalikeProspectsTable = defineTable<ProspectRow>(
  'lookalikes.prospects',
  'Prospects ranked by the probability of the top tier',
  [
    { key: 'rank', label: 'Rank', kind: 'count', value: (r) => r.rank },
    { key: 'prospect_id', label: 'Prospect', kind: 'id', value: (r) => r.id },
    { key: 'probability_top_tier', label: 'P(top tier)', kind: 'probability', value: (r) => r.probability },
    {
      key: 'expected_clv',
      label: 'Expected CLV',
      kind: 'money',
      value: (r) => r.expectedClv,
      description: 'mean predicted CLV of customers with similar scores',
    },
    {
      key: 'drivers',
      label: 'Why',
      kind: 'text',
      value: (r) => r.reason,
      description: 'the attributes that move the score most, as odds against the average customer',
    },
  ],
);

/** Attribute values of prospects never seen among customers. */
export const lookalikeUnseenTable = defineTable<{ attribute: string; value: string; prospects: number }>(
  'lookalikes.unseen',
  'Prospect attribute values never seen among customers',
  [
    { key: 'attribute', label: 'Attribute', kind: 'text', value: (r) => r.attribute },
    { key: 'value', label: 'Value', kind: 'text', value: (r) => r.value },
    { key: 'prospects', label: 'Prospects', kind: 'count', value: (r) => r.prospects },
  ],
);

/** The first `limit` prospects in rank order, with their reasons (all of them by default). */
export function prospectRows(p: ProspectScores, limit = Infinity): ProspectRow[] {
  const n = Math.min(limit, p.order.length);
  const out: ProspectRow[] = [];
  for (let k = 0; k < n; k++) {
    const i = p.order[k]!;
    out.push({ rank: k + 1, id: p.ids[i]!, probability: p.probability[i]!, expectedClv: p.expectedClv[i]!, reason: p.reason(i) });
  }
  return out;
}
