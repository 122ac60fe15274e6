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

/** A plain number: integers with separators, others to 2 decimals (≥ 1) or 4 significant (< 1). */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
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

/** Formats a value of the given kind for people; null and non-finite numbers are empty. */
export function formatValue(v: Cell | undefined, kind: DisplayKind, options: FormatOptions = {}): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'number') return String(v);
  if (!Number.isFinite(v)) return '';
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
    case 'text':
    case 'id':
    case 'date':
      return String(v);
    default:
      return formatNumber(v);
  }
}

/** Formats a cell of a column (see {@link formatValue}). */
export function formatCell(v: Cell | undefined, column: ReportColumn, options: FormatOptions = {}): string {
  return formatValue(v, column.kind, options);
}
