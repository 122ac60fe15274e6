import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isoDateOrNull } from '../engine/sql.js';
import { InputError } from '../errors.js';
import { parseAudienceRule, type RuleCondition } from './audience-rule.js';

/** Who a campaign targets: a rule over the scored customer table, or a list of customer ids. */
export type CampaignTarget = { kind: 'rule'; rule: string; conditions: RuleCondition[] } | { kind: 'ids'; ids: string[]; source: string };

/** A validated campaign definition (see {@link parseCampaign} for the file format). */
export interface Campaign {
  /** Stable id: `id` from the file, else the name in lower case with dashes. */
  id: string;
  name: string;
  description: string | null;
  target: CampaignTarget;
  /** What the target group receives, in words. */
  action: string;
  /** First day of the campaign, ISO date. */
  sendDate: string;
  /** Response window in days, counted from the send date (the send date is day 1). */
  windowDays: number;
  /** First day after the window, ISO date (exclusive end). */
  windowEnd: string;
  /** Share of the (non-holdout) audience kept as the control group, in (0, 1). */
  controlShare: number;
  /** Share of all customers in the global holdout, kept out of every campaign, in [0, 1). */
  holdoutShare: number;
  /** Salt of the assignment hash; default the id. */
  salt: string;
  /** Gross margin in percent of revenue, when the log has no cost column; null = use the log's costs. */
  marginPct: number | null;
  /** Cost of one contact (the action, per target customer), in the log's currency; 0 = none. */
  costPerContact: number;
}

/** Adds days to an ISO date. */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A campaign id from a name: lower case, runs of other characters → '-'. */
export function campaignIdOf(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64) || 'campaign'
  );
}

const isoDate = z.string().refine((s) => isoDateOrNull(s) !== null, { message: 'must be a date YYYY-MM-DD' });
const share = z.number().finite();
const schema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'must be lower-case letters, digits and dashes' })
    .max(64)
    .optional(),
  name: z.string().min(1),
  description: z.string().optional(),
  target: z.union([
    z.strictObject({ rule: z.string().min(1) }),
    z.strictObject({ ids: z.array(z.union([z.string(), z.number()])).min(1) }),
    z.strictObject({ ids_file: z.string().min(1) }),
  ]),
  action: z.string().min(1),
  send_date: isoDate,
  response_window_days: z.number().int().min(1).max(3650),
  control_share: share.optional(),
  global_holdout_share: share.optional(),
  salt: z.string().min(1).optional(),
  margin_pct: z.number().finite().min(0).max(100).optional(),
  cost_per_contact: z.number().finite().min(0).optional(),
});

const fail = (file: string, field: string, text: string): never => {
  throw new InputError('bad_campaign', `${file}: ${text}`, { file, field });
};

/** The first zod issue as one sentence naming the field. */
function describe(issue: z.core.$ZodIssue): { field: string; text: string } {
  const field = issue.path.map(String).join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys')
    return { field, text: `unknown field ${issue.keys.join(', ')}${field === '(top level)' ? '' : ` in ${field}`} (check the spelling)` };
  if (issue.code === 'invalid_union' && field === 'target')
    return { field, text: 'target needs exactly one of rule (e.g. "value_tier = Gold"), ids (a list) or ids_file (a CSV of customer ids)' };
  if (issue.code === 'invalid_type' && issue.input === undefined) return { field, text: `${field} is missing` };
  return { field, text: `${field} ${issue.message}` };
}

/**
 * Parses and validates a campaign definition (YAML, or JSON, which is YAML too):
 *
 * ```yaml
 * name: Win back lapsed gold customers
 * target: { rule: "value_tier = Gold AND lifecycle_stage IN (lapsed, at_risk)" }   # or ids: [...] / ids_file: list.csv
 * action: 20% voucher by e-mail
 * send_date: 1997-10-01
 * response_window_days: 30
 * control_share: 0.1            # default 0.1
 * global_holdout_share: 0.05    # optional, default 0
 * salt: winback-1997-10         # default: the campaign id
 * margin_pct: 30                # optional; default the log's cost column
 * cost_per_contact: 0.4         # optional
 * ```
 *
 * `ids_file` is read by {@link loadCampaign}; here it is kept as `{ kind: 'ids', ids: [] }` with its path.
 *
 * @throws InputError `bad_campaign` (context: file, field) — a missing or unknown field, a control
 *   share of 0 ("a control group of zero"), shares outside [0, 1), a bad date or rule.
 * @example
 * parseCampaign('name: Test\ntarget: {rule: "r_score >= 4"}\naction: mail\nsend_date: 2024-03-01\nresponse_window_days: 14').controlShare; // => 0.1
 */
export function parseCampaign(text: string, file = 'campaign'): Campaign {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    return fail(file, '(file)', `not valid YAML/JSON: ${String((error as Error).message).split('\n')[0]}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return fail(file, '(file)', 'must be a map with name, target, action, send_date and response_window_days');
  const parsed = schema.safeParse(doc);
  if (!parsed.success) {
    const d = describe(parsed.error.issues[0]!);
    return fail(file, d.field, d.text);
  }
  const c = parsed.data;
  const controlShare = c.control_share ?? 0.1;
  if (controlShare === 0)
    fail(
      file,
      'control_share',
      'control_share is 0: a control group of zero measures nothing (without it, customers who would have bought anyway make every campaign look good); use e.g. 0.1',
    );
  if (!(controlShare > 0 && controlShare < 1))
    fail(file, 'control_share', `control_share must be a share between 0 and 1 (0.1 = 10%); got ${controlShare}`);
  const holdoutShare = c.global_holdout_share ?? 0;
  if (!(holdoutShare >= 0 && holdoutShare < 1))
    fail(file, 'global_holdout_share', `global_holdout_share must be a share in [0, 1) (0.05 = 5%); got ${holdoutShare}`);
  let target: CampaignTarget;
  if ('rule' in c.target) {
    try {
      target = { kind: 'rule', rule: c.target.rule, conditions: parseAudienceRule(c.target.rule) };
    } catch (error) {
      return fail(file, 'target.rule', (error as Error).message);
    }
  } else if ('ids' in c.target) target = { kind: 'ids', ids: [...new Set(c.target.ids.map(String))], source: 'inline' };
  else target = { kind: 'ids', ids: [], source: c.target.ids_file };
  const id = c.id ?? campaignIdOf(c.name);
  return {
    id,
    name: c.name,
    description: c.description ?? null,
    target,
    action: c.action,
    sendDate: c.send_date,
    windowDays: c.response_window_days,
    windowEnd: addDays(c.send_date, c.response_window_days),
    controlShare,
    holdoutShare,
    salt: c.salt ?? id,
    marginPct: c.margin_pct ?? null,
    costPerContact: c.cost_per_contact ?? 0,
  };
}

/**
 * Reads a list of customer ids: a CSV whose header has a `customer_id` (or `customer`, `id`) column,
 * or a plain list with one id per line. Empty lines are skipped; duplicates are kept once.
 * @throws InputError `ids_unreadable`, `no_ids`.
 */
export async function readIdList(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError('ids_unreadable', `Cannot read the id list ${path}: ${(error as Error).message}`, { path });
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const unquote = (s: string): string =>
    s
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .replace(/""/g, '"');
  const header = (lines[0] ?? '').split(',').map((h) => unquote(h).toLowerCase());
  const col = header.findIndex((h) => ['customer_id', 'customerid', 'customer', 'id'].includes(h));
  const body = col >= 0 ? lines.slice(1).map((l) => unquote(l.split(',')[col] ?? '')) : lines.map(unquote);
  const ids = [...new Set(body.filter((s) => s.length > 0))];
  if (ids.length === 0) throw new InputError('no_ids', `The id list ${path} holds no customer ids`, { path });
  return ids;
}

/**
 * Reads and validates a campaign file; an `ids_file` is read relative to the campaign file.
 * @throws InputError `campaign_unreadable`, `bad_campaign`, `ids_unreadable`, `no_ids`.
 */
export async function loadCampaign(path: string): Promise<Campaign> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError('campaign_unreadable', `Cannot read the campaign file ${path}: ${(error as Error).message}`, { path });
  }
  const c = parseCampaign(text, basename(path));
  if (c.target.kind === 'ids' && c.target.source !== 'inline') {
    const file = resolve(dirname(path), c.target.source);
    c.target = { kind: 'ids', ids: await readIdList(file), source: file };
  }
  return c;
}
