import type { Cell, ReportTable } from './report-table.js';

/**
 * The one CSV writer (RFC 4180) used by the CLI, the API and the dashboard's exports.
 * - Text starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so that
 *   spreadsheet programs do not run it as a formula (OWASP "CSV injection"), unless the text is a
 *   plain number ("-5.00", "+3e2"): numbers and numeric text stay as they are, so negative amounts
 *   survive a round trip (quarantine exports are re-ingested).
 * - Numbers are written with at most 15 significant digits, which removes binary float noise
 *   (6552.700000000001 → 6552.7) while keeping every digit a double can carry reliably.
 * - Non-finite numbers and null are empty cells.
 */

/** A number as CSV text: ≤ 15 significant digits, no exponent for ordinary magnitudes. */
export function csvNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  return String(Number(v.toPrecision(15)));
}

/**
 * A text in double quotes, inner quotes doubled (RFC 4180), nothing else changed. The quoting of
 * every CSV cvm writes: {@link csvCell} for the files people open, and as it is (no formula guard,
 * which would change the data) for the files cvm stages for its own database loads (segment
 * snapshots, campaign assignments), which must read back exactly as written.
 * @example csvQuoted('say "hi", =1'); // → '"say ""hi"", =1"'
 */
export const csvQuoted = (s: string): string => `"${s.replaceAll('"', '""')}"`;

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One CSV cell, quoted when needed and neutralised against formula injection. */
export function csvCell(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return csvNumber(v);
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? csvQuoted(s) : s;
}

/** One CSV line, ending in `\n`. */
export function csvLine(cells: readonly (Cell | undefined)[]): string {
  let s = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) s += ',';
    s += csvCell(cells[i]);
  }
  return s + '\n';
}

/**
 * A report table as CSV: a header of column keys, then one line per row.
 * @example
 * tableToCsv({ id: 't', title: 'T', columns: [{ key: 'a', label: 'A', kind: 'text' }], rows: [['=1']], notes: [] });
 * // → "a\n'=1\n"
 */
export function tableToCsv(t: ReportTable): string {
  let s = csvLine(t.columns.map((c) => c.key));
  for (const r of t.rows) s += csvLine(r);
  return s;
}
