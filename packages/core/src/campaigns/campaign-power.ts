import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { controlShareFor, mdeMeans, mdeProportion, type PowerOptions } from '../math/stats/power.js';
import { addDays } from './campaign-definition.js';
import { baseRatesSql } from './campaign-results-sql.js';
import { armCountsSql } from './campaign-sql.js';
import { readCampaign } from './campaign-store.js';

/** Base rates of an audience over a window: response rate and revenue per customer. */
export interface BaseRates {
  customers: number;
  responseRate: number;
  revenueMean: number;
  revenueSd: number;
  /** The window the rates were measured on, [from, to) ISO dates; null when given directly. */
  window: { from: string; to: string } | null;
}

/** The effects to size the control group for (absolute: 0.02 = 2 points; revenue in currency per customer). */
export interface PowerEffects {
  responseRate?: number;
  revenue?: number;
}

/** One metric of the power table. */
export interface PowerRow {
  metric: 'response rate' | 'revenue per customer';
  base: number;
  /** Standard deviation per customer (revenue) or √(p(1−p)) (rate). */
  sd: number;
  nTarget: number;
  nControl: number;
  /** Minimum detectable effect, absolute (a proportion for the rate). */
  mde: number;
  /** mde / base. */
  mdeRelative: number;
  /** The effect asked for, or null. */
  effect: number | null;
  /** Smallest control share that detects `effect` (null when not asked or unreachable even at 50%). */
  shareNeeded: number | null;
}

/** Power of a planned split. */
export interface CampaignPower {
  audience: number;
  controlShare: number;
  alpha: number;
  power: number;
  rates: BaseRates;
  rows: PowerRow[];
  notes: string[];
}

/**
 * Power of a campaign before launch, from the audience's base rates: the minimum detectable effect
 * on the response rate (two-proportion test, `mdeProportion`) and on revenue per customer (z test with
 * the base standard deviation, `mdeMeans`) at the chosen split, and the control share needed for a
 * chosen effect (`controlShareFor`). Pure: rates in, table out.
 *
 * @param audience - customers split between target and control (global holdout excluded)
 * @example
 * campaignPower({ customers: 10_000, responseRate: 0.1, revenueMean: 5, revenueSd: 20, window: null }, 10_000, 0.1).rows[0].mde; // => 0.0303
 */
export function campaignPower(
  rates: BaseRates,
  audience: number,
  controlShare: number,
  options: PowerOptions & { effects?: PowerEffects; nTarget?: number; nControl?: number } = {},
): CampaignPower {
  const alpha = options.alpha ?? 0.05,
    power = options.power ?? 0.8;
  const nControl = options.nControl ?? audience * controlShare;
  const nTarget = options.nTarget ?? audience - nControl;
  const p = rates.responseRate;
  const rateMde = (t: number, c: number): number => mdeProportion(p, t, c, { alpha, power });
  const revMde = (t: number, c: number): number => mdeMeans(rates.revenueSd, t, c, { alpha, power });
  const row = (
    metric: PowerRow['metric'],
    base: number,
    sd: number,
    mde: (t: number, c: number) => number,
    effect: number | undefined,
  ): PowerRow => {
    const m = mde(nTarget, nControl);
    return {
      metric,
      base,
      sd,
      nTarget,
      nControl,
      mde: m,
      mdeRelative: base > 0 ? m / base : NaN,
      effect: effect ?? null,
      shareNeeded: effect === undefined ? null : controlShareFor(effect, audience, mde),
    };
  };
  const rows = [
    row('response rate', p, Math.sqrt(p * (1 - p)), rateMde, options.effects?.responseRate),
    row('revenue per customer', rates.revenueMean, rates.revenueSd, revMde, options.effects?.revenue),
  ];
  const notes = [
    `Minimum detectable effect: the smallest true uplift the split detects with ${Math.round(power * 100)}% power in a two-sided test at ${Math.round(alpha * 100)}% (normal approximation).`,
    rates.window
      ? `Base rates of the audience in ${rates.window.from} to ${addDays(rates.window.to, -1)} (the window of the same length before the send date): ${rates.customers.toLocaleString('en-US')} customers.`
      : 'Base rates as given.',
  ];
  for (const r of rows) {
    if (r.effect !== null && r.shareNeeded === null)
      notes.push(
        `${r.metric}: an effect of ${r.effect} cannot be detected with this audience even with a 50% control group; a larger audience is needed.`,
      );
  }
  return { audience, controlShare, alpha, power, rates, rows, notes };
}

/**
 * The base rates of a stored campaign's assigned audience (holdout excluded) in the window of the
 * same length just before the send date.
 * @throws InputError `not_assigned` when the campaign has no assignment yet.
 */
export async function campaignBaseRates(engine: Engine, campaignId: string): Promise<BaseRates> {
  return baseRatesOf(engine, await readCampaign(engine, campaignId));
}

/** {@link campaignBaseRates} of a campaign read with its write tokens. */
async function baseRatesOf(engine: Engine, { stored, versions }: Awaited<ReturnType<typeof readCampaign>>): Promise<BaseRates> {
  const campaign = stored.campaign;
  const campaignId = campaign.id;
  const from = addDays(campaign.sendDate, -campaign.windowDays),
    to = campaign.sendDate;
  const [r] = await engine.rows<{ customers: number; responders: number | null; revenue: number | null; revenue2: number | null }>(
    baseRatesSql(engine.dialect, versions, from, to),
  );
  const n = r?.customers ?? 0;
  if (n === 0)
    throw new InputError('not_assigned', `Campaign "${campaignId}" has no assigned customers yet; assign it first`, { id: campaignId });
  const mean = (r!.revenue ?? 0) / n;
  const variance = n > 1 ? Math.max(0, ((r!.revenue2 ?? 0) - n * mean * mean) / (n - 1)) : 0;
  return { customers: n, responseRate: (r!.responders ?? 0) / n, revenueMean: mean, revenueSd: Math.sqrt(variance), window: { from, to } };
}

/**
 * Power of a stored, assigned campaign at its actual split (see {@link campaignPower}).
 * @example
 * (await powerForCampaign(engine, 'winback', { effects: { responseRate: 0.02 } })).rows[0].shareNeeded; // => 0.07
 */
export async function powerForCampaign(
  engine: Engine,
  campaignId: string,
  options: PowerOptions & { effects?: PowerEffects } = {},
): Promise<CampaignPower> {
  const read = await readCampaign(engine, campaignId);
  const campaign = read.stored.campaign;
  // one read of the campaign: the base rates and the arm counts come from the same assignment
  const rates = await baseRatesOf(engine, read);
  const counts = await engine.rows<{ arm: string; n: number }>(armCountsSql(), [campaignId, read.versions.assignments]);
  const nControl = counts.find((c) => c.arm === 'control')?.n ?? 0;
  const nTarget = counts.find((c) => c.arm === 'target')?.n ?? 0;
  return campaignPower(rates, nTarget + nControl, campaign.controlShare, { ...options, nTarget, nControl });
}
