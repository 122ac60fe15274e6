import { InputError } from '../errors.js';
import type { Cell, DisplayKind, ReportColumn, ReportTable } from '../report/report-table.js';
import type { CustomerDimension } from '../inputs/dimension.js';

/** One per-customer measure of a breakdown, aligned to the dimension's customers. */
export interface BreakdownMeasure {
  /** snake_case key; the columns are `KEY_total` and/or `KEY_mean`. */
  key: string;
  /** Words for people, e.g. "predicted CLV". */
  label: string;
  kind: DisplayKind;
  /** Unit and period, e.g. "USD, next 52 weeks". */
  unit?: string;
  values: Float64Array;
  /** Which columns to show (default both). Means use the customers with a finite value. */
  show?: 'total' | 'mean' | 'both';
  /** Kind of the mean column when it differs (e.g. a 0/1 flag: total is a count, mean a share). */
  meanKind?: DisplayKind;
}

/**
 * Totals and means of several per-customer measures by the levels of a dimension (in its level
 * order, `unknown` included, never dropped), plus an `all` row. Non-finite values are left out of
 * the sums and the means (the level's customers still count them).
 *
 * @throws InputError `misaligned_dimension` when a measure and the dimension differ in length.
 * @example
 * breakdownMeasures('clv.by', 'CLV by channel', dim, [{ key: 'clv', label: 'CLV', kind: 'money', values }]).columns.map((c) => c.key);
 * // → ['level', 'customers', 'customer_share', 'clv_total', 'clv_mean']
 */
export function breakdownMeasures(
  id: string,
  title: string,
  dimension: CustomerDimension,
  measures: readonly BreakdownMeasure[],
  notes: readonly string[] = [],
): ReportTable {
  const n = dimension.values.length;
  for (const m of measures) {
    if (m.values.length !== n)
      throw new InputError(
        'misaligned_dimension',
        `${title}: ${m.values.length} values of ${m.label} but ${n} customers in the dimension "${dimension.name}"; align both to the same customer list`,
        {},
      );
  }
  const index = new Map(dimension.levels.map((l, j) => [l, j]));
  const k = dimension.levels.length;
  const count = new Float64Array(k + 1);
  const sums = measures.map(() => new Float64Array(k + 1));
  const withValue = measures.map(() => new Float64Array(k + 1));
  for (let i = 0; i < n; i++) {
    const j = index.get(dimension.values[i]!)!;
    count[j]!++;
    count[k]!++;
    for (let m = 0; m < measures.length; m++) {
      const v = measures[m]!.values[i]!;
      if (!Number.isFinite(v)) continue;
      sums[m]![j]! += v;
      sums[m]![k]! += v;
      withValue[m]![j]!++;
      withValue[m]![k]!++;
    }
  }
  const columns: ReportColumn[] = [
    { key: 'level', label: dimension.name, kind: 'text', description: `the level of ${dimension.name} (unknown: customers without one)` },
    { key: 'customers', label: 'Customers', kind: 'count' },
    { key: 'customer_share', label: 'Share of customers', kind: 'share' },
  ];
  for (const m of measures) {
    const show = m.show ?? 'both';
    if (show !== 'mean')
      columns.push({ key: `${m.key}_total`, label: `Total ${m.label}`, kind: m.kind, ...(m.unit ? { unit: m.unit } : {}) });
    if (show !== 'total')
      columns.push({
        key: `${m.key}_mean`,
        label: `Mean ${m.label} per customer`,
        kind: m.meanKind ?? m.kind,
        ...(m.unit && !m.meanKind ? { unit: m.unit } : {}),
        description: "over the level's customers with a value",
      });
  }
  const rows: Cell[][] = [...dimension.levels, 'all'].map((level, j) => {
    const row: Cell[] = [level, count[j]!, count[k]! > 0 ? count[j]! / count[k]! : NaN];
    measures.forEach((m, mi) => {
      const show = m.show ?? 'both';
      if (show !== 'mean') row.push(sums[mi]![j]!);
      if (show !== 'total') row.push(withValue[mi]![j]! > 0 ? sums[mi]![j]! / withValue[mi]![j]! : NaN);
    });
    return row;
  });
  return { id, title, columns, rows, notes: [`Levels: ${dimension.rule}.`, ...notes] };
}

/**
 * Customers per dimension level × category (e.g. value tier), as a report table with a row per
 * level (`unknown` included) and an `all` row, plus a total column.
 * @example
 * levelCrossTable('t', 'Tiers', dim, tierIndex, ['Gold', 'Rest']).columns.map((c) => c.key); // → ['level', 'Gold', 'Rest', 'total']
 */
export function levelCrossTable(
  id: string,
  title: string,
  dimension: CustomerDimension,
  category: ArrayLike<number>,
  categories: readonly string[],
  notes: readonly string[] = [],
): ReportTable {
  const index = new Map(dimension.levels.map((l, j) => [l, j]));
  const k = dimension.levels.length;
  const counts = Array.from({ length: k + 1 }, () => new Float64Array(categories.length));
  for (let i = 0; i < dimension.values.length; i++) {
    const c = category[i]!;
    if (c < 0 || c >= categories.length) continue;
    counts[index.get(dimension.values[i]!)!]![c]!++;
    counts[k]![c]!++;
  }
  return {
    id,
    title,
    columns: [
      { key: 'level', label: dimension.name, kind: 'text' },
      ...categories.map((c) => ({ key: c, label: c, kind: 'count' as const })),
      { key: 'total', label: 'total', kind: 'count' },
    ],
    rows: [...dimension.levels, 'all'].map((level, j) => [level, ...counts[j]!, counts[j]!.reduce((a, b) => a + b, 0)]),
    notes: [`Levels: ${dimension.rule}.`, ...notes],
  };
}
