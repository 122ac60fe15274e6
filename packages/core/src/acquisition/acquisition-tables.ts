import { defineTable, type ColumnSpec } from '../report/report-table.js';
import type { AcquisitionRow } from './acquisition-types.js';

const numbers: ColumnSpec<AcquisitionRow>[] = [
  {
    key: 'new_customers',
    label: 'New customers',
    kind: 'count',
    value: (r) => r.newCustomers,
    description: 'customers acquired (acquisition date in the cohort)',
  },
  {
    key: 'spend',
    label: 'Spend',
    kind: 'money',
    value: (r) => r.spend,
    description: "marketing spend of the channel in the cohort's months; empty when none is recorded",
  },
  {
    key: 'cac',
    label: 'CAC',
    kind: 'money',
    value: (r) => r.cac,
    description: 'spend / new customers; empty without spend or without new customers',
  },
  { key: 'realised_margin', label: 'Realised margin', kind: 'money', unit: 'per customer, to date', value: (r) => r.realisedPerCustomer },
  {
    key: 'predicted_clv',
    label: 'Predicted CLV',
    kind: 'money',
    unit: 'per customer, remaining',
    value: (r) => r.predictedPerCustomer,
    description: 'discounted margin the model expects over the horizon',
  },
  { key: 'ltv', label: 'LTV', kind: 'money', unit: 'per customer', value: (r) => r.ltvPerCustomer, description: 'realised + predicted' },
  { key: 'ltv_to_cac', label: 'LTV:CAC', kind: 'ratio', value: (r) => r.ltvToCac },
  {
    key: 'ltv_to_cac_low',
    label: 'LTV:CAC low',
    kind: 'ratio',
    unit: '95%',
    value: (r) => r.ltvToCacLow,
    description: 'bootstrap over customers',
  },
  { key: 'ltv_to_cac_high', label: 'LTV:CAC high', kind: 'ratio', unit: '95%', value: (r) => r.ltvToCacHigh },
  {
    key: 'payback_months',
    label: 'Payback',
    kind: 'duration',
    unit: 'months',
    value: (r) => r.paybackMonths,
    description: 'months after the acquisition month until cumulative margin per customer covers CAC',
  },
  {
    key: 'payback_projected',
    label: 'Projected',
    kind: 'text',
    value: (r) => (r.cac === null ? null : r.paybackProjected ? 'projected' : 'observed'),
    description: 'projected: the payback month lies beyond what some of the customers have lived',
  },
  { key: 'note', label: 'Note', kind: 'text', value: (r) => r.note || null },
];

/** Acquisition economics per channel (over the spend file's months), and the overall row. */
export const acquisitionChannelsTable = defineTable<AcquisitionRow>('acquisition.channels', 'Acquisition economics by channel', [
  { key: 'channel', label: 'Channel', kind: 'text', value: (r) => r.level },
  ...numbers,
]);

/** Acquisition economics per channel and acquisition cohort. */
export const acquisitionCohortsTable = defineTable<AcquisitionRow>('acquisition.cohorts', 'Acquisition economics by channel and cohort', [
  { key: 'channel', label: 'Channel', kind: 'text', value: (r) => r.level },
  { key: 'cohort', label: 'Cohort', kind: 'text', value: (r) => r.cohort },
  ...numbers,
]);
