/** Number formatting shared by every page (en-US, fixed digits), so a page's text is checkable against the API. */
export const int = (v: number): string => Math.round(v).toLocaleString('en-US');
export const money = (v: number): string => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
export const num = (v: number): string => {
  if (!Number.isFinite(v)) return '';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  return v.toLocaleString('en-US', { maximumFractionDigits: a >= 1000 ? 2 : a >= 1 ? 2 : 4, minimumFractionDigits: a >= 1 ? 2 : 0 });
};
export const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' ? num(v) : String(v));
/** A time stamp for people: "2026-12-06 20:24 UTC" (the API's ISO time stamps are UTC). */
export const when = (iso: string): string => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso);
