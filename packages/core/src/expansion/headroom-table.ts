import { defineTable } from '../report/report-table.js';
import type { HeadroomGroup } from './headroom.js';

/** Headroom by comparable group, declared once for every surface. */
export const HEADROOM_GROUPS_TABLE = defineTable<HeadroomGroup>('expansion.headroom_groups', 'Up-sell headroom by segment', [
  {
    key: 'segment',
    label: 'Segment',
    kind: 'text',
    value: (r) => r.name,
    description: 'The group of comparable customers (value tier or the grouping given).',
  },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  {
    key: 'spend_target',
    label: 'Upper-quartile spend',
    kind: 'money',
    value: (r) => r.spendTarget,
    description: 'The spend that a quarter of the segment reaches or exceeds in the window: the benchmark.',
  },
  {
    key: 'breadth_target',
    label: 'Upper-quartile breadth',
    kind: 'number',
    value: (r) => r.breadthTarget,
    description: 'The number of categories (products without a product file) a quarter of the segment buys or exceeds.',
  },
  {
    key: 'below',
    label: 'Customers below',
    kind: 'count',
    value: (r) => r.below,
    description: 'Customers spending less than the benchmark.',
  },
  {
    key: 'headroom',
    label: 'Headroom',
    kind: 'money',
    value: (r) => r.headroom,
    description: 'Σ over customers of max(0, benchmark − spend).',
  },
  {
    key: 'expected_headroom',
    label: 'Headroom × P(alive)',
    kind: 'money',
    value: (r) => r.expectedHeadroom,
    description: 'The headroom of customers weighted by their probability of still being active.',
  },
  {
    key: 'mean_breadth_gap',
    label: 'Mean breadth gap',
    kind: 'number',
    value: (r) => r.meanBreadthGap,
    description: 'Mean of max(0, benchmark breadth − breadth), in categories (products without a product file).',
  },
]);

/** One customer with headroom. */
export interface HeadroomCustomerRow {
  customerId: string;
  segment: string;
  spend: number;
  spendTarget: number;
  gap: number;
  breadth: number;
  breadthGap: number;
  pAlive: number | null;
  expectedGap: number;
}

/** The customers with the most headroom (among those likely still active). */
export const HEADROOM_CUSTOMERS_TABLE = defineTable<HeadroomCustomerRow>(
  'expansion.headroom_customers',
  'Customers with the most up-sell headroom',
  [
    { key: 'customer_id', label: 'Customer', kind: 'id', value: (r) => r.customerId },
    { key: 'segment', label: 'Segment', kind: 'text', value: (r) => r.segment },
    { key: 'spend', label: 'Spend', kind: 'money', value: (r) => r.spend, description: 'Net revenue in the window.' },
    { key: 'spend_target', label: 'Segment upper quartile', kind: 'money', value: (r) => r.spendTarget },
    { key: 'gap', label: 'Gap', kind: 'money', value: (r) => r.gap, description: 'max(0, segment upper quartile − spend).' },
    {
      key: 'breadth',
      label: 'Breadth',
      kind: 'count',
      value: (r) => r.breadth,
      description: 'Distinct categories bought in the window (products without a product file).',
    },
    {
      key: 'breadth_gap',
      label: 'Breadth gap',
      kind: 'number',
      value: (r) => r.breadthGap,
      description: 'max(0, segment upper-quartile breadth − breadth).',
    },
    {
      key: 'p_alive',
      label: 'P(alive)',
      kind: 'probability',
      value: (r) => r.pAlive,
      description: 'Probability that the customer is still active, from the CLV model (empty without one).',
    },
    { key: 'expected_gap', label: 'Gap × P(alive)', kind: 'money', value: (r) => r.expectedGap },
  ],
);
