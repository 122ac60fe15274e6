import type { Engine } from '../engine/engine.js';
import type { PowerOptions } from '../math/stats/power.js';
import { addDays, type Campaign } from './campaign-definition.js';
import { selectAudience, type Audience } from './campaign-audience.js';
import { assignArms } from './assignment.js';
import { campaignPower, type BaseRates, type CampaignPower, type PowerEffects } from './campaign-power.js';
import { windowBuyersSql } from './campaign-results-sql.js';

/** What a campaign would do if created now: its audience, split and power. Nothing is stored. */
export interface CampaignPreview {
  campaign: Campaign;
  audience: Audience;
  counts: { target: number; control: number; holdout: number };
  power: CampaignPower;
}

/**
 * Previews a campaign before it is created: evaluates the audience (see `selectAudience`), assigns it
 * by hashing in memory (`assignArms`: the same groups creation will store) and computes the power at
 * that split from the base rates of the target and control customers in the window of the same
 * length before the send date, as `powerForCampaign` does after creation (Cohen 1988, normal
 * approximation; see `campaignPower`). Writes nothing but a missing segment snapshot.
 *
 * @throws InputError `empty_audience`, `empty_log`, rule errors.
 * @example
 * (await previewCampaign(engine, campaignFromForm(form), { effects: { responseRate: 0.02 } })).power.rows[0].mde; // => 0.031
 */
export async function previewCampaign(
  engine: Engine,
  campaign: Campaign,
  options: PowerOptions & { effects?: PowerEffects; asOf?: string } = {},
): Promise<CampaignPreview> {
  const audience = await selectAudience(engine, campaign, { asOf: options.asOf });
  const a = assignArms(audience.ids, campaign);
  const from = addDays(campaign.sendDate, -campaign.windowDays),
    to = campaign.sendDate;
  const b = await engine.columns(windowBuyersSql(engine.dialect, from, to), { customer_id: 'string', responded: 'f64', revenue: 'f64' });
  const row = new Map<string, number>();
  b.strings.customer_id!.forEach((id, i) => row.set(id, i));
  let n = 0,
    responders = 0,
    revenue = 0,
    revenue2 = 0;
  for (let i = 0; i < a.ids.length; i++) {
    if (a.arm[i] === 2) continue;
    n++;
    const j = row.get(a.ids[i]!);
    if (j === undefined) continue;
    const r = b.f64.revenue![j]!;
    responders += b.f64.responded![j]!;
    revenue += r;
    revenue2 += r * r;
  }
  const mean = n > 0 ? revenue / n : 0;
  const variance = n > 1 ? Math.max(0, (revenue2 - n * mean * mean) / (n - 1)) : 0;
  const rates: BaseRates = {
    customers: n,
    responseRate: n > 0 ? responders / n : 0,
    revenueMean: mean,
    revenueSd: Math.sqrt(variance),
    window: { from, to },
  };
  const power = campaignPower(rates, a.counts.target + a.counts.control, campaign.controlShare, {
    ...options,
    nTarget: a.counts.target,
    nControl: a.counts.control,
  });
  return { campaign, audience, counts: { ...a.counts }, power };
}
