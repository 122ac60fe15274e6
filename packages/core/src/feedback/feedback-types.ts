import type { ChainEstimate } from './chain-types.js';
import type { ScoreGroup } from './score-groups.js';

/** The dimensions feedback is broken down by, in display order (machine names; `feedback.by_<name>` tables). */
export type FeedbackDimension =
  | 'value_tier'
  | 'rfm_segment'
  | 'lifecycle_stage'
  | 'survey_channel'
  | 'acquisition_channel'
  | 'cohort'
  | 'month';

/** NPS and CSAT by the levels of one dimension (value tier, segment, channel, cohort, month, …). */
export interface FeedbackBreakdown {
  dimension: FeedbackDimension;
  label: string;
  /** How a response gets its level, in words. */
  rule: string;
  rows: ScoreGroup[];
}

/** Respondents against everyone on one per-customer measure. */
export interface NonResponseRow {
  metric: string;
  label: string;
  /** Unit of the measure, e.g. "USD to 2024-12-31", "days", "next 52 weeks". */
  unit: string;
  kind: 'money' | 'count' | 'duration' | 'probability';
  respondents: number;
  everyone: number;
  nonRespondents: number;
  /** respondents / everyone. */
  ratio: number;
  /** respondents − non-respondents, Welch interval. */
  difference: number;
  lower: number;
  upper: number;
  pValue: number;
}

/** Customers by the class of their latest NPS answer: how many, and what they are worth. */
export interface NpsClassValue {
  npsClass: 'detractor' | 'passive' | 'promoter';
  customers: number;
  /** Sum and mean of predicted CLV (NaN without models), share of the whole base's CLV. */
  clv: number;
  clvPerCustomer: number;
  clvShare: number;
  /** Mean P(alive) (NaN without models). */
  pAlive: number;
  netRevenue: number;
}

/** The chain part: estimated, or why not (too few respondents, no answers with a complete window, …). */
export type ChainPart =
  | {
      status: 'ok';
      estimate: ChainEstimate;
      sample: { respondents: number; inLog: number; used: number; lastResponse: string; rule: string };
    }
  | { status: 'not_computed'; code: string; reason: string };

/** The feedback report (`cvm feedback`, `/api/feedback`, the Feedback page). */
export interface FeedbackReport {
  asOf: string;
  computedAt: string;
  level: number;
  responses: {
    /** Rows of the survey file accepted at ingest. */
    total: number;
    /** Responses used: from customers in the log, dated on or before the analysis day. */
    used: number;
    npsAnswers: number;
    csatAnswers: number;
    /** Customers with a used response. */
    respondents: number;
    firstDate: string | null;
    lastDate: string | null;
    /** Responses dated after the analysis day (left out). */
    afterAsOf: number;
    /** Responses from customer ids that are not in the log up to the analysis day (left out), with examples. */
    unknown: { responses: number; customers: number; examples: string[] };
    /** Responses from customers in the log with no purchase day up to the analysis day (every purchase returned), left out. */
    noPurchaseDay: { responses: number; customers: number; examples: string[] };
  };
  overall: ScoreGroup;
  breakdowns: FeedbackBreakdown[];
  responseRate: { base: number; respondents: number; rate: number; lower: number; upper: number; rule: string };
  nonResponse: {
    rows: NonResponseRow[];
    tierMix: { tier: string; customers: number; baseShare: number; respondents: number; respondentShare: number; nps: number }[];
    /** NPS with each value tier weighted by its share of the base (post-stratification), or null when a tier has no answers. */
    weighted: { nps: number; lower: number; upper: number; rule: string } | null;
    verdict: string;
  };
  byNpsClass: NpsClassValue[];
  /** Predicted CLV of the customers whose latest answer is a detractor's, in words (null without models). */
  detractorValue: { customers: number; clv: number; share: number; unit: string; text: string } | null;
  chain: ChainPart;
  /** Units: CLV horizon and money. */
  units: { clv: string | null; money: string };
  warnings: string[];
}

/** Each summary customer's latest NPS answer up to the analysis day (NaN without one), for the customer table. */
export interface LatestAnswers {
  customerId: readonly string[];
  nps: Float64Array;
  /** Day number (days since 1970-01-01) of that answer. */
  day: Float64Array;
  csat: Float64Array;
}
