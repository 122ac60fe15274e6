/**
 * The one output module: every command hands it a {@link Output} and the chosen format.
 * `table` is for people (aligned columns, units in headings); `json`, `ndjson` and `csv` are for
 * machines (full precision, no decoration). Default: `table` on a TTY, machine output otherwise.
 */
import { columnHeading, csvLine, formatCell, type DisplayKind, type ReportSection, type ReportTable } from '@cvm/core/report';

export type Format = 'table' | 'json' | 'ndjson' | 'csv';
export const FORMATS: readonly Format[] = ['table', 'json', 'ndjson', 'csv'];

export type Cell = string | number | boolean | null;

/**
 * A table's rows: an array, or rows made on demand (see {@link lazyRows}), so a million-row table is
 * written as a stream without every row held at once (issue 18).
 */
export interface RowSource {
  readonly length: number;
  slice(start?: number, end?: number): Cell[][];
}

/**
 * Rows made one at a time by `rowAt(0 … count − 1)` when a piece of the table is rendered.
 * @example
 * lazyRows(3, (i) => [i, i * i]).slice(1); // → [[1, 1], [2, 4]]
 */
export function lazyRows(count: number, rowAt: (i: number) => Cell[]): RowSource {
  return {
    length: count,
    slice(start = 0, end = count) {
      const out: Cell[][] = [];
      for (let i = Math.max(0, start); i < Math.min(end, count); i++) out.push(rowAt(i));
      return out;
    },
  };
}

export interface Table {
  title?: string;
  /** Headings shown in `table` format (with units). */
  columns: string[];
  /** Machine names for CSV headers and NDJSON keys (default: `columns`). */
  keys?: string[];
  /** How each column is shown to people (default: by the value's type). */
  kinds?: DisplayKind[];
  /** Per column, the words shown to people for coded values (`ReportColumn.codes`). */
  codes?: (Readonly<Record<string, string>> | undefined)[];
  rows: RowSource;
  /** Printed under the table in `table` format (rules, units, cut points). */
  notes?: string[];
}

/** A core report table as a CLI table: headings with units for people, keys for machines. */
export function fromReportTable(t: ReportTable): Table {
  return {
    title: t.title,
    columns: t.columns.map(columnHeading),
    keys: t.columns.map((c) => c.key),
    kinds: t.columns.map((c) => c.kind),
    codes: t.columns.map((c) => c.codes),
    rows: t.rows,
    notes: t.notes,
  };
}

/** A core report section as CLI output: its title and lines, its warnings, then its tables. */
export function sectionOutput(s: ReportSection): Output {
  return {
    text: ['', ...(s.title ? [s.title] : []), ...s.lines, ...s.warnings.map((w) => `Warning: ${w}`)],
    tables: s.tables.map(fromReportTable),
    json: s,
  };
}

export interface Output {
  /** Lines of text shown before the tables in `table` format. */
  text?: string[];
  /** Tables shown in `table` format; the first one is the CSV/NDJSON payload. */
  tables: Table[];
  /** The JSON payload (a getter is read only when the format is json, so a large one is built only then). */
  json: unknown;
  /** How many rows to show per table on a terminal (rest summarised). */
  maxTableRows?: number;
  /** Further sections shown after this one's text and tables in `table` format (each its text, then its tables). */
  sections?: Output[];
}

export function defaultFormat(isTTY: boolean, machine: Format = 'json'): Format {
  return isTTY ? 'table' : machine;
}

/** Human formatting: integers with separators, other numbers to 4 significant decimals. */
export function human(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return String(v);
    if (Number.isInteger(v)) return v.toLocaleString('en-US');
    const abs = Math.abs(v);
    const digits = abs >= 1000 ? 2 : abs >= 1 ? 4 : 6;
    return Number(v.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
  }
  return String(v);
}

function renderTable(t: Table, maxRows: number): string[] {
  const kinds = t.kinds;
  const head = t.rows.slice(0, maxRows);
  const shown = head.map((r) => r.map((v, j) => (kinds ? formatCell(v, { kind: kinds[j]!, codes: t.codes?.[j] }) : human(v))));
  const widths = t.columns.map((c, j) => Math.max(c.length, ...shown.map((r) => (r[j] ?? '').length)));
  const numeric = t.columns.map((_, j) =>
    kinds ? !['text', 'id', 'date'].includes(kinds[j]!) : head.every((r) => r[j] === null || typeof r[j] === 'number'),
  );
  const line = (cells: string[]): string =>
    cells
      .map((c, j) => (numeric[j] ? c.padStart(widths[j]!) : c.padEnd(widths[j]!)))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (t.title) out.push(t.title);
  out.push(line(t.columns), widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of shown) out.push(line(r));
  if (t.rows.length > maxRows) out.push(`… ${(t.rows.length - maxRows).toLocaleString('en-US')} more rows (use --format csv for all)`);
  for (const n of t.notes ?? []) out.push(n);
  return out;
}

/** Rows per piece when a table is written as a stream (`renderChunks`). */
const ROWS_PER_CHUNK = 10_000;

const finiteOrNull = (_: string, v: unknown): unknown => (typeof v === 'number' && !Number.isFinite(v) ? null : v);

/**
 * Renders an output in a format as a sequence of pieces: CSV and NDJSON tables in pieces of 10,000
 * rows, so a million-row table is written as a stream instead of one string the size of the file
 * (issue 18); the other formats as one piece. The pieces joined are `render(output, format)`.
 */
export function* renderChunks(output: Output, format: Format): Generator<string> {
  const t = output.tables[0];
  if ((format !== 'csv' && format !== 'ndjson') || (format === 'ndjson' && !t)) {
    yield render(output, format);
    return;
  }
  if (!t) return;
  const keys = t.keys ?? t.columns;
  if (format === 'csv') yield csvLine(keys);
  const line =
    format === 'csv'
      ? csvLine
      : (r: unknown[]) => JSON.stringify(Object.fromEntries(keys.map((c, j) => [c, r[j] ?? null])), finiteOrNull) + '\n';
  for (let i = 0; i < t.rows.length; i += ROWS_PER_CHUNK) {
    let piece = '';
    for (const r of t.rows.slice(i, i + ROWS_PER_CHUNK)) piece += line(r);
    yield piece;
  }
}

/** Renders an output in a format, as one string ending in a newline. */
export function render(output: Output, format: Format): string {
  switch (format) {
    case 'json':
      return JSON.stringify(output.json, finiteOrNull, 2) + '\n';
    case 'ndjson':
    case 'csv': {
      if (!output.tables[0]) return format === 'csv' ? '' : JSON.stringify(output.json) + '\n';
      return [...renderChunks(output, format)].join('');
    }
    case 'table': {
      const parts: string[] = [...(output.text ?? [])];
      for (const t of output.tables) {
        if (parts.length) parts.push('');
        parts.push(...renderTable(t, output.maxTableRows ?? 50));
      }
      for (const section of output.sections ?? []) parts.push(render(section, 'table').replace(/\n$/, ''));
      return parts.join('\n') + '\n';
    }
  }
}
