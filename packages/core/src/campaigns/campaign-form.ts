import { audienceRuleFromFilters } from './audience-filters.js';
import { parseCampaign, type Campaign } from './campaign-definition.js';

/** A campaign as the CLI flags, the API and the dashboard form give it (plain fields). */
export interface CampaignForm {
  name: string;
  /** Lower-case id; default the name in lower case with dashes. */
  id?: string;
  description?: string;
  /** Audience as customer-table filters `column:op:value` (AND-ed; none = every scored customer). */
  audience?: readonly string[];
  /** Or an explicit list of customer ids (instead of `audience`). */
  ids?: readonly string[];
  action: string;
  /** First day of the campaign, YYYY-MM-DD. */
  sendDate: string;
  /** Response window in days from the send date. */
  windowDays: number;
  /** Share of the audience kept as the control group, default 0.1. */
  controlShare?: number;
  /** Share of all customers in the global holdout, default 0. */
  holdoutShare?: number;
  /** Seed (salt) of the assignment hash; default the id. */
  seed?: string;
  marginPct?: number;
  costPerContact?: number;
}

/**
 * A campaign from form fields, validated exactly as a campaign file is (see `parseCampaign`): the
 * audience filters become the campaign's rule (see {@link audienceRuleFromFilters}).
 *
 * @throws InputError `bad_campaign` (field named: a control share of 0, shares outside [0, 1), a bad
 *   date, a window below 1 day), `bad_audience_filter`, `bad_audience_rule`.
 * @example
 * campaignFromForm({ name: 'Win back', audience: ['lifecycle_stage:eq:at_risk'], action: 'voucher', sendDate: '2024-03-01', windowDays: 30 }).target;
 * // => { kind: 'rule', rule: "lifecycle_stage = 'at_risk'", conditions: [...] }
 */
export function campaignFromForm(form: CampaignForm): Campaign {
  const target = form.ids && form.ids.length > 0 ? { ids: [...form.ids] } : { rule: audienceRuleFromFilters(form.audience ?? []).rule };
  const doc: Record<string, unknown> = {
    name: form.name,
    target,
    action: form.action,
    send_date: form.sendDate,
    response_window_days: form.windowDays,
  };
  const optional: [string, unknown][] = [
    ['id', form.id],
    ['description', form.description],
    ['control_share', form.controlShare],
    ['global_holdout_share', form.holdoutShare],
    ['salt', form.seed],
    ['margin_pct', form.marginPct],
    ['cost_per_contact', form.costPerContact],
  ];
  for (const [k, v] of optional) if (v !== undefined) doc[k] = v;
  // JSON is YAML: one validator for files and forms
  return parseCampaign(JSON.stringify(doc), 'campaign');
}
