import { readFileSync } from 'node:fs';
import { dataPath } from './read-csv.js';

/**
 * BTYDplus' grocery event log summarised as `elog2cbs(groceryElog, T.cal = "2006-12-31",
 * T.tot = "2007-12-30")` does (weeks = days/7, same-day purchases merged): x, tₓ, T, litt (Σ ln ITT in
 * the calibration period), x.star (holdout purchases), and every customer's last two inter-purchase
 * times over the whole log (Wheat–Morrison). Test-only.
 */
export function groceryWeeks(calEnd = '2006-12-31', end = '2007-12-30') {
  const lines = readFileSync(dataPath('grocery/grocery_elog.csv'), 'utf8').trim().split('\n').slice(1);
  const cal = Date.parse(calEnd) / 86_400_000,
    tot = Date.parse(end) / 86_400_000;
  const days = new Map<number, Set<number>>();
  for (const l of lines) {
    const [id, date] = l.split(',');
    const d = Date.parse(date!) / 86_400_000;
    if (d > tot) continue;
    if (!days.has(Number(id))) days.set(Number(id), new Set());
    days.get(Number(id))!.add(d);
  }
  const ids = [...days.keys()].filter((id) => Math.min(...days.get(id)!) <= cal).sort((a, b) => a - b);
  const n = ids.length;
  const x = new Float64Array(n),
    tx = new Float64Array(n),
    T = new Float64Array(n),
    litt = new Float64Array(n),
    xstar = new Float64Array(n);
  const itt1: number[] = [],
    itt2: number[] = [];
  ids.forEach((id, i) => {
    const s = [...days.get(id)!].sort((a, b) => a - b);
    const first = s[0]!;
    T[i] = (cal - first) / 7;
    let prev = first;
    for (const d of s.slice(1)) {
      if (d <= cal) {
        x[i]++;
        tx[i] = (d - first) / 7;
        litt[i] += Math.log((d - prev) / 7);
        prev = d;
      } else xstar[i]++;
    }
    if (s.length >= 3) {
      itt1.push((s[s.length - 2]! - s[s.length - 3]!) / 7);
      itt2.push((s[s.length - 1]! - s[s.length - 2]!) / 7);
    }
  });
  return { x, tx, T, litt, xstar, itt1: Float64Array.from(itt1), itt2: Float64Array.from(itt2), holdoutWeeks: (tot - cal) / 7 };
}
