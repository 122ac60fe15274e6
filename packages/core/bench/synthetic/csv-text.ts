/** Fast, allocation-light text for the synthetic CSV: fixed-width timestamps and cent amounts. */

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** `YYYY-MM-DD` for each day 0 … days−1 after `start` (UTC). */
export function dayStrings(start: string, days: number): string[] {
  const t0 = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: days }, (_, d) => new Date(t0 + d * 86_400_000).toISOString().slice(0, 10));
}

/**
 * `YYYY-MM-DD HH:MM:SS` of a fractional day (seconds truncated); always 19 characters, so
 * timestamps sort as text.
 */
export function timestampText(days: readonly string[], time: number): string {
  const d = Math.floor(time);
  const s = Math.floor((time - d) * 86_400);
  const h = (s / 3600) | 0;
  const m = ((s % 3600) / 60) | 0;
  return `${days[d]} ${PAD2[h]}:${PAD2[m]}:${PAD2[s % 60]}`;
}

/** A cent amount as decimal text with two places: 1234 → "12.34", −5 → "-0.05". */
export function centsText(cents: number): string {
  const a = cents < 0 ? -cents : cents;
  const r = a % 100;
  return `${cents < 0 ? '-' : ''}${(a - r) / 100}.${r < 10 ? '0' : ''}${r}`;
}
