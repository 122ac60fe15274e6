import { InputError } from '../errors.js';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration such as `90s`, `15m`, `6h` or `1d` (a number and a unit: s, m, h, d) in milliseconds;
 * `0` or `off` is 0 (no schedule). Used by `cvm serve --refit-every` (issue 16).
 * @throws InputError `bad_duration` for anything else, saying the accepted forms
 * @example
 * parseDuration('6h', '--refit-every'); // 21600000
 */
export function parseDuration(text: string, flag: string): number {
  const t = text.trim().toLowerCase();
  if (t === '0' || t === 'off') return 0;
  const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(t);
  if (!m || !(Number(m[1]) > 0))
    throw new InputError('bad_duration', `${flag} must be a duration like 90s, 15m, 6h or 1d (or off); got "${text}"`, {
      flag,
      value: text,
    });
  return Math.round(Number(m[1]) * UNIT_MS[m[2]!]!);
}
