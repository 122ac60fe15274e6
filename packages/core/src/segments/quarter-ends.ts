/**
 * The last day of each calendar quarter within [first, last] (ISO dates, inclusive), oldest first:
 * the snapshot days of quarterly migration views.
 * @example quarterEnds('1997-01-01', '1998-06-29'); // → ['1997-03-31', …, '1997-12-31', '1998-03-31']
 */
export function quarterEnds(first: string, last: string): string[] {
  const out: string[] = [];
  let y = Number(first.slice(0, 4)),
    q = Math.floor((Number(first.slice(5, 7)) - 1) / 3);
  for (;;) {
    const end = new Date(Date.UTC(y, 3 * q + 3, 0)).toISOString().slice(0, 10);
    if (end > last) break;
    if (end >= first) out.push(end);
    q++;
    if (q === 4) {
      q = 0;
      y++;
    }
  }
  return out;
}
