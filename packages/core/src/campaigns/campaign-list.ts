import type { Engine } from '../engine/engine.js';
import { addDays } from './campaign-definition.js';
import type { ArmName } from './assignment.js';
import { customerArmsSql, listCampaignsSql, type CampaignVersions } from './campaign-sql.js';
import { ensureCampaignTables } from './campaign-store.js';
import { workspaceDataEnd } from './campaign-outcomes.js';

/** Where a campaign stands relative to the data in the workspace (not the wall clock). */
export type CampaignStatus = 'defined' | 'assigned' | 'in window' | 'complete';

/** One row of {@link listCampaigns}. */
export interface CampaignListRow {
  id: string;
  name: string;
  sendDate: string;
  windowDays: number;
  windowEnd: string;
  controlShare: number;
  holdoutShare: number;
  customers: number | null;
  status: CampaignStatus;
  dataEnd: string | null;
}

/** The status of a campaign given the last day of data. */
export function campaignStatus(c: { sendDate: string; windowEnd: string }, assigned: boolean, dataEnd: string | null): CampaignStatus {
  if (!assigned) return 'defined';
  if (dataEnd === null || dataEnd < c.sendDate) return 'assigned';
  return dataEnd >= addDays(c.windowEnd, -1) ? 'complete' : 'in window';
}

/**
 * Every stored campaign with its status: `defined` (no assignment yet), `assigned` (the data do not
 * reach the send date), `in window` (the data end inside the response window: results are
 * provisional), `complete` (the data cover the whole window); by send date, then id.
 */
export async function listCampaigns(engine: Engine): Promise<CampaignListRow[]> {
  return (await listCampaignVersions(engine)).map(({ versions: _v, ...row }) => row);
}

/**
 * {@link listCampaigns} with the write tokens of each campaign's latest row (the rows of its
 * assignment: see `CampaignVersions`).
 */
export async function listCampaignVersions(engine: Engine): Promise<(CampaignListRow & { versions: CampaignVersions })[]> {
  await ensureCampaignTables(engine);
  const all = await engine.rows<{
    campaign_id: string;
    name: string;
    send_day: string;
    window_days: number;
    window_last: string;
    control_share: number;
    holdout_share: number;
    assigned_text: string | null;
    customers: number | null;
    assignment_version: string | null;
    deleted: number;
  }>(listCampaignsSql(engine.dialect));
  // the latest row of each campaign comes first (a tombstone on ClickHouse: deleted); then by send date (a stable sort keeps the id order)
  const rows = all.filter((r, i) => (i === 0 || all[i - 1]!.campaign_id !== r.campaign_id) && !Number(r.deleted));
  rows.sort((a, b) => (a.send_day < b.send_day ? -1 : a.send_day > b.send_day ? 1 : 0));
  const dataEnd = rows.length > 0 ? await workspaceDataEnd(engine) : null;
  return rows.map((r) => ({
    id: r.campaign_id,
    name: r.name,
    sendDate: r.send_day,
    windowDays: Number(r.window_days),
    windowEnd: r.window_last,
    controlShare: r.control_share,
    holdoutShare: r.holdout_share,
    customers: r.customers === null ? null : Number(r.customers),
    dataEnd,
    status: campaignStatus({ sendDate: r.send_day, windowEnd: r.window_last }, r.assigned_text !== null, dataEnd),
    versions: { id: r.campaign_id, assignments: r.assignment_version ?? '', responses: '' },
  }));
}

/** One campaign a customer was in. */
export interface CustomerCampaign {
  id: string;
  name: string;
  sendDate: string;
  windowEnd: string;
  arm: ArmName;
}

/**
 * The campaigns a customer was assigned in and the arm (target, control or the global holdout), by
 * send date: for the customer drill-down.
 * @example
 * await customerCampaigns(engine, '42'); // => [{ id: 'spring-voucher', arm: 'control', … }]
 */
export async function customerCampaigns(engine: Engine, customerId: string): Promise<CustomerCampaign[]> {
  await ensureCampaignTables(engine);
  const arms = await engine.rows<{ campaign_id: string; arm: ArmName; version: string | null }>(customerArmsSql(), [customerId]);
  if (arms.length === 0) return [];
  // the arm of each campaign's published assignment (a write in progress or abandoned is not one)
  const armOf = new Map(arms.map((a) => [`${a.campaign_id}\u0000${a.version ?? ''}`, a.arm]));
  const key = (c: { versions: CampaignVersions }): string => `${c.versions.id}\u0000${c.versions.assignments}`;
  // the campaigns are listed by send date, then id
  return (await listCampaignVersions(engine))
    .filter((c) => armOf.has(key(c)))
    .map((c) => ({ id: c.id, name: c.name, sendDate: c.sendDate, windowEnd: c.windowEnd, arm: armOf.get(key(c))! }));
}
