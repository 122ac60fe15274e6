import type { Engine } from '../engine/engine.js';
import type { CountModelName } from '../models/count-models.js';
import type { ModelScores, ModelsReport } from '../pipeline.js';
import { requireScores } from '../pipeline-models.js';
import type { ProfitabilityResult } from '../profitability/profitability.js';
import { unitEconomicsFor } from '../profitability/profit-clv.js';
import { LIFECYCLE_STAGES } from '../segments/lifecycle.js';
import type { Segmentation } from '../segments/segmentation.js';
import type { CustomerSummary } from '../summary/summary.js';
import { loadRetentionHistory } from './retention-history.js';
import { RISK_LABELS, retentionOptions, retentionRules, type RetentionOptions } from './retention-options.js';
import { listReason } from './retention-reasons.js';
import { computeRetention, type CustomerRetention } from './retention-scores.js';

/** Value at risk of a group of customers, now and at the earlier day. */
export interface RiskGroup {
  tier: string;
  stage: string;
  customers: number;
  valueAtRisk: number;
  valueAtRiskBefore: number;
}

/** The retention report: what the lists and the dashboard show, computed once per data version. */
export interface RetentionReport {
  asOf: string;
  before: string;
  computedAt: string;
  model: CountModelName;
  period: CustomerSummary['period'];
  valueBasis: 'revenue' | 'margin';
  /** Horizon and basis of the value columns, e.g. "next 52 weeks, revenue" (margin 100%) or "…, profit" (profit CLV under the cost model). */
  valueUnit: string;
  options: Required<RetentionOptions>;
  rules: string[];
  customers: number;
  risk: { label: string; customers: number; share: number; valueAtRisk: number }[];
  lists: { atRisk: { customers: number; valueAtRisk: number }; winBack: { customers: number; value: number } };
  valueAtRisk: { now: number; before: number };
  /** Value tier × lifecycle stage (only cells with customers). */
  byTierStage: RiskGroup[];
  /** What the tiers rank, as the customer table names it: "CLV tier", "Profit tier" or "Revenue tier" (issue 20). */
  tierLabel: string;
  warnings: string[];
}

/** The retention stage: per-customer scores (summary order), reasons, channels and the report. */
export interface RetentionStage {
  scores: CustomerRetention;
  /** The reasons in words of the customer at summary index `i` ('' when on no list), written when asked for (see `listReason`). */
  reason: (i: number) => string;
  channel: string[] | null;
  report: RetentionReport;
}

/** Index of each summary customer in the segmentation (identity when both are in the same order). */
function alignTo(seg: Segmentation, ids: readonly string[]): (i: number) => number {
  const same = seg.customerId === ids || (seg.customerId.length === ids.length && seg.customerId.every((id, i) => id === ids[i]));
  if (same) return (i) => i;
  const at = new Map<string, number>();
  seg.customerId.forEach((id, i) => at.set(id, i));
  return (i) => at.get(ids[i]!) ?? -1;
}

/**
 * Computes the retention stage of an analysis: the history as of `lookbackDays` earlier (one SQL
 * pass), then {@link computeRetention} with the models' fit and scores, the segmentation's lifecycle
 * stages and rhythm, and the cost model's unit economics when profitability was computed (margin
 * basis), then the report (value at risk by tier and stage, list sizes, risk
 * label counts, warnings such as the BG/NBD one-time-buyer caveat).
 * @throws InputError `history_mismatch`, `bad_retention_option`; DataQualityError
 *   `no_trustworthy_model` when the models fell back to historic value (no forecast to build on)
 */
export async function runRetention(
  engine: Engine,
  o: {
    summary: CustomerSummary;
    models: ModelsReport;
    scores: ModelScores | null;
    segmentation: Segmentation;
    profit: ProfitabilityResult | null;
    options?: RetentionOptions;
    warnings?: string[];
  },
): Promise<RetentionStage> {
  const { summary, segmentation: seg } = o;
  const { report: models, scores } = requireScores(
    { report: o.models, scores: o.scores },
    'Retention (P(return), value at risk, the at-risk and win-back lists)',
  );
  const options = retentionOptions(o.options);
  const history = await loadRetentionHistory(engine, summary, options.lookbackDays);
  const n = summary.length;
  const at = alignTo(seg, summary.customerId);
  const stage = new Uint8Array(n),
    rhythm = new Float64Array(n),
    tier = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const j = at(i);
    stage[i] = j < 0 ? 0 : seg.lifecycle.stage[j]!;
    rhythm[i] = j < 0 ? seg.lifecycle.baseRhythmDays : seg.lifecycle.rhythmDays[j]!;
    tier[i] = j < 0 ? seg.tiers.names.length - 1 : seg.tiers.tier[j]!;
  }
  const ue = o.profit ? unitEconomicsFor(o.profit, summary.customerId) : null;
  const r = computeRetention({
    summary,
    history,
    model: models.model,
    params: models.params,
    scores,
    lifecycle: { stage, rhythmDays: rhythm },
    unitEconomics: ue,
    options,
  });
  const valueUnit = `${models.units.horizon}, ${ue ? 'profit' : 'revenue'}`;
  const cells = new Map<number, RiskGroup>(); // key tier × 256 + stage (a number: no string per customer)
  const risk = RISK_LABELS.map((label) => ({ label, customers: 0, share: 0, valueAtRisk: 0 }));
  const lists = { atRisk: { customers: 0, valueAtRisk: 0 }, winBack: { customers: 0, value: 0 } };
  let now = 0,
    before = 0;
  for (let i = 0; i < n; i++) {
    const key = tier[i]! * 256 + stage[i]!;
    let c = cells.get(key);
    if (!c)
      cells.set(
        key,
        (c = { tier: seg.tiers.names[tier[i]!]!, stage: LIFECYCLE_STAGES[stage[i]!]!, customers: 0, valueAtRisk: 0, valueAtRiskBefore: 0 }),
      );
    c.customers++;
    c.valueAtRisk += r.valueAtRisk[i]!;
    c.valueAtRiskBefore += r.valueAtRiskBefore[i]!;
    now += r.valueAtRisk[i]!;
    before += r.valueAtRiskBefore[i]!;
    const g = risk[r.risk[i]!]!;
    g.customers++;
    g.valueAtRisk += r.valueAtRisk[i]!;
    if (r.list[i] === 1) {
      lists.atRisk.customers++;
      lists.atRisk.valueAtRisk += r.valueAtRisk[i]!;
    } else if (r.list[i] === 2) {
      lists.winBack.customers++;
      lists.winBack.value += r.valueAtRisk[i]!;
    }
  }
  for (const g of risk) g.share = n ? g.customers / n : 0;
  const byTierStage = [...cells.values()].sort(
    (a, b) =>
      seg.tiers.names.indexOf(a.tier) - seg.tiers.names.indexOf(b.tier) ||
      LIFECYCLE_STAGES.indexOf(a.stage as never) - LIFECYCLE_STAGES.indexOf(b.stage as never),
  );
  const warnings = [...(o.warnings ?? [])];
  if (models.model === 'bg-nbd') {
    let once = 0;
    for (let i = 0; i < n; i++) if (summary.frequency[i] === 0) once++;
    warnings.push(
      `BG/NBD gives every one-time buyer P(alive) = 1 (it lets customers leave only after a repeat purchase): the ${once.toLocaleString('en-US')} one-time buyers carry no value at risk, and their churn risk comes from P(return) alone`,
    );
  }
  return {
    scores: r,
    reason: (i) => listReason(summary, r, i),
    channel: history.channel,
    report: {
      asOf: r.asOf,
      before: r.before,
      computedAt: new Date().toISOString(),
      model: models.model,
      period: summary.period,
      valueBasis: r.valueBasis,
      valueUnit,
      options,
      rules: retentionRules(options, models.model, valueUnit),
      customers: n,
      risk,
      lists,
      valueAtRisk: { now, before },
      byTierStage,
      tierLabel: seg.valueKind === 'clv' ? 'CLV tier' : seg.valueKind === 'profit' ? 'Profit tier' : 'Revenue tier',
      warnings,
    },
  };
}
