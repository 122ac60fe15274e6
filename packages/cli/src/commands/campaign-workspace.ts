import {
  campaignFromForm,
  campaignListSection,
  campaignPlanSection,
  campaignResults,
  campaignResultsSection,
  campaignUpliftSection,
  createCampaign,
  deleteCampaign,
  InputError,
  listCampaigns,
  loadCampaign,
  loadCampaignResponses,
  previewCampaign,
  getCampaign,
  readIdList,
  requireAudience,
  type Campaign,
  type Engine,
  type ReportSection,
} from '@cvm/core';
import { ENGINE_OPTION, formatOf, listOf, parse, stringOf, WORKSPACE_OPTION, type OptionSpecs, type Values } from '../args.js';
import type { Context } from '../context.js';
import { sectionOutput, type Format } from '../output.js';
import { openEngine } from '../source.js';

/** `cvm campaign create|results|list`: campaigns stored in a workspace (issue 14). */

const CREATE_OPTIONS: OptionSpecs = {
  file: { type: 'string' },
  name: { type: 'string' },
  id: { type: 'string' },
  audience: { type: 'string', multiple: true },
  'saved-audience': { type: 'string' },
  ids: { type: 'string' },
  action: { type: 'string' },
  'send-date': { type: 'string' },
  window: { type: 'string' },
  'control-share': { type: 'string' },
  'holdout-share': { type: 'string' },
  seed: { type: 'string' },
  'margin-pct': { type: 'string' },
  'cost-per-contact': { type: 'string' },
  'effect-rate': { type: 'string' },
  'effect-revenue': { type: 'string' },
  'dry-run': { type: 'boolean' },
  replace: { type: 'boolean' },
};

const RESULTS_OPTIONS: OptionSpecs = {
  responses: { type: 'string' },
  'id-col': { type: 'string' },
  'responded-col': { type: 'string' },
  'revenue-col': { type: 'string' },
  'margin-col': { type: 'string' },
  by: { type: 'string', multiple: true },
  uplift: { type: 'boolean' },
  bootstrap: { type: 'string' },
  seed: { type: 'string' },
  table: { type: 'string' },
};

/** A number flag, or undefined when absent. @throws InputError `bad_usage` for text that is not a finite number. */
function numberOf(values: Values, name: string): number | undefined {
  const s = stringOf(values[name]);
  if (s === undefined) return undefined;
  const n = Number(s);
  if (s.trim() === '' || !Number.isFinite(n)) throw new InputError('bad_usage', `--${name} must be a number; got "${s}"`, {});
  return n;
}

/** The workspace the campaigns are stored in: --workspace DIR or --engine clickhouse://… (see source.ts). */
async function openStore(values: Values, command: string, readOnly: boolean): Promise<Engine> {
  if (stringOf(values.workspace) === undefined && stringOf(values.engine) === undefined)
    throw new InputError(
      'bad_usage',
      `cvm campaign ${command} needs --workspace DIR or --engine URL (campaigns are stored in a workspace; cvm ingest LOG --workspace DIR makes one)`,
      {},
    );
  return openEngine(values, true, { readOnly });
}

/** Prints sections: the first for machines (its first table as CSV/NDJSON), all of them for people. */
function printSections(ctx: Context, format: Format, sections: ReportSection[], json: unknown, table?: string): void {
  const outs = sections.map(sectionOutput);
  const all = outs.flatMap((o) => o.tables);
  const wanted = table === undefined ? all[0] : all[sections.flatMap((s) => s.tables).findIndex((t) => t.id === table)];
  if (table !== undefined && !wanted)
    throw new InputError(
      'bad_usage',
      `--table ${table} is not in this report; tables: ${sections
        .flatMap((s) => s.tables)
        .map((t) => t.id)
        .join(', ')}`,
      {},
    );
  const [first, ...rest] = outs;
  ctx.print(format === 'table' ? { ...first!, json, sections: rest, maxTableRows: 60 } : { tables: wanted ? [wanted] : [], json }, format);
}

/** The filters of `--saved-audience NAME` (a `cvm audience save` of this workspace), or none. */
async function savedAudienceFilters(engine: Engine, values: Values): Promise<string[]> {
  const name = stringOf(values['saved-audience']);
  return name === undefined ? [] : [...(await requireAudience(engine, name)).filters];
}

async function campaignOf(values: Values, saved: readonly string[] = []): Promise<Campaign> {
  const file = stringOf(values.file);
  if (file !== undefined) return loadCampaign(file);
  const name = stringOf(values.name),
    action = stringOf(values.action),
    sendDate = stringOf(values['send-date']),
    windowDays = numberOf(values, 'window');
  if (!name || !action || !sendDate || windowDays === undefined)
    throw new InputError(
      'bad_usage',
      'cvm campaign create needs --file CAMPAIGN.yaml, or --name, --action, --send-date and --window (see --help)',
      {},
    );
  const idsFile = stringOf(values.ids);
  return campaignFromForm({
    name,
    id: stringOf(values.id),
    action,
    sendDate,
    windowDays,
    audience: [...(listOf(values.audience).length ? (values.audience as string[]) : []), ...saved],
    ids: idsFile === undefined ? undefined : await readIdList(idsFile),
    controlShare: numberOf(values, 'control-share'),
    holdoutShare: numberOf(values, 'holdout-share'),
    seed: stringOf(values.seed),
    marginPct: numberOf(values, 'margin-pct'),
    costPerContact: numberOf(values, 'cost-per-contact'),
  });
}

/** `cvm campaign create`: defines a campaign over an audience, prints the power, assigns and stores it (or only previews with --dry-run). */
export async function createCommand(argv: string[], ctx: Context): Promise<number> {
  const { values } = parse(argv, WORKSPACE_OPTION, ENGINE_OPTION, CREATE_OPTIONS);
  if (values.help) return ctx.help('campaign');
  const format = formatOf(values, ctx.stdoutIsTTY);
  const dryRun = values['dry-run'] === true;
  if (stringOf(values['saved-audience']) !== undefined && stringOf(values.file) !== undefined)
    throw new InputError('bad_usage', '--saved-audience goes with the form flags (--name, --action, …), not with --file', {});
  const engine = await openStore(values, 'create', false);
  try {
    // a saved audience's filters join the campaign's rule, re-evaluated as of the send date
    const campaign = await campaignOf(values, await savedAudienceFilters(engine, values));
    const effects = { responseRate: numberOf(values, 'effect-rate'), revenue: numberOf(values, 'effect-revenue') };
    const preview = await previewCampaign(engine, campaign, { effects });
    if (!dryRun) await createCampaign(engine, campaign, { replace: values.replace === true });
    const section = campaignPlanSection(preview, !dryRun);
    printSections(ctx, format, [section], {
      campaign,
      created: !dryRun,
      counts: preview.counts,
      audience: { customers: preview.audience.ids.length, asOf: preview.audience.asOf, source: preview.audience.source },
      power: preview.power,
      section,
    });
  } finally {
    await engine.close();
  }
  return 0;
}

/** `cvm campaign results ID`: the results of a stored campaign, from the transactions in its window or a response file. */
export async function resultsCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, WORKSPACE_OPTION, ENGINE_OPTION, RESULTS_OPTIONS);
  if (values.help) return ctx.help('campaign');
  if (positionals.length !== 1)
    throw new InputError(
      'bad_usage',
      `cvm campaign results takes one campaign ID; got ${positionals.length} (cvm campaign list shows them)`,
      {},
    );
  const format = formatOf(values, ctx.stdoutIsTTY);
  const responses = stringOf(values.responses);
  const bootstrap = numberOf(values, 'bootstrap') ?? 2000,
    seed = numberOf(values, 'seed') ?? 1;
  if (!Number.isInteger(bootstrap) || bootstrap < 0 || !Number.isInteger(seed))
    throw new InputError('bad_usage', '--bootstrap and --seed must be whole numbers (--bootstrap 0 turns it off)', {});
  const engine = await openStore(values, 'results', false);
  try {
    const loaded =
      responses === undefined
        ? null
        : await loadCampaignResponses(engine, positionals[0]!, responses, {
            idColumn: stringOf(values['id-col']),
            respondedColumn: stringOf(values['responded-col']),
            revenueColumn: stringOf(values['revenue-col']),
            marginColumn: stringOf(values['margin-col']),
          });
    const r = await campaignResults(engine, positionals[0]!, {
      by: listOf(values.by),
      bootstrap: bootstrap === 0 ? false : { resamples: bootstrap, seed },
      uplift: values.uplift === true ? { seed } : undefined,
    });
    const section = campaignResultsSection(r);
    if (loaded)
      section.lines.splice(
        1,
        0,
        `Response file ${responses}: ${loaded.rowsLoaded.toLocaleString('en-US')} of ${loaded.rowsRead.toLocaleString('en-US')} rows loaded${loaded.quarantine.length ? `, ${loaded.quarantine.length.toLocaleString('en-US')} quarantined` : ''}${loaded.unknownCustomers ? `, ${loaded.unknownCustomers.toLocaleString('en-US')} for customers not in the campaign (ignored)` : ''}.`,
      );
    const sections = r.uplift ? [section, campaignUpliftSection(r)] : [section];
    const uplift = r.uplift ? (({ scores: _s, curve: _c, ...rest }) => rest)(r.uplift) : null;
    printSections(ctx, format, sections, { ...r, uplift, responseFile: loaded, sections }, stringOf(values.table));
  } finally {
    await engine.close();
  }
  return 0;
}

/** `cvm campaign list`: the stored campaigns with their status. */
export async function listCommand(argv: string[], ctx: Context): Promise<number> {
  const { values } = parse(argv, WORKSPACE_OPTION, ENGINE_OPTION);
  if (values.help) return ctx.help('campaign');
  const format = formatOf(values, ctx.stdoutIsTTY);
  const engine = await openStore(values, 'list', false);
  try {
    const rows = await listCampaigns(engine);
    printSections(ctx, format, [campaignListSection(rows)], rows);
  } finally {
    await engine.close();
  }
  return 0;
}

/**
 * `cvm campaign delete ID`: removes a stored campaign with its assignment and responses. An id that
 * is not stored is refused (`campaign_not_found`, naming those that are) rather than passed over.
 */
export async function deleteCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, WORKSPACE_OPTION, ENGINE_OPTION);
  if (values.help) return ctx.help('campaign');
  if (positionals.length !== 1)
    throw new InputError(
      'bad_usage',
      `cvm campaign delete takes one campaign ID; got ${positionals.length} (cvm campaign list shows them)`,
      {},
    );
  const id = positionals[0]!;
  const format = formatOf(values, ctx.stdoutIsTTY);
  const engine = await openStore(values, 'delete', false);
  try {
    const stored = await getCampaign(engine, id);
    await deleteCampaign(engine, id);
    const row = { deleted: id, name: stored.campaign.name, customers: stored.customers ?? 0 };
    const text = [`Deleted campaign ${id} (${row.name}) with its assignment of ${row.customers} customers and its responses`];
    ctx.print(
      { text, tables: [{ columns: ['deleted', 'name', 'customers'], rows: [[row.deleted, row.name, row.customers]] }], json: row },
      format,
    );
  } finally {
    await engine.close();
  }
  return 0;
}
