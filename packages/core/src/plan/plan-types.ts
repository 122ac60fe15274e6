import type { DisplayKind } from '../report/report-table.js';
import type { PlanGoal, SegmentGoal } from './goal-rule.js';

/** One number of the plan with where it comes from: the dashboard route that shows it. */
export interface PlanFigure {
  label: string;
  value: number | string | null;
  kind: DisplayKind;
  /** Unit and period, e.g. "next 52 weeks" or "USD". */
  unit?: string;
  /** The dashboard route the number comes from, e.g. `#/retention`. */
  link: string;
}

/** A part of a step that needs data the workspace does not have: what is missing and how to add it. */
export interface PlanMissing {
  part: string;
  reason: string;
  /** The flag or file that unlocks it, e.g. "--costs FILE (a cost model, see data/cdnow/cost-model.example.yaml)". */
  how: string;
}

/** The five steps of customer value management. */
export const PLAN_STEPS = ['discover', 'commit', 'create', 'assess', 'improve'] as const;
export type PlanStepId = (typeof PLAN_STEPS)[number];

/** One step of the plan: sentences, numbers with their links, and what is missing. */
export interface PlanStep {
  id: PlanStepId;
  title: string;
  lines: string[];
  figures: PlanFigure[];
  missing: PlanMissing[];
}

/** A segment's goal with the link to its customers. */
export interface PlanSegment extends SegmentGoal {
  link: string;
}

/** A proposed campaign (Create). */
export interface ProposedCampaign {
  name: string;
  goal: PlanGoal;
  /** Who, in words, and the customer-table filters that select them (empty for prospects). */
  audience: string;
  filters: string[];
  customers: number;
  /** Control group share and size (of the audience). */
  controlShare: number;
  controlCustomers: number;
  /** How the control share was chosen, in words. */
  controlRule: string;
  /** The value the campaign works on (value at risk, lapsed value, headroom, prospects' CLV; currency). */
  valueBase: number;
  /** The assumed share of `valueBase` the campaign turns into incremental value, and where it comes from. */
  assumedRate: number;
  assumption: string;
  expectedIncremental: number;
  /** Contact cost × target group (null when the cost per contact is unknown). */
  cost: number | null;
  net: number | null;
  /** The report it comes from. */
  link: string;
}

/** A past campaign's result (Assess) and what to do with it (Improve). */
export interface PastCampaign {
  id: string;
  name: string;
  sendDate: string;
  status: string;
  customers: number | null;
  /** The outcome compared (margin, else revenue per customer), its difference target − control and interval. */
  outcome: string | null;
  uplift: number | null;
  lower: number | null;
  upper: number | null;
  /** Uplift × target customers (currency), null without a comparison. */
  incremental: number | null;
  verdict: string;
  action: 'scale' | 'stop' | 'keep testing' | 'wait';
  link: string;
}

/** A goal of the previous plan checked against now (Improve). */
export interface GoalCheck {
  tier: string;
  stage: string;
  goal: PlanGoal;
  /** The measure the goal moves, its value then and now, and whether it moved the right way. */
  measure: string;
  before: number;
  now: number | null;
  met: boolean | null;
  link: string;
}

/** The customer value plan: the five steps on the current data. */
export interface PlanReport {
  asOf: string;
  computedAt: string;
  /** What the tiers rank and the CLV unit (e.g. "predicted CLV, next 52 weeks"). */
  valueBasis: string;
  goalRule: string[];
  segments: PlanSegment[];
  campaigns: ProposedCampaign[];
  pastCampaigns: PastCampaign[];
  /** The previous stored plan (as-of day and save time), null when none. */
  previous: { asOf: string; savedAt: string } | null;
  goalChecks: GoalCheck[];
  steps: PlanStep[];
  /** Doubts carried from the fits and stages (a flagged fit's warning goes with every number built on it). */
  warnings: string[];
}
