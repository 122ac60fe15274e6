import { readFileSync } from 'node:fs';
import type { Covariates } from '../../src/models/covariates/covariate-types.js';
import type { RfmData } from '../../src/models/shared/model-types.js';
import { dataPath, readNumericCsv } from './read-csv.js';

/**
 * CLVTools' apparel data summarised as CLVTools does for `clvdata(..., time.unit = "week",
 * estimation.split = 104)`: same-day transactions merged, estimation period 2005-01-02..2006-12-31
 * (inclusive), x = purchase days − 1, tₓ and T in weeks (days / 7) from the first purchase. Test-only
 * (the product computes summaries in SQL); returns the static covariates aligned to the customers.
 */
export function apparelWeeks(end = '2006-12-31'): { rfm: RfmData; gender: Float64Array; channel: Float64Array; ids: number[] } {
  const lines = readFileSync(dataPath('apparel/apparel_trans.csv'), 'utf8').trim().split('\n').slice(1);
  const endDay = Date.parse(end) / 86_400_000;
  const days = new Map<number, Set<number>>();
  for (const l of lines) {
    const [id, date] = l.split(',');
    const d = Date.parse(date!) / 86_400_000;
    if (d > endDay) continue;
    const k = Number(id);
    if (!days.has(k)) days.set(k, new Set());
    days.get(k)!.add(d);
  }
  const ids = [...days.keys()].sort((a, b) => a - b);
  const x = new Float64Array(ids.length),
    tx = new Float64Array(ids.length),
    T = new Float64Array(ids.length);
  ids.forEach((id, i) => {
    const s = [...days.get(id)!];
    const first = Math.min(...s),
      last = Math.max(...s);
    x[i] = s.length - 1;
    tx[i] = (last - first) / 7;
    T[i] = (endDay - first) / 7;
  });
  const cov = readNumericCsv(dataPath('apparel/apparel_static_cov.csv'));
  const at = new Map<number, number>();
  cov.Id!.forEach((id, i) => at.set(id, i));
  const pick = (col: Float64Array): Float64Array => Float64Array.from(ids, (id) => col[at.get(id)!]!);
  return { rfm: { x, tx, T }, gender: pick(cov.Gender!), channel: pick(cov.Channel!), ids };
}

/** Gender and Channel as one covariate set. */
export function genderChannel(a: { gender: Float64Array; channel: Float64Array }): Covariates {
  return { names: ['Gender', 'Channel'], columns: [a.gender, a.channel] };
}
