/**
 * The segment migration's tables, declared once (issue 19): the transition counts, the moves cell by
 * cell, the Markov-chain value per state and the customers who moved down. `cvm migrate` (table,
 * csv), GET /api/migration (JSON `tables`, `format=csv&table=cells|markov|downgrades`) and the
 * dashboard's Migration page render these. Values are net revenue in the log's currency.
 */
import { defineTable, type ReportTable } from '../report/report-table.js';
import { matrixTable } from '../report/matrix-table.js';
import { LIFECYCLE_STAGE_WORDS } from './lifecycle.js';
import type { MarkovView } from './markov-view.js';
import type { Downgrade, MigrationReport } from './migration-types.js';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** A rendered table with the units of some columns filled in from the data (days, periods). */
const withUnits = (t: ReportTable, units: Record<string, string>): ReportTable => ({
  ...t,
  columns: t.columns.map((c) => (units[c.key] === undefined ? c : { ...c, unit: units[c.key] })),
});

/**
 * The transition counts: one row per state on the first day, one column per state on the second,
 * row totals, and (`withTotalRow`, the terminal's table) a row of column totals.
 * @example
 * transitionsTable(m).columns[0]!.label; // 'from \\ to'
 */
export function transitionsTable(m: MigrationReport, options: { withTotalRow?: boolean } = {}): ReportTable {
  const x = m.matrix;
  const t = matrixTable(
    'migration.transitions',
    `Transitions ${m.from} → ${m.to} by ${m.dimension} (customers; rows = state on ${m.from})`,
    'from \\ to',
    x.fromStates,
    x.toStates,
    x.counts,
    'count',
  );
  if (options.withTotalRow) t.rows.push(['total', ...x.columnTotals, x.rowTotals.reduce((a, b) => a + b, 0)]);
  return t;
}

/** One move of the matrix: the two states and its customers, share of the row and value. */
interface CellRow {
  from: string;
  to: string;
  customers: number;
  rowShare: number;
  valueFrom: number;
  valueTo: number;
}

/** The moves cell by cell (`cvm migrate --format csv`, `format=csv&table=cells`). */
export const migrationCellsTable = defineTable<CellRow>('migration.cells', 'Moves between the two days, cell by cell', [
  { key: 'from_state', label: 'From', kind: 'text', value: (r) => r.from, description: 'the state on the first day' },
  { key: 'to_state', label: 'To', kind: 'text', value: (r) => r.to, description: 'the state on the second day' },
  { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.customers },
  {
    key: 'row_share',
    label: 'Share of the row',
    kind: 'share',
    value: (r) => r.rowShare,
    description: 'customers / customers in the from state',
  },
  {
    key: 'value_from',
    label: 'Value on the first day',
    kind: 'money',
    value: (r) => r.valueFrom,
    description: 'net revenue up to the first day of the customers in the cell',
  },
  {
    key: 'value_to',
    label: 'Value on the second day',
    kind: 'money',
    value: (r) => r.valueTo,
    description: 'net revenue up to the second day of the customers in the cell',
  },
]);

/**
 * The non-empty cells of the matrix, in matrix order.
 * @example
 * cellsTable(m).columns.map((c) => c.key); // ['from_state', 'to_state', 'customers', 'row_share', 'value_from', 'value_to']
 */
export function cellsTable(m: MigrationReport): ReportTable {
  const x = m.matrix;
  const rows = x.fromStates.flatMap((from, i) =>
    x.toStates.map((to, j) => ({
      from,
      to,
      customers: x.counts[i]![j]!,
      rowShare: x.rowShare[i]![j]!,
      valueFrom: x.valueFrom[i]![j]!,
      valueTo: x.valueTo[i]![j]!,
    })),
  );
  return withUnits(
    migrationCellsTable(
      rows.filter((r) => r.customers > 0),
      { title: `Moves ${m.from} → ${m.to} by ${m.dimension}, cell by cell` },
    ),
    { value_from: `net revenue to ${m.from}`, value_to: `net revenue to ${m.to}` },
  );
}

/** The Markov-chain value per state (Pfeifer & Carraway 2000). */
export const markovValueTable = defineTable<{ v: MarkovView; i: number }>('migration.markov', 'Markov-chain customer value per state', [
  { key: 'state', label: 'State', kind: 'text', value: ({ v, i }) => v.states[i]! },
  {
    key: 'revenue_per_customer_per_period',
    label: 'Revenue per customer',
    kind: 'money',
    unit: 'per period',
    value: ({ v, i }) => v.reward[i]!,
    description: "net revenue per customer in the state over one snapshot interval: the chain's reward",
  },
  {
    key: 'expected_value',
    label: 'Expected value',
    kind: 'money',
    unit: 'horizon, discounted',
    value: ({ v, i }) => v.value[i]!,
    description: 'the reward summed over the horizon along the chain, discounted; lost customers are worth 0',
  },
  {
    key: 'historic_value',
    label: 'Historic value',
    kind: 'money',
    unit: 'same span before the first day',
    value: ({ v, i }) => (Number.isFinite(v.historic[i]!) ? v.historic[i]! : null),
    description: "the state's customers' net revenue over the same span before the first day (a check: more than 3× is flagged)",
  },
]);

/**
 * The Markov value per state with its rule, the returns from "lost" and the warnings under it.
 * @example
 * markovTable(m).rows.length === m.markov.states.length; // true
 */
export function markovTable(m: MigrationReport): ReportTable {
  const v = m.markov;
  const t = markovValueTable(
    v.states.map((_, i) => ({ v, i })),
    {
      title: `Markov-chain customer value per state over the next ${v.periods} periods of ${v.periodDays} days (Pfeifer & Carraway 2000; discount ${pct(v.discountRate)} per period)`,
      notes: [
        v.rule,
        `${pct(v.lostReturnShare)} of the customers lost at ${m.from} were back by ${m.to}; the chain counts them as lost for good`,
        ...v.warnings.map((w) => `WARNING: ${w}`),
      ],
    },
  );
  return withUnits(t, {
    revenue_per_customer_per_period: `per ${v.periodDays}-day period`,
    expected_value: `next ${v.periods} periods, discounted`,
  });
}

/** The customers who moved down a value tier or into at risk, most valuable first. */
export const downgradesSpec = defineTable<Downgrade>('migration.downgrades', 'Customers who moved down a value tier or into at risk', [
  { key: 'customer_id', label: 'Customer', kind: 'id', value: (d) => d.customerId },
  { key: 'from_tier', label: 'Tier before', kind: 'text', value: (d) => d.fromTier, description: 'revenue tier on the first day' },
  { key: 'to_tier', label: 'Tier after', kind: 'text', value: (d) => d.toTier, description: 'revenue tier on the second day' },
  {
    key: 'from_stage',
    label: 'Stage before',
    kind: 'text',
    value: (d) => d.fromStage,
    codes: LIFECYCLE_STAGE_WORDS,
    description: 'lifecycle stage on the first day',
  },
  {
    key: 'to_stage',
    label: 'Stage after',
    kind: 'text',
    value: (d) => d.toStage,
    codes: LIFECYCLE_STAGE_WORDS,
    description: 'lifecycle stage on the second day',
  },
  {
    key: 'value_from',
    label: 'Net revenue before',
    kind: 'money',
    value: (d) => d.valueFrom,
    description: 'net revenue up to the first day',
  },
  { key: 'value_to', label: 'Net revenue after', kind: 'money', value: (d) => d.valueTo, description: 'net revenue up to the second day' },
  {
    key: 'reason',
    label: 'Reason',
    kind: 'text',
    value: (d) => d.reason,
    description: '"tier down" (a lower revenue tier), "into at risk" (now at risk) or both',
  },
]);

/**
 * The downgrades (all, or the first `limit`), titled with their count; the units name the two days.
 * @example
 * downgradesTable(m, 100).rows.length <= 100; // true
 */
export function downgradesTable(m: MigrationReport, limit = Number.POSITIVE_INFINITY): ReportTable {
  const t = downgradesSpec(m.downgrades.slice(0, limit), {
    title: `Customers who moved down a value tier or into at risk (${m.downgrades.length.toLocaleString('en-US')}; most valuable first)`,
  });
  return withUnits(t, { value_from: `to ${m.from}`, value_to: `to ${m.to}` });
}
