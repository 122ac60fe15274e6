import type { CodedText, ColumnBatch, Engine } from '../engine/engine.js';
import type { ReportColumn } from '../report/report-table.js';
import type { ServedTable } from '../tables/served-table.js';
import { isNumericColumn } from '../tables/served-table.js';
import { sqlIdent } from '../engine/sql.js';

/** Name of the connection-local table that holds every customer with every score (never written to the workspace file). */
export const CUSTOMER_TABLE = 'cvm_customers';

/**
 * A column of the customer table: its report metadata and one value per customer (summary order).
 * A text column with few distinct values (a label, a date) may come as codes into its labels: loaded
 * without a string per customer, and read, sorted and filtered exactly as the same strings. A text
 * column that is costly to hold for every customer and read a page at a time (retention's reasons in
 * words) may come as a function of the customer's index instead (`PerRowText`): written when its row
 * is read, never stored, and so neither sorted nor filtered on.
 */
export interface CustomerColumn extends ReportColumn {
  values: Float64Array | readonly string[] | CodedText | PerRowText | SqlNumber;
}

/**
 * A numeric column that is a simple function of stored ones: computed by SQL when read (never
 * stored), `sql` over other columns' names (built in core, never user text; the same in every
 * dialect), `at(i)` the same value in JS for one customer (a customer's refreshed row, tests).
 */
export interface SqlNumber {
  length: number;
  sql: string;
  at: (i: number) => number;
}

/** A text column written per row read: the text of the customer at summary index `i` (0-based). */
export interface PerRowText {
  length: number;
  text: (i: number) => string;
}

/** The number of values of a column. */
function valueCount(v: CustomerColumn['values']): number {
  return 'codes' in v ? v.codes.length : v.length;
}

/** The value of a column for the customer at index `i`: a number or a text (a coded or per-row column's text). */
export function customerValue(v: CustomerColumn['values'], i: number): number | string {
  if ('codes' in v) return v.labels[v.codes[i]!]!;
  if ('text' in v) return v.text(i);
  if ('sql' in v) return v.at(i);
  return v[i]!;
}

/**
 * Loads the customer table: `customer_id`, `ord` (the summary's order, numeric ids numerically) and
 * the given columns, one row per customer, into a temporary table the API pages, sorts, filters and
 * downloads in SQL; returns its {@link ServedTable}. Every value comes from the same arrays the
 * reports used (no second derivation of the summary or the scores). Only what must be is stored (the
 * cost of the load and its memory grow per stored column): an `SqlNumber` column is computed in the
 * table's `from` when read, a `PerRowText` one written per row read (`ServedTable.perRow`).
 * `options.table` names the temporary table (default {@link CUSTOMER_TABLE}; a name of core's, never user text).
 * @throws TypeError when a column's length differs from the ids' (a programming error)
 */
export async function loadCustomerTable(
  engine: Engine,
  customerId: readonly string[],
  columns: readonly CustomerColumn[],
  options: { title?: string; defaultSort?: string; table?: string } = {},
): Promise<ServedTable> {
  const n = customerId.length;
  const batch = {
    length: n,
    f64: { ord: Float64Array.from({ length: n }, (_, i) => i + 1) },
    strings: { customer_id: [...customerId] },
    codes: {},
  } satisfies ColumnBatch as Required<ColumnBatch>;
  const perRow: Record<string, (ord: number) => string> = {};
  const computed: string[] = [];
  for (const c of columns) {
    const v = c.values;
    if (valueCount(v) !== n) throw new TypeError(`customer table column ${c.key} has ${valueCount(v)} values for ${n} customers`);
    if ('sql' in v) {
      if (!isNumericColumn(c)) throw new TypeError(`customer table column ${c.key} is text but given as an SQL number`);
      computed.push(`${v.sql} AS ${sqlIdent(c.key)}`);
    } else if ('text' in v) {
      if (isNumericColumn(c)) throw new TypeError(`customer table column ${c.key} is numeric but given as per-row text`);
      const text = v.text;
      perRow[c.key] = (ord) => (ord >= 1 && ord <= n ? text(ord - 1) : '');
    } else if ('codes' in v) {
      if (isNumericColumn(c)) throw new TypeError(`customer table column ${c.key} is numeric but given as text codes`);
      batch.codes[c.key] = v;
    } else if (isNumericColumn(c)) batch.f64[c.key] = v instanceof Float64Array ? v : Float64Array.from(v, Number);
    else batch.strings[c.key] = v instanceof Float64Array ? Array.from(v, String) : [...v];
  }
  const stored = columns.filter((c) => !perRow[c.key] && !('sql' in c.values)).map((c) => c.key);
  const table = options.table ?? CUSTOMER_TABLE;
  await engine.load(table, batch, { order: ['ord', 'customer_id', ...stored] });
  const meta: ReportColumn[] = [
    { key: 'customer_id', label: 'Customer', kind: 'id', description: 'customer id as in the log' },
    ...columns.map(({ values: _v, ...c }) => (perRow[c.key] ? { ...c, perRow: true } : c)),
  ];
  const sort = options.defaultSort ?? 'net_revenue';
  return {
    id: 'customers',
    title: options.title ?? 'Customers',
    from: computed.length ? `(SELECT *, ${computed.join(', ')} FROM ${table})` : table,
    columns: meta,
    defaultSort: sort,
    defaultDir: 'desc',
    tieBreak: 'ord',
    rowKey: 'ord',
    searchColumn: 'customer_id',
    ...(Object.keys(perRow).length ? { perRow: { key: 'ord', columns: perRow } } : {}),
  };
}
