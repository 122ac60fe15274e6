/**
 * One declaration per report table. A report's computation in core returns a plain object; its
 * tables (columns with labels, units, kinds and descriptions, plus the rule texts shown under them)
 * are declared once here with {@link defineTable} and rendered by every surface: the CLI
 * (table/json/ndjson/csv), the API (JSON and CSV) and the dashboard (headers, tooltips, cells).
 * This module is pure (no Node or database imports) so the dashboard bundles it.
 */

/** How a column's values are shown to people (machine formats always carry the raw value). */
export type DisplayKind =
  | 'text' // free text, shown as is
  | 'id' // an identifier (customer, product): text, never summed
  | 'count' // a whole number of things (customers, purchases): thousands separators, no currency
  | 'money' // an amount of money: 2 decimals with separators and the currency
  | 'number' // any other quantity: up to 4 significant decimals
  | 'share' // a fraction 0..1 of a whole: shown as a percentage with 1 decimal
  | 'probability' // a probability 0..1: shown as a percentage
  | 'ratio' // a multiple such as lift or LTV:CAC: 2 decimals and "×"
  | 'points' // a difference of two rates, as a fraction (0.045): shown signed in percentage points, "+4.5 pp"
  | 'p_value' // a p-value 0..1: 3 decimals, "<0.001" below 0.001
  | 'date' // an ISO date YYYY-MM-DD
  | 'duration'; // a length of time in the column's unit (days, weeks, months)

/** A cell value: numbers stay numbers (NaN/±Infinity mean "no value"), everything else text. */
export type Cell = string | number | boolean | null;

/** A column of a report table: machine key, human label, kind, unit and meaning. */
export interface ReportColumn {
  /** Machine name: the JSON key, the CSV header and the NDJSON field. snake_case. */
  key: string;
  /** Human header, e.g. "Expected purchases". */
  label: string;
  kind: DisplayKind;
  /** Unit and period, e.g. "weeks", "next 52 weeks", "USD". Shown beside the label. */
  unit?: string;
  /** One sentence a tooltip or `--help` can show. */
  description?: string;
  /**
   * A coded text column's words for people: code → label (e.g. `re_pricing` → "Re-pricing"). The
   * table format and the dashboard show the label; JSON, NDJSON and CSV keep the code.
   */
  codes?: Readonly<Record<string, string>>;
  /**
   * A `number` column's decimals for people, so that a column reads alike (2.50, 6.00, not 2.50, 6):
   * every value ≥ 1 (and every whole number) with exactly this many; a fraction below 1 keeps 4
   * significant digits. Without it, whole numbers show no decimals and others 2. Machine formats keep the value.
   */
  decimals?: number;
  /** Written when its row is read (shown or exported), not stored: it cannot be sorted or filtered on. */
  perRow?: boolean;
}

/** A rendered table: column metadata and rows of cells, ready for any surface. */
export interface ReportTable {
  /** Stable id, e.g. "profit.matrix"; the API's `?table=` and the CSV file name use it. */
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  /** Rules, cut points and units shown under the table. */
  notes: string[];
}

/** A column declaration: its metadata plus how to read the value from a row object. */
export interface ColumnSpec<Row> extends ReportColumn {
  value: (row: Row) => Cell;
}

/** A table declared once: call it with the rows (and notes) to get a {@link ReportTable}. */
export interface TableSpec<Row> {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  (rows: readonly Row[], options?: { title?: string; notes?: readonly string[] }): ReportTable;
}

/**
 * Declares a report table once.
 * @example
 * const tiers = defineTable<TierRow>('segments.tiers', 'Value tiers', [
 *   { key: 'tier', label: 'Tier', kind: 'text', value: (r) => r.name },
 *   { key: 'customers', label: 'Customers', kind: 'count', value: (r) => r.count },
 * ]);
 * tiers([{ name: 'Gold', count: 12 }]).rows; // → [['Gold', 12]]
 */
export function defineTable<Row>(id: string, title: string, columns: readonly ColumnSpec<Row>[]): TableSpec<Row> {
  const meta: ReportColumn[] = columns.map(({ value: _value, ...c }) => c);
  const render = (rows: readonly Row[], options: { title?: string; notes?: readonly string[] } = {}): ReportTable => ({
    id,
    title: options.title ?? title,
    columns: meta.map((c) => ({ ...c })),
    rows: rows.map((r) => columns.map((c) => c.value(r))),
    notes: [...(options.notes ?? [])],
  });
  return Object.assign(render, { id, title, columns: meta });
}

/** The header text of a column for people: label plus unit in parentheses. */
export function columnHeading(c: ReportColumn): string {
  return c.unit ? `${c.label} (${c.unit})` : c.label;
}

/** A table's rows as objects keyed by column key (for JSON and NDJSON). */
export function tableRecords(t: ReportTable): Record<string, Cell>[] {
  return t.rows.map((r) => Object.fromEntries(t.columns.map((c, j) => [c.key, normalizeCell(r[j])])));
}

/** Non-finite numbers and undefined become null, so JSON never carries NaN or Infinity. */
export function normalizeCell(v: Cell | undefined): Cell {
  if (v === undefined) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/** One page of a served table as JSON (the API's table responses; see `tables/table-page.ts`). */
export interface TablePageJson {
  table: string;
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  sort: string;
  dir: 'asc' | 'desc';
  q: string | null;
  filter: string[];
}
