import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { analyzeExperiment, type ExperimentAnalysis } from './analyze-experiment.js';
import { addDays, type Campaign } from './campaign-definition.js';
import { overlapsSql, uploadedOutcomesSql, windowOutcomesSql } from './campaign-results-sql.js';
import { marginOf, segmentDay, workspaceDataEnd } from './campaign-outcomes.js';
import { responseRowsSql, SEGMENT_COLUMNS, type CampaignVersions } from './campaign-sql.js';
import { campaignStatus, readCampaign, type CampaignStatus } from './campaign-store.js';
import { listCampaignVersions } from './campaign-list.js';
import type { AnalysisOptions, ExperimentData, ExperimentOutcome } from './experiment-types.js';
import { upliftBySegment, type SegmentUplift } from './segment-uplift.js';
import type { FeatureColumn } from './uplift-features.js';
import { fitUpliftModel, type UpliftModelOptions, type UpliftModelResult } from './uplift-model.js';

/** Per-customer predicted CLV after the window (e.g. from `predictCustomers`), for the incremental CLV. */
export interface ClvInput {
  customerId: readonly string[];
  value: Float64Array;
  /** Words for the verdict, e.g. "predicted 52-week CLV per customer". */
  label?: string;
}

/** Options of {@link campaignResults}. */
export interface CampaignResultsOptions extends Omit<AnalysisOptions, 'plannedShares'> {
  clv?: ClvInput;
  /** Snapshot columns to break the uplift down by: value_tier, lifecycle_stage, rfm_segment, micro_segment. */
  by?: readonly string[];
  /** Fit an uplift model on the snapshot's scores (target vs control); outcome `responded` (default) or `revenue`. */
  uplift?: UpliftModelOptions & { outcome?: 'responded' | 'revenue' };
}

/** Customers of this campaign also in another campaign with an overlapping window. */
export interface CampaignOverlap {
  otherCampaign: string;
  otherName: string;
  otherSendDate: string;
  arm: string;
  otherArm: string;
  customers: number;
}

/** Snapshot columns the uplift model uses as features. */
const UPLIFT_FEATURES = ['value_tier', 'lifecycle_stage', 'r_score', 'f_score', 'm_score', 'value'];

/** The results of a campaign. */
export interface CampaignResults {
  campaign: Campaign;
  status: CampaignStatus;
  dataEnd: string | null;
  /** Where the responses came from. */
  source: 'transactions' | 'response file';
  /** How the margin was computed, or why it is missing. */
  margin: { available: boolean; method: string };
  analysis: ExperimentAnalysis;
  segments: SegmentUplift | null;
  uplift: UpliftModelResult | null;
  overlaps: CampaignOverlap[];
  warnings: string[];
}

/**
 * The results of a stored, assigned campaign. Responses are the customers' transactions inside the
 * window [send date, send date + window) (responded = a purchase that is not a return; revenue net of
 * returns; margin = amount − cost, or revenue × margin_pct, minus the cost per contact in the target
 * group) or, when a response file was loaded for the campaign, that file. The analysis compares the
 * target group with the control on response rate, revenue, margin and (with `clv`) predicted CLV per
 * customer, checks the split against the plan (the global holdout is reported, not compared), and
 * adds the uplift by segment, an uplift model and the customers who overlapped with other campaigns.
 *
 * @throws InputError `campaign_not_found`, `not_assigned`, `empty_control` (a control group of zero),
 *   `no_snapshot` (with `by` or `uplift` and no snapshot), `unknown_segment`.
 * @example
 * const r = await campaignResults(engine, 'winback-1997-10', { by: ['value_tier'] });
 * r.analysis.verdicts[0].text; // => 'a lift of 2.1 points (95% CI 0.4 to 3.9) in responses; …'
 */
export async function campaignResults(engine: Engine, campaignId: string, options: CampaignResultsOptions = {}): Promise<CampaignResults> {
  const { stored, versions } = await readCampaign(engine, campaignId);
  const c = stored.campaign;
  if (stored.assignedAt === null)
    throw new InputError('not_assigned', `Campaign "${campaignId}" has no assignment yet; assign it first`, { id: campaignId });
  const warnings: string[] = [];
  const dataEnd = await workspaceDataEnd(engine);
  const [{ n: uploaded }] = (await engine.rows<{ n: number }>(responseRowsSql(), [campaignId, versions.responses])) as [{ n: number }];
  const source = Number(uploaded) > 0 ? 'response file' : 'transactions';
  const status = campaignStatus(c, true, dataEnd);
  if (source === 'transactions' && status !== 'complete') {
    warnings.push(
      dataEnd === null || dataEnd < c.sendDate
        ? `The data end ${dataEnd ?? '(no transactions)'} before the send date ${c.sendDate}: there are no responses yet`
        : `The data end on ${dataEnd}, before the response window closes (${addDays(c.windowEnd, -1)}): results are provisional`,
    );
  }
  // the snapshot attributes come with the outcomes when segments or the uplift model need them
  const segmentsWanted = options.by ?? [];
  for (const col of segmentsWanted) {
    if (!(SEGMENT_COLUMNS as readonly string[]).includes(col))
      throw new InputError('unknown_segment', `Campaign results can be broken down by ${SEGMENT_COLUMNS.join(', ')}; got "${col}"`, {
        by: col,
      });
  }
  const snapshotCols = [...new Set([...segmentsWanted, ...(options.uplift ? UPLIFT_FEATURES : [])])];
  const extra = {
    ids: options.clv !== undefined,
    segments: snapshotCols.length > 0 ? { asOf: await segmentDay(engine, c, stored.audienceAsOf), columns: snapshotCols } : undefined,
  };
  const kinds: Record<string, 'f64' | 'string'> = {
    arm_code: 'f64',
    responded: 'f64',
    revenue: 'f64',
    margin: 'f64',
    rows_without_cost: 'f64',
  };
  if (extra.ids) kinds.customer_id = 'string';
  for (const col of snapshotCols) kinds[col] = 'string';
  const b = await engine.columns(
    source === 'transactions'
      ? windowOutcomesSql(engine.dialect, versions, c.sendDate, c.windowEnd, extra)
      : uploadedOutcomesSql(engine.dialect, versions, extra),
    kinds,
  );
  const armCode = b.f64.arm_code!;
  const revenue = b.f64.revenue!;
  let withoutCost = 0;
  for (const v of b.f64.rows_without_cost!) withoutCost += v;
  const { margin, method } = marginOf(c, source, revenue, b.f64.margin!, withoutCost, armCode);
  if (!margin) warnings.push(`Margin per customer is ${method}`);
  // arms: control (0), target (1), then the holdout (2) when it has customers
  const hasHoldout = armCode.includes(2);
  const armNames = ['control', 'target', ...(hasHoldout ? ['holdout'] : [])];
  const arm = Uint32Array.from(armCode);
  const outcomes: ExperimentOutcome[] = [
    { name: 'responded', label: 'responses', kind: 'rate', values: b.f64.responded! },
    { name: 'revenue', label: 'revenue per customer', kind: 'mean', values: revenue, money: true },
  ];
  if (margin) outcomes.push({ name: 'margin', label: 'margin per customer', kind: 'mean', values: margin, money: true });
  if (options.clv) {
    const byId = new Map<string, number>();
    options.clv.customerId.forEach((id, i) => byId.set(id, options.clv!.value[i]!));
    outcomes.push({
      name: 'clv',
      label: options.clv.label ?? 'predicted CLV per customer',
      kind: 'mean',
      values: Float64Array.from(b.strings.customer_id!, (id) => byId.get(id) ?? NaN),
      money: true,
    });
  }
  const h = c.holdoutShare;
  const planned = { control: (1 - h) * c.controlShare, target: (1 - h) * (1 - c.controlShare), holdout: h };
  if (h > 0 && !hasHoldout)
    warnings.push('The global holdout has no customer of this audience; the split check covers target and control only');
  const data: ExperimentData = { arm, armNames, control: 0, outcomes, observeOnly: hasHoldout ? [2] : [] };
  if (segmentsWanted.length > 0) data.segments = segmentsWanted.map((name) => ({ name, values: b.strings[name]! }));
  const analysis = analyzeExperiment(data, { ...options, plannedShares: armNames.map((a) => planned[a as keyof typeof planned]) });
  const segments = segmentsWanted.length > 0 ? upliftBySegment(data, segmentsWanted, { level: options.level }) : null;
  let uplift: UpliftModelResult | null = null;
  if (options.uplift) {
    const features: FeatureColumn[] = ['r_score', 'f_score', 'm_score', 'value'].map((name) => ({
      name,
      numeric: Float64Array.from(b.strings[name]!, (v) => (v === '' ? NaN : Number(v))),
    }));
    features.push(
      { name: 'value_tier', categorical: b.strings.value_tier! },
      { name: 'lifecycle_stage', categorical: b.strings.lifecycle_stage! },
    );
    const rows = Uint32Array.from(arm.reduce<number[]>((acc, a, i) => (a < 2 ? (acc.push(i), acc) : acc), []));
    const outcome = options.uplift.outcome === 'revenue' ? revenue : b.f64.responded!;
    uplift = fitUpliftModel({ treated: Uint8Array.from(arm, (a) => (a === 1 ? 1 : 0)), outcome, features, rows }, options.uplift);
  }
  const overlaps = await campaignOverlaps(engine, c, versions);
  if (overlaps.length > 0) {
    const others = [...new Set(overlaps.map((o) => o.otherCampaign))].map((id) => {
      const mine = overlaps.filter((o) => o.otherCampaign === id);
      const count = (a: string): string =>
        mine
          .filter((o) => o.arm === a)
          .reduce((s, o) => s + o.customers, 0)
          .toLocaleString('en-US');
      return `${id} (${count('target')} of the target group, ${count('control')} of the control group)`;
    });
    warnings.push(
      `Overlapping campaigns in this window: ${others.join('; ')}. With independent salts the overlap falls into both arms alike, so the uplift stays unbiased, but it is measured on top of the other campaign's action`,
    );
  }
  warnings.push(...analysis.warnings);
  return {
    campaign: c,
    status,
    dataEnd,
    source,
    margin: { available: margin !== null, method },
    analysis,
    segments,
    uplift,
    overlaps,
    warnings,
  };
}

/**
 * Customers of a campaign (target or control) also in another campaign's target or control group
 * whose window overlaps, by the other campaign and the two arms (ordered by them). The campaigns are
 * few, so the overlapping ones are found here and only the customers are counted in SQL.
 */
async function campaignOverlaps(engine: Engine, c: Campaign, versions: CampaignVersions): Promise<CampaignOverlap[]> {
  const others = (await listCampaignVersions(engine)).filter(
    (o) => o.id !== c.id && o.customers !== null && o.sendDate < c.windowEnd && c.sendDate < o.windowEnd,
  );
  if (others.length === 0) return [];
  const byId = new Map(others.map((o) => [o.id, o]));
  const rows = await engine.rows<{ other_campaign: string; arm: string; other_arm: string; customers: number }>(
    overlapsSql(
      engine.dialect,
      versions,
      others.map((o) => o.versions),
    ),
  );
  return rows.map((r) => ({
    otherCampaign: r.other_campaign,
    otherName: byId.get(r.other_campaign)!.name,
    otherSendDate: byId.get(r.other_campaign)!.sendDate,
    arm: r.arm,
    otherArm: r.other_arm,
    customers: Number(r.customers),
  }));
}
