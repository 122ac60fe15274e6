import type { CodedText, ColumnBatch, Engine } from '../engine/engine.js';
import type { ReportColumn } from '../report/report-table.js';
import type { ServedTable } from '../tables/served-table.js';
import { isNumericColumn } from '../tables/served-table.js';

/** Name of the connection-local table that holds every customer with every score (never written to the workspace file). */
export const CUSTOMER_TABLE = 'cvm_customers';

/**
 * A column of the customer table: its report metadata and one value per customer (summary order).
 * A text column with few distinct values (a label, a date) may come as codes into its labels: loaded
 * without a string per customer, and read, sorted and filtered exactly as the same strings.
 */
export interface CustomerColumn extends ReportColumn {
  values: Float64Array | readonly string[] | CodedText;
}

/** The number of values of a column. */
function valueCount(v: CustomerColumn['values']): number {
  return 'codes' in v ? v.codes.length : v.length;
}

/**
 * Loads the customer table: `customer_id`, `ord` (the summary's order, numeric ids numerically) and
 * the given columns, one row per customer, into a temporary table the API pages, sorts, filters and
 * downloads in SQL; returns its {@link ServedTable}. Every value comes from the same arrays the
 * reports used (no second derivation of the summary or the scores).
 * @throws TypeError when a column's length differs from the ids' (a programming error)
 */
export async function loadCustomerTable(
  engine: Engine,
  customerId: readonly string[],
  columns: readonly CustomerColumn[],
  options: { title?: string; defaultSort?: string } = {},
): Promise<ServedTable> {
  const n = customerId.length;
  const batch = {
    length: n,
    f64: { ord: Float64Array.from({ length: n }, (_, i) => i + 1) },
    strings: { customer_id: [...customerId] },
    codes: {},
  } satisfies ColumnBatch as Required<ColumnBatch>;
  for (const c of columns) {
    const v = c.values;
    if (valueCount(v) !== n) throw new TypeError(`customer table column ${c.key} has ${valueCount(v)} values for ${n} customers`);
    if ('codes' in v) {
      if (isNumericColumn(c)) throw new TypeError(`customer table column ${c.key} is numeric but given as text codes`);
      batch.codes[c.key] = v;
    } else if (isNumericColumn(c)) batch.f64[c.key] = v instanceof Float64Array ? v : Float64Array.from(v, Number);
    else batch.strings[c.key] = v instanceof Float64Array ? Array.from(v, String) : [...v];
  }
  await engine.load(CUSTOMER_TABLE, batch, { order: ['ord', 'customer_id', ...columns.map((c) => c.key)] });
  const meta: ReportColumn[] = [
    { key: 'customer_id', label: 'Customer', kind: 'id', description: 'customer id as in the log' },
    ...columns.map(({ values: _v, ...c }) => c),
  ];
  const sort = options.defaultSort ?? 'net_revenue';
  return {
    id: 'customers',
    title: options.title ?? 'Customers',
    from: CUSTOMER_TABLE,
    columns: meta,
    defaultSort: sort,
    defaultDir: 'desc',
    tieBreak: 'ord',
    rowKey: 'ord',
    searchColumn: 'customer_id',
  };
}
