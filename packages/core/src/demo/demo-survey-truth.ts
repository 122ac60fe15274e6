import { DEMO_BASE } from './demo-params.js';

/** The chain's outcome windows (days after the response day) whose true effects truth.json records. */
export const CHAIN_TRUTH_WINDOWS = [90, 180] as const;

/** Means over the eligible respondents under each counterfactual NPS class. */
interface WindowSums {
  stop: [number, number, number];
  purchases: [number, number, number];
}

/**
 * The true effects of the demo's survey answers on what respondents do next, in the terms the
 * satisfaction-profit chain estimates (`estimateChain`): over the respondents with an NPS answer
 * whose longest window ends by the last day, the mean probability of no purchase in the window
 * and the mean number of purchases in it, had every one of them been a detractor, a passive or a
 * promoter; their ratios are the true effects.
 *
 * ## Method
 * A respondent answers at time s (days) alive with purchase rate λ and dropout rate μ (Pareto/NBD:
 * exponential clocks), which the answer changes from s on: a detractor's μ × `detractorDropout`, a
 * promoter's λ × `promoterPurchase`. The window of w days after the response day D = ⌊s⌋ is the
 * continuous [D + 1, D + 1 + w); with a = D + 1 − s and rates (λ', μ') from s,
 *   P(no purchase) = 1 − e^{−μ'a} · λ'/(λ' + μ') · (1 − e^{−(λ'+μ')w}),
 *   E[purchases] = e^{−μ'a} · (λ'/μ') · (1 − e^{−μ'w})
 * (alive at D + 1 with probability e^{−μ'a}; then the first of a purchase and a dropout decides
 * whether there is a purchase, and purchases come at rate λ' for an Exp(μ') lifetime). Exact for
 * each respondent's rates, so the means are the sample's true average effects (no Monte Carlo).
 */
export class SurveyTruth {
  private readonly sums = CHAIN_TRUTH_WINDOWS.map((): WindowSums => ({ stop: [0, 0, 0], purchases: [0, 0, 0] }));
  private count = 0;
  private readonly longest = Math.max(...CHAIN_TRUTH_WINDOWS);

  /** @param lastDay - index of the last day of the data (days from the start) */
  constructor(private readonly lastDay: number) {}

  /** One respondent who answered the NPS question at time `s` with rates λ and μ before the answer. */
  add(s: number, lambda: number, mu: number): void {
    const D = Math.floor(s);
    if (D + this.longest > this.lastDay) return;
    this.count++;
    const a = D + 1 - s;
    const arms: [number, number][] = [
      [lambda, mu * DEMO_BASE.detractorDropout],
      [lambda, mu],
      [lambda * DEMO_BASE.promoterPurchase, mu],
    ];
    CHAIN_TRUTH_WINDOWS.forEach((w, k) => {
      const sum = this.sums[k]!;
      arms.forEach(([l, m], arm) => {
        const alive = Math.exp(-m * a);
        sum.stop[arm] += 1 - (alive * l * -Math.expm1(-(l + m) * w)) / (l + m);
        sum.purchases[arm] += (alive * l * -Math.expm1(-m * w)) / m;
      });
    });
  }

  /** The section of truth.json. */
  document(): unknown {
    const n = this.count;
    const mean = (v: number): number => v / n;
    return {
      description:
        "True average effects of the survey answers in the terms of cvm feedback's satisfaction-profit chain: over respondents with an NPS answer whose longest window ends by the last day, mean P(no purchase) and mean purchases in the window after the response day had all of them been detractors, passives or promoters (exact for each respondent's rates).",
      respondents: n,
      windows: CHAIN_TRUTH_WINDOWS.map((w, k) => {
        const s = this.sums[k]!;
        return {
          days: w,
          stop: { detractor: mean(s.stop[0]), passive: mean(s.stop[1]), promoter: mean(s.stop[2]) },
          purchases: { detractor: mean(s.purchases[0]), passive: mean(s.purchases[1]), promoter: mean(s.purchases[2]) },
          stopRatio: { detractor: s.stop[0] / s.stop[1], promoter: s.stop[2] / s.stop[1] },
          purchasesRatio: { detractor: s.purchases[0] / s.purchases[1], promoter: s.purchases[2] / s.purchases[1] },
          asymmetry: {
            harm: mean(s.stop[0] - s.stop[1]),
            help: mean(s.stop[1] - s.stop[2]),
            difference: mean(s.stop[0] + s.stop[2] - 2 * s.stop[1]),
          },
        };
      }),
    };
  }
}
