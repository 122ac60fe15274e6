/** One CSV cell (RFC 4180 quoting; non-finite numbers empty). Cells starting with = + - @ are
 * prefixed with a quote so spreadsheet programs do not run them as formulas. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A CSV line (with its newline). Numbers take a short path (they never need quoting). */
export function csvLine(cells: readonly unknown[]): string {
  let s = '';
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (i > 0) s += ',';
    s += typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : csvCell(v);
  }
  return s + '\n';
}
