import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { ensureSnapshot } from '../segments/ensure-snapshot.js';
import { compileAudienceRule } from './audience-rule.js';
import { addDays, type Campaign } from './campaign-definition.js';
import { assignArms, type Assignment } from './assignment.js';
import { AUDIENCE_COLUMNS, audienceSql } from './campaign-sql.js';
import { workspaceDataEnd } from './campaign-outcomes.js';
import { checkCampaignIsNew, saveCampaign } from './campaign-store.js';

/** The audience of a campaign and where it came from. */
export interface Audience {
  ids: string[];
  /** Snapshot day of the rule (null for an id list). */
  asOf: string | null;
  source: string;
}

/**
 * Evaluates a campaign's target. A rule runs over the segment snapshot as of `asOf` (default: the
 * day before the send date, or the last day of data when that is earlier): the data as known when
 * the campaign is sent; the snapshot is computed and stored when missing or stale. An id list is
 * taken as given.
 * @throws InputError `empty_audience` when no customer matches; errors of the rule compiler.
 */
export async function selectAudience(engine: Engine, campaign: Campaign, options: { asOf?: string } = {}): Promise<Audience> {
  if (campaign.target.kind === 'ids') {
    if (campaign.target.ids.length === 0)
      throw new InputError('empty_audience', `Campaign "${campaign.id}" targets an empty id list`, { id: campaign.id });
    return { ids: campaign.target.ids, asOf: null, source: campaign.target.source };
  }
  const dataEnd = await workspaceDataEnd(engine);
  if (dataEnd === null)
    throw new InputError(
      'empty_log',
      'The workspace has no transactions: an audience rule needs scored customers (ingest a log first) or use an id list',
      {},
    );
  const dayBefore = addDays(campaign.sendDate, -1);
  const asOf = options.asOf ?? (dataEnd < dayBefore ? dataEnd : dayBefore);
  await ensureSnapshot(engine, asOf);
  const where = compileAudienceRule(campaign.target.conditions, AUDIENCE_COLUMNS);
  const ids = (await engine.columns(audienceSql(engine.dialect, asOf, where.sql), { customer_id: 'string' }, where.params)).strings
    .customer_id!;
  if (ids.length === 0)
    throw new InputError('empty_audience', `No customer matches the rule "${campaign.target.rule}" in the snapshot as of ${asOf}`, {
      id: campaign.id,
      rule: campaign.target.rule,
      asOf,
    });
  return { ids, asOf, source: `rule "${campaign.target.rule}" on the segment snapshot as of ${asOf}` };
}

/** What {@link createCampaign} did. */
export interface CreatedCampaign {
  campaign: Campaign;
  audience: Audience;
  assignment: Assignment;
}

/**
 * Defines a campaign in the workspace and assigns its audience: evaluates the target (see
 * {@link selectAudience}), assigns by hashing (see `assignArms`) and stores the definition with the
 * assignment in one step (a reader sees the earlier campaign or the new one whole, see `saveCampaign`).
 * @throws InputError `campaign_exists` (without `replace`), `empty_audience`, rule errors.
 * @example
 * const { assignment } = await createCampaign(engine, await loadCampaign('winback.yaml'));
 * assignment.counts; // => { target: 8_912, control: 988, holdout: 0 }
 */
export async function createCampaign(
  engine: Engine,
  campaign: Campaign,
  options: { replace?: boolean; asOf?: string } = {},
): Promise<CreatedCampaign> {
  await checkCampaignIsNew(engine, campaign.id, options.replace);
  const audience = await selectAudience(engine, campaign, options);
  const assignment = assignArms(audience.ids, campaign);
  await saveCampaign(engine, campaign, { replace: options.replace, assignment: { assignment, audienceAsOf: audience.asOf } });
  return { campaign, audience, assignment };
}
