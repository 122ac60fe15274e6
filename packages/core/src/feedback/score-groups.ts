import { npsClass, npsInterval } from '../math/stats/nps-interval.js';
import { wilsonInterval } from '../math/stats/proportion-intervals.js';
import { studentTQuantile } from '../math/stats/student-t.js';

/** NPS and CSAT of one group of survey responses, each with its 95% interval and the number of answers. */
export interface ScoreGroup {
  level: string;
  /** Responses in the group (with an NPS answer, a CSAT answer or both). */
  responses: number;
  npsAnswers: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Net Promoter Score, −100…100 (NaN without NPS answers); adjusted-Wald interval (Rocks 2016). */
  nps: number;
  npsLower: number;
  npsUpper: number;
  csatAnswers: number;
  /** Mean CSAT 1–5 with its t interval clipped to 1…5 (NaN without CSAT answers or, for the interval, with one). */
  csatMean: number;
  csatLower: number;
  csatUpper: number;
  /** Share of CSAT answers that are 4 or 5 ("satisfied"), with its Wilson interval. */
  satisfiedShare: number;
  satisfiedLower: number;
  satisfiedUpper: number;
}

/** Running sums of one group. */
interface Acc {
  responses: number;
  p: number;
  pa: number;
  d: number;
  cn: number;
  cs: number;
  cs2: number;
  sat: number;
}

const newAcc = (): Acc => ({ responses: 0, p: 0, pa: 0, d: 0, cn: 0, cs: 0, cs2: 0, sat: 0 });

/** Adds one response (NaN for a question not answered). */
function add(a: Acc, nps: number, csat: number): void {
  a.responses++;
  const c = npsClass(nps);
  if (c === 2) a.p++;
  else if (c === 1) a.pa++;
  else if (c === 0) a.d++;
  if (csat >= 1 && csat <= 5) {
    a.cn++;
    a.cs += csat;
    a.cs2 += csat * csat;
    if (csat >= 4) a.sat++;
  }
}

/** The group's figures from its sums. */
function finish(level: string, a: Acc, level95: number): ScoreGroup {
  const n = npsInterval(a.p, a.pa, a.d, level95);
  const mean = a.cn > 0 ? a.cs / a.cn : NaN;
  const variance = a.cn > 1 ? Math.max(0, (a.cs2 - a.cn * mean * mean) / (a.cn - 1)) : NaN;
  const half = a.cn > 1 ? studentTQuantile(1 - (1 - level95) / 2, a.cn - 1) * Math.sqrt(variance / a.cn) : NaN;
  const w = wilsonInterval(a.sat, a.cn, level95);
  return {
    level,
    responses: a.responses,
    npsAnswers: n.answers,
    promoters: a.p,
    passives: a.pa,
    detractors: a.d,
    nps: n.nps,
    npsLower: n.lower,
    npsUpper: n.upper,
    csatAnswers: a.cn,
    csatMean: mean,
    csatLower: Math.max(1, mean - half),
    csatUpper: Math.min(5, mean + half),
    satisfiedShare: a.cn > 0 ? a.sat / a.cn : NaN,
    satisfiedLower: a.cn > 0 ? w.lower : NaN,
    satisfiedUpper: a.cn > 0 ? w.upper : NaN,
  };
}

/**
 * NPS and CSAT per level of a grouping of responses: `levelOf(i)` names the level of response `i`
 * (null leaves it out). Levels come in `order` when given (levels missing from it follow, most
 * responses first), else most responses first. NPS classes: promoters 9–10, passives 7–8,
 * detractors 0–6 (Reichheld 2003); NaN scores are questions not answered.
 *
 * @param nps - NPS answer 0–10 per response (NaN: not answered)
 * @param csat - CSAT answer 1–5 per response (NaN: not answered)
 * @param rows - indices of the responses to use
 * @param levelOf - the level of a response
 * @example
 * scoreGroups(Float64Array.of(10, 3, 8), Float64Array.of(5, NaN, 4), [0, 1, 2], () => 'all')[0].nps; // => 0
 */
export function scoreGroups(
  nps: Float64Array,
  csat: Float64Array,
  rows: ArrayLike<number>,
  levelOf: (i: number) => string | null,
  order?: readonly string[],
  level = 0.95,
): ScoreGroup[] {
  const acc = new Map<string, Acc>();
  for (const l of order ?? []) acc.set(l, newAcc());
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const l = levelOf(i);
    if (l === null) continue;
    let a = acc.get(l);
    if (!a) acc.set(l, (a = newAcc()));
    add(a, nps[i]!, csat[i]!);
  }
  const known = new Set(order ?? []);
  const rest = [...acc.keys()]
    .filter((l) => !known.has(l))
    .sort((x, y) => acc.get(y)!.responses - acc.get(x)!.responses || (x < y ? -1 : 1));
  const levels = [...(order ?? []).filter((l) => acc.get(l)!.responses > 0), ...rest];
  return levels.map((l) => finish(l, acc.get(l)!, level));
}

/** Every response in one group (the overall row). */
export function overallScores(nps: Float64Array, csat: Float64Array, rows: ArrayLike<number>, level = 0.95): ScoreGroup {
  return scoreGroups(nps, csat, rows, () => 'all', ['all'], level)[0] ?? finish('all', newAcc(), level);
}
