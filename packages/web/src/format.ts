/** Number formatting shared by every page (en-US, fixed digits), so a page's text is checkable against the API. */
export const int = (v: number): string => Math.round(v).toLocaleString('en-US');
/** Money with two decimals; a value the API could not compute (null, NaN) shows as a dash. */
export const money = (v: number | null): string =>
  v === null || !Number.isFinite(v) ? '—' : v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** A share as a percentage with one decimal; null or NaN (nothing to divide by) shows as a dash. */
export const pct = (v: number | null): string => (v === null || !Number.isFinite(v) ? '—' : `${(100 * v).toFixed(1)}%`);
export const num = (v: number | null): string => {
  if (v === null || !Number.isFinite(v)) return '';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  return v.toLocaleString('en-US', { maximumFractionDigits: a >= 1000 ? 2 : a >= 1 ? 2 : 4, minimumFractionDigits: a >= 1 ? 2 : 0 });
};
export const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' ? num(v) : String(v));
/** An ISO timestamp as people read it: "2026-12-06 20:49 UTC" (a bare date stays as it is). */
export const when = (iso: unknown): string => {
  if (typeof iso !== 'string') return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
};
/** Replaces every full ISO timestamp (2026-12-06T20:49:26.123Z) in a sentence by {@link when}'s form. */
export const timestampsReadable = (text: string): string =>
  text.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g, (m) => when(m));

let currencyLoad: Promise<string | null> | undefined;
let currencyNow: string | null = null;
/**
 * The currency of amounts from /api/settings (`cvm serve --currency`, else the cost model's), read
 * once; null when the server does not know it. Pages await it before they render amounts.
 */
export function loadCurrency(fetchSettings: () => Promise<{ currency: string | null }>): Promise<string | null> {
  currencyLoad ??= fetchSettings().then(
    (s) => (currencyNow = s.currency),
    () => null,
  );
  return currencyLoad;
}
/** The unit word for amounts: the currency ("USD", "$") once known, else "the log's currency". */
export const cur = (): string => currencyNow ?? "the log's currency";

/**
 * The two meanings of "value tier" under two names (issue 20): tiers ranked by predicted CLV are
 * "CLV tiers", by historic net revenue "revenue tiers" (Migration, Profitability, segment history),
 * by profit "profit tiers". `basis` is what the tier ranks.
 */
export function tierWords(valueKind: string): { name: string; basis: string } {
  return valueKind === 'clv'
    ? { name: 'CLV tier', basis: 'predicted CLV' }
    : valueKind === 'profit'
      ? { name: 'profit tier', basis: 'profit' }
      : { name: 'revenue tier', basis: 'historic net revenue' };
}
