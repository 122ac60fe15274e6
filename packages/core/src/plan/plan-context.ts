import type { Analysis, ModelsStage, ProfitStage } from '../analysis/analysis.js';
import { acquisitionStage, lookalikeStage, type GrowthStage } from '../analysis/growth-stages.js';
import type { AcquisitionReport } from '../acquisition/acquisition-types.js';
import type { LookalikeReport } from '../lookalikes/lookalikes.js';
import { campaignResults, type CampaignResults } from '../campaigns/campaign-results.js';
import { getCampaign, listCampaigns, type CampaignListRow } from '../campaigns/campaign-store.js';
import { CvmError } from '../errors.js';
import type { HeadroomStage } from '../expansion/expansion-stage.js';
import type { FeedbackStage } from '../feedback/feedback-stage.js';
import type { OverviewReport } from '../pipeline.js';
import type { SegmentsReport } from '../pipeline-segments.js';
import type { RetentionStage } from '../retention/retention-stage.js';
import type { Segmentation } from '../segments/segmentation.js';
import type { CustomerSummary } from '../summary/summary.js';
import type { GoalRuleOptions } from './goal-rule.js';
import { previousPlan, type StoredPlan } from './plan-store.js';

/** Options of the plan: the goal rule's threshold, the cost of one contact and the assumed effects. */
export interface PlanOptions extends GoalRuleOptions {
  /** Cost of contacting one customer (currency); default the newest stored campaign's cost per contact, else unknown. */
  contactCost?: number;
  /** Assumed share of the value each proposed campaign turns into incremental value (until a campaign measures it). */
  assumed?: { retain?: number; winBack?: number; grow?: number; acquire?: number };
  /** The rise in the share who buy that a control group should be able to detect (absolute, default 0.02 = 2 points). */
  detectableLift?: number;
  /** Smallest control share (default 0.1). */
  minControlShare?: number;
}

/** A stage that failed for want of data: its error code and message. */
export interface StageGap {
  status: 'missing';
  code: string;
  reason: string;
}

/** Everything the plan reads, gathered once from the analysis. */
export interface PlanContext {
  asOf: string;
  overview: OverviewReport;
  summary: CustomerSummary;
  models: ModelsStage;
  seg: Segmentation;
  segments: SegmentsReport;
  profit: ProfitStage | null;
  retention: RetentionStage | StageGap;
  headroom: HeadroomStage;
  acquisition: GrowthStage<AcquisitionReport>;
  lookalikes: GrowthStage<LookalikeReport>;
  feedback: FeedbackStage;
  campaigns: { row: CampaignListRow; costPerContact: number; results: CampaignResults | StageGap | null }[];
  previous: StoredPlan | null;
  options: PlanOptions;
}

/** Runs `f`; a CvmError (missing data) becomes a {@link StageGap}, anything else is rethrown. */
async function gap<T>(f: () => Promise<T>): Promise<T | StageGap> {
  try {
    return await f();
  } catch (error) {
    if (!(error instanceof CvmError)) throw error;
    return { status: 'missing', code: error.code, reason: error.message };
  }
}

/** True for a {@link StageGap}. */
export function isGap(x: unknown): x is StageGap {
  return typeof x === 'object' && x !== null && (x as { status?: string }).status === 'missing' && 'reason' in x && !('report' in x);
}

/**
 * Gathers what the plan needs from an analysis: the main job's stages, retention, headroom,
 * acquisition and look-alikes, feedback, the stored campaigns with their results, and the previous
 * stored plan. Stages that lack data come back as gaps with their reason, never as exceptions.
 */
export async function planContext(a: Analysis, options: PlanOptions = {}): Promise<PlanContext> {
  const { report: overview, summary } = await a.overview();
  const models = await a.models();
  const seg = await a.segmentation();
  const segments = await a.segmentsReport();
  const profit = await a.profitability();
  const retention = await gap(() => a.retention());
  const headroom = await a.headroom('value_tier').catch((e: unknown) => {
    if (e instanceof CvmError) return { status: 'not_computed' as const, code: e.code, reason: e.message };
    throw e;
  });
  // the Acquisition page's default options, so the plan and the page share one computation
  const acquisition = await acquisitionStage(a, { cohort: 'month', by: 'channel', attribution: 'file-then-first-order', bootstrap: 500 });
  const lookalikes = await lookalikeStage(a, {});
  const feedback = await a.feedback();
  const clv =
    models.status === 'ok'
      ? {
          customerId: models.scores.customerId,
          value: models.scores.clv,
          label: `predicted CLV per customer (${models.report.units!.horizon})`,
        }
      : undefined;
  const campaigns: PlanContext['campaigns'] = [];
  for (const row of await listCampaigns(a.engine)) {
    const stored = await getCampaign(a.engine, row.id);
    const assigned = row.status === 'complete' || row.status === 'in window';
    const results = assigned ? await gap(() => campaignResults(a.engine, row.id, { clv })) : null;
    campaigns.push({ row, costPerContact: stored.campaign.costPerContact, results });
  }
  return {
    asOf: summary.calibrationEnd,
    overview,
    summary,
    models,
    seg,
    segments,
    profit,
    retention,
    headroom,
    acquisition,
    lookalikes,
    feedback,
    campaigns,
    previous: await previousPlan(a.engine, summary.calibrationEnd),
    options,
  };
}
