import { normalQuantile } from './normal-distribution.js';

/** A Net Promoter Score with its interval, on the −100…100 scale. */
export interface NpsEstimate {
  /** 100 × (promoters − detractors) / answers; NaN without answers. */
  nps: number;
  lower: number;
  upper: number;
  answers: number;
}

/**
 * Net Promoter Score (Reichheld 2003: promoters answer 9–10, detractors 0–6) with the adjusted-Wald
 * interval of Rocks (2016, "Interval estimation for the 'net promoter score'", The American
 * Statistician 70(4): 365–372), which Rocks found to keep its coverage best among six methods at
 * small samples and extreme scores.
 *
 * ## Method
 * The NPS is a difference of two proportions of one trinomial sample, p̂ₚ − p̂_d, with variance
 * (pₚ + p_d − (pₚ − p_d)²)/n. The adjusted interval adds 3/4 to the promoters and to the detractors
 * and 3 to n (so 3/2 to the passives): ñ = n + 3, p̃ₚ = (P + 3/4)/ñ, p̃_d = (D + 3/4)/ñ, and the
 * interval is (p̃ₚ − p̃_d) ± z·√((p̃ₚ + p̃_d − (p̃ₚ − p̃_d)²)/ñ), clipped to [−1, 1], times 100. The
 * point estimate is the plain NPS. Never throws; no answers give NaN and the interval −100…100.
 *
 * @param promoters - answers 9 or 10
 * @param passives - answers 7 or 8
 * @param detractors - answers 0 to 6
 * @param level - confidence level (default 0.95)
 * @example
 * npsInterval(50, 30, 20); // => { nps: 30, lower: 14.05…, upper: 44.20…, answers: 100 }
 */
export function npsInterval(promoters: number, passives: number, detractors: number, level = 0.95): NpsEstimate {
  const n = promoters + passives + detractors;
  const z = normalQuantile(1 - (1 - level) / 2);
  const nt = n + 3;
  const pp = (promoters + 0.75) / nt,
    pd = (detractors + 0.75) / nt;
  const d = pp - pd;
  const half = z * Math.sqrt(Math.max(0, pp + pd - d * d) / nt);
  return {
    nps: n > 0 ? (100 * (promoters - detractors)) / n : NaN,
    lower: n > 0 ? 100 * Math.max(-1, d - half) : -100,
    upper: n > 0 ? 100 * Math.min(1, d + half) : 100,
    answers: n,
  };
}

/** The NPS class of an answer 0–10: 0 detractor (0–6), 1 passive (7–8), 2 promoter (9–10); −1 otherwise. */
export function npsClass(score: number): -1 | 0 | 1 | 2 {
  if (!(score >= 0 && score <= 10) || !Number.isInteger(score)) return -1;
  return score <= 6 ? 0 : score <= 8 ? 1 : 2;
}
