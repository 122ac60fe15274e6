import type { ModelsStage } from '../analysis/analysis.js';
import { scoreColumns, summaryColumns } from '../customers/customer-columns.js';
import { customerValue, type CustomerColumn } from '../customers/customer-table.js';
import type { CustomerSummary } from '../summary/summary.js';

/**
 * The customer table's summary and score columns of a refreshed summary (issue 16), with an id
 * index: what a customer's detail shows for the columns an incremental refresh keeps current while
 * the rest of the table (segments, profit, retention, …) reflects the version it was built at.
 */
export function refreshedColumns(
  overview: { summary: CustomerSummary },
  models: ModelsStage,
): { columns: CustomerColumn[]; index: Map<string, number> } {
  const s = overview.summary;
  const columns = summaryColumns(s);
  if (models.status === 'ok') columns.push(...scoreColumns({ ...models.scores, clvBand: undefined }, models.report.units!.horizon));
  return { columns, index: new Map(s.customerId.map((id, i) => [id, i])) };
}

/** One customer's row of {@link refreshedColumns} (non-finite numbers as null, the CLV interval null until the next re-fit); `gone` when the customer is not in the summary. */
export function refreshedRowOf(
  c: { columns: CustomerColumn[]; index: Map<string, number> },
  id: string,
): Record<string, string | number | null> | 'gone' {
  const i = c.index.get(id);
  if (i === undefined) return 'gone';
  const row: Record<string, string | number | null> = { customer_id: id, clv_lo: null, clv_hi: null };
  for (const col of c.columns) {
    // a coded text column (see engine/coded-text.ts) gives its label, a per-row one its text
    const v = customerValue(col.values, i);
    row[col.key] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
  }
  return row;
}
