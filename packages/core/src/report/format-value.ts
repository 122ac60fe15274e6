import type { Cell, ReportColumn, DisplayKind } from './report-table.js';

/**
 * Human formatting of a cell by its column kind, shared by the CLI's table format and the
 * dashboard, so that both show the same text for the same number (en-US separators).
 */
export interface FormatOptions {
  /** Currency symbol or code shown with money, e.g. "$" or "EUR" (default none). */
  currency?: string;
}

const sep = (v: number, digits: number, minDigits = digits): string =>
  v.toLocaleString('en-US', { minimumFractionDigits: minDigits, maximumFractionDigits: digits });

/**
 * A plain number: integers with separators, others to 2 decimals (≥ 1) or 4 significant (< 1).
 * With `decimals`, integers and values ≥ 1 get exactly that many decimals (a column that reads alike).
 * @example
 * formatNumber(6); // => '6'
 * formatNumber(6, 2); // => '6.00'
 * formatNumber(0.012345, 2); // => '0.01235'
 */
export function formatNumber(v: number, decimals?: number): string {
  if (!Number.isFinite(v)) return '';
  const a = Math.abs(v);
  if (decimals !== undefined && (a >= 1 || Number.isInteger(v))) return sep(v, decimals);
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  if (a >= 1) return sep(v, 2);
  return Number(v.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 10 });
}

/** Money: 2 decimals with separators, with the currency when given ("$1,240.50", "1,240.50 EUR"). */
export function formatMoney(v: number, currency?: string): string {
  if (!Number.isFinite(v)) return '';
  const s = sep(Math.abs(v), 2);
  const sign = v < 0 ? '-' : '';
  if (!currency) return sign + s;
  return currency.length === 1 ? `${sign}${currency}${s}` : `${sign}${s} ${currency}`;
}

/** A share or probability 0..1 as a percentage: 1 decimal, or more for tiny nonzero values. */
export function formatPercent(v: number): string {
  if (!Number.isFinite(v)) return '';
  const p = 100 * v;
  if (p !== 0 && Math.abs(p) < 0.1) return `${Number(p.toPrecision(2))}%`;
  return `${p.toFixed(1)}%`;
}

/**
 * A difference of two rates (a fraction: 0.045) in percentage points with its sign: "+4.5 pp",
 * "-0.25 pp" (2 significant digits below 1 point, as {@link formatPercent} does for tiny shares).
 * @example
 * formatPoints(0.0452); // => '+4.5 pp'
 */
export function formatPoints(v: number): string {
  if (!Number.isFinite(v)) return '';
  const p = 100 * v;
  const a = Math.abs(p);
  const text = a === 0 ? '0.0' : a < 1 ? String(Number(a.toPrecision(2))) : a.toFixed(1);
  return `${p > 0 ? '+' : p < 0 ? '-' : ''}${text} pp`;
}

/**
 * A p-value: 3 decimals, "<0.001" below 0.001 (more digits claim a precision the normal and t
 * approximations behind the tests do not have), "1.000" at 1.
 * @example
 * formatPValue(0.0123); // => '0.012'
 */
export function formatPValue(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (v < 0.001) return '<0.001';
  return Math.min(1, v).toFixed(3);
}

/** Formats a value of the given kind for people; null and non-finite numbers are empty. */
export function formatValue(v: Cell | undefined, kind: DisplayKind, options: FormatOptions = {}): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return '';
  if (v === 0) v = 0; // -0 (e.g. 0 × −1) is shown as 0
  switch (kind) {
    case 'count':
      return Math.round(v).toLocaleString('en-US');
    case 'money':
      return formatMoney(v, options.currency);
    case 'share':
    case 'probability':
      return formatPercent(v);
    case 'ratio':
      return `${sep(v, 2)}×`;
    case 'points':
      return formatPoints(v);
    case 'p_value':
      return formatPValue(v);
    case 'text':
    case 'id':
    case 'date':
      return String(v);
    default:
      return formatNumber(v);
  }
}

/** Formats a cell of a column (see {@link formatValue}); a coded value shows its label (`column.codes`), a number column its `decimals`. */
export function formatCell(
  v: Cell | undefined,
  column: Pick<ReportColumn, 'kind' | 'codes' | 'decimals'>,
  options: FormatOptions = {},
): string {
  if (typeof v === 'string' && column.codes && Object.hasOwn(column.codes, v)) return column.codes[v]!;
  if (column.kind === 'number' && column.decimals !== undefined && typeof v === 'number')
    return formatNumber(v === 0 ? 0 : v, column.decimals);
  return formatValue(v, column.kind, options);
}
