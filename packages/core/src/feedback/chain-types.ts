/** What the satisfaction-profit chain is estimated from: one respondent per row. */
export interface ChainInput {
  /** NPS class of each respondent's answer: 0 detractor (0–6), 1 passive (7–8), 2 promoter (9–10). */
  npsClass: Uint8Array;
  /** What each respondent did before answering (the controls). */
  covariates: { name: string; label: string; values: Float64Array }[];
  /** Outcome windows in days after the response day. */
  windows: readonly number[];
  /** Per window: purchase days in (response day, response day + window]. */
  daysAfter: Float64Array[];
  /** Per window: gross spend (currency) in the same days. */
  spendAfter: Float64Array[];
}

/** Outcomes of the chain: no purchase in the window, purchase days in it, spend in it. */
export type ChainOutcome = 'stop' | 'purchases' | 'spend';

/** The effect of being a detractor or a promoter (against a passive) on one outcome over one window. */
export interface ChainEffect {
  outcome: ChainOutcome;
  /** Window in days after the response day. */
  window: number;
  group: 'detractor' | 'promoter';
  /** Adjusted mean of the outcome had every respondent been in the group, and had every one been a passive (standardisation). */
  groupMean: number;
  passiveMean: number;
  /** groupMean / passiveMean with its interval and two-sided p-value. */
  ratio: number;
  lower: number;
  upper: number;
  pValue: number;
  /** groupMean − passiveMean with its interval (probability for `stop`, purchase days or currency otherwise). */
  difference: number;
  differenceLower: number;
  differenceUpper: number;
  /** Plain means of the group's and the passives' respondents (no controls). */
  rawGroupMean: number;
  rawPassiveMean: number;
}

/** Harm (detractors against passives) against help (promoters against passives) on stopping. */
export interface ChainAsymmetry {
  window: number;
  /** Extra probability of stopping of a detractor over a passive (points of probability, 0..1 scale). */
  harm: number;
  /** Lower probability of stopping of a promoter under a passive. */
  help: number;
  /** harm − help with its interval. */
  difference: number;
  lower: number;
  upper: number;
  verdict: 'harm_larger' | 'help_larger' | 'not_distinguishable';
  text: string;
}

/** The satisfaction-profit chain. */
export interface ChainEstimate {
  respondents: { total: number; detractors: number; passives: number; promoters: number };
  windows: number[];
  /** The controls, in words. */
  controls: string[];
  effects: ChainEffect[];
  asymmetry: ChainAsymmetry | null;
  /** The headline in plain words, then the details. */
  sentences: string[];
  warnings: string[];
  level: number;
}
