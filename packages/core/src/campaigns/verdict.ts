import type { Comparison } from './compare-arms.js';

/** A number for a sentence: 2 decimals at ≥ 0.1 in size, else 2 significant digits; minus sign "−". */
function num(v: number): string {
  const a = Math.abs(v);
  const s =
    a >= 0.1 || a === 0
      ? a.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
      : String(Number(a.toPrecision(2)));
  return v < 0 ? `−${s}` : s;
}

/** Percentage points: 1 decimal at ≥ 1 point, else 2. */
function points(v: number): string {
  const p = 100 * v;
  const s = Math.abs(p) >= 1 ? Math.abs(p).toFixed(1) : Math.abs(p).toFixed(2);
  return p < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** The effect of one significant comparison in words; `first` adds "95% CI" to the interval. */
function effectPhrase(c: Comparison, level: number, first: boolean): string {
  const ci = first ? `${Math.round(level * 100)}% CI ` : '';
  if (c.kind === 'rate') {
    const dir = c.difference >= 0 ? 'a lift' : 'a drop';
    return `${dir} of ${points(Math.abs(c.difference))} points (${ci}${points(c.lower)} to ${points(c.upper)}) in ${c.label}`;
  }
  const dir = c.difference >= 0 ? 'more' : 'less';
  return `${num(Math.abs(c.difference))} ${dir} ${c.label} (${ci}${num(c.lower)} to ${num(c.upper)})`;
}

/** The interval of a comparison that shows no clear effect. */
function unclearPhrase(c: Comparison): string {
  return c.kind === 'rate' ? `${c.label} ${points(c.lower)} to ${points(c.upper)} points` : `${c.label} ${num(c.lower)} to ${num(c.upper)}`;
}

/**
 * The verdict of one test arm in words, from its comparisons with the control: the effects whose
 * interval excludes 0, e.g. "a lift of 4.5 points (95% CI 3.9 to 5.1) in visits; 0.43 more revenue
 * per customer (0.27 to 0.59)", then the outcomes without a clear effect; or "not distinguishable
 * from no effect (…intervals…)" when none is clear.
 *
 * @example
 * armVerdict(comparisonsOfArm, 0.95); // => 'a lift of 7.7 points (95% CI 7.0 to 8.3) in visit; …' (Hillstrom, Mens E-Mail)
 */
export function armVerdict(comparisons: readonly Comparison[], level: number): string {
  const clear = comparisons.filter((c) => c.significant);
  const unclear = comparisons.filter((c) => !c.significant);
  if (clear.length === 0) {
    return `not distinguishable from no effect (${Math.round(level * 100)}% CI: ${unclear.map(unclearPhrase).join('; ')})`;
  }
  const parts = clear.map((c, i) => effectPhrase(c, level, i === 0));
  if (unclear.length > 0) parts.push(`no clear effect on ${unclear.map(unclearPhrase).join('; ')}`);
  return parts.join('; ');
}
