import type { Analysis } from '../analysis/analysis.js';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import type { ReportColumn } from '../report/report-table.js';
import { filterSchema, type ServedTable } from '../tables/served-table.js';
import { compileTableQuery } from '../tables/table-query-sql.js';
import { innerEngine } from '../engine/serial-engine.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import { clickhouseString } from '../engine/clickhouse/clickhouse-dialect.js';
import { ensureWorkspaceTable } from '../engine/workspace-table.js';
import { AUDIENCE_DDL, AUDIENCE_TABLE, deleteAudienceSql, getAudienceSql, insertAudienceSql, listAudiencesSql } from './audience-sql.js';

/** A saved audience: a named rule over the customer table, re-evaluated on the current data. */
export interface Audience {
  name: string;
  description: string;
  /** Filters `column:op:value`, AND-ed (the customer table's syntax, e.g. `churn_risk:eq:high`). */
  filters: string[];
  createdAt: string;
  updatedAt: string;
}

const NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,99}$/u;

/** Creates the audiences table when missing (on ClickHouse: on every shard, see {@link AUDIENCE_TABLE}). */
export async function ensureAudienceTable(engine: Engine): Promise<void> {
  await ensureWorkspaceTable(engine, AUDIENCE_DDL, AUDIENCE_TABLE);
}

/** Removes an audience's row: a DELETE on DuckDB, its partition dropped on every ClickHouse shard. */
async function removeAudienceRow(engine: Engine, name: string): Promise<void> {
  const base = innerEngine(engine);
  if (isClickHouseEngine(base))
    await base.execOnShards(`ALTER TABLE ${base.localDatabase}.${AUDIENCE_TABLE.name} DROP PARTITION ${clickhouseString(name)}`);
  else await engine.exec(deleteAudienceSql(), { name });
}

/**
 * Checks an audience's name, description and filter syntax.
 * @throws InputError `bad_audience` naming the first problem
 * @example
 * checkAudience({ name: 'gold', filters: ['value_tier:eq:Gold'] }); // passes; 'value_tier=Gold' would throw
 */
export function checkAudience(a: { name: string; filters: readonly string[]; description?: string }): void {
  const bad = (message: string): never => {
    throw new InputError('bad_audience', message, { name: a.name });
  };
  if (typeof a.name !== 'string' || !NAME.test(a.name))
    bad(`an audience name is 1 to 100 letters, digits, spaces, _ . or - (starting with a letter or digit); got "${a.name}"`);
  if (!Array.isArray(a.filters) || a.filters.length === 0 || a.filters.length > 20)
    bad(`an audience needs 1 to 20 filters column:op:value; got ${Array.isArray(a.filters) ? a.filters.length : 'none'}`);
  for (const f of a.filters) {
    const r = filterSchema.safeParse(f);
    if (!r.success) bad(`filter "${f}": ${r.error.issues[0]!.message}`);
  }
  if (a.description !== undefined && (typeof a.description !== 'string' || a.description.length > 500))
    bad('the description is at most 500 characters of text');
}

type Row = { name: string; description: string; filters: string; created_at: string; updated_at: string };
const fromRow = (r: Row): Audience => ({
  name: r.name,
  description: r.description,
  filters: JSON.parse(r.filters) as string[],
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * Saves (or replaces, keeping its creation time) a named audience in the workspace.
 * @param options.columns - the customer table's columns, to reject unknown columns and non-numeric
 *   values now rather than when the audience is used
 * @throws InputError `bad_audience`, `bad_filter`
 * @example
 * await saveAudience(engine, { name: 'gold at risk', filters: ['value_tier:eq:Gold', 'retention_list:eq:at_risk'], description: 'weekly call list' });
 * // => { name: 'gold at risk', …, createdAt: '2026-…' }
 */
export async function saveAudience(
  engine: Engine,
  a: { name: string; filters: readonly string[]; description?: string },
  options: { columns?: readonly ReportColumn[]; now?: string } = {},
): Promise<Audience & { replaced: boolean }> {
  checkAudience(a);
  const columns = options.columns;
  if (columns?.length) {
    // unknown columns and non-numeric values fail now, with the same messages as when it is used
    const probe: ServedTable = {
      id: 'audience',
      title: a.name,
      from: 'none',
      columns,
      defaultSort: columns[0]!.key,
      defaultDir: 'asc',
      tieBreak: columns[0]!.key,
    };
    compileTableQuery(engine.dialect, probe, { filter: [...a.filters] });
  }
  await ensureAudienceTable(engine);
  const now = options.now ?? new Date().toISOString();
  const old = await getAudience(engine, a.name);
  await removeAudienceRow(engine, a.name);
  const row = {
    name: a.name,
    description: a.description ?? '',
    filters: JSON.stringify(a.filters),
    created: old?.createdAt ?? now,
    updated: now,
  };
  await engine.exec(insertAudienceSql(), row);
  return {
    name: a.name,
    description: row.description,
    filters: [...a.filters],
    createdAt: row.created,
    updatedAt: now,
    replaced: old !== null,
  };
}

/** Every saved audience, by name (empty when none). */
export async function listAudiences(engine: Engine): Promise<Audience[]> {
  await ensureAudienceTable(engine);
  return (await engine.rows<Row>(listAudiencesSql())).map(fromRow);
}

/** One saved audience, or null. */
export async function getAudience(engine: Engine, name: string): Promise<Audience | null> {
  await ensureAudienceTable(engine);
  const [r] = await engine.rows<Row>(getAudienceSql(), { name });
  return r ? fromRow(r) : null;
}

/**
 * A saved audience, or an error naming the saved ones.
 * @throws InputError `audience_not_found`
 */
export async function requireAudience(engine: Engine, name: string): Promise<Audience> {
  const a = await getAudience(engine, name);
  if (a) return a;
  const names = (await listAudiences(engine)).map((x) => x.name);
  throw new InputError(
    'audience_not_found',
    `No audience "${name}"; saved: ${names.length ? names.join(', ') : 'none'} (save one with: cvm audience save NAME --filter column:op:value --workspace DIR)`,
    { name },
  );
}

/** Deletes a saved audience; false when there was none. */
export async function deleteAudience(engine: Engine, name: string): Promise<boolean> {
  const a = await getAudience(engine, name);
  if (!a) return false;
  await removeAudienceRow(engine, name);
  return true;
}

/**
 * The audience's members on the current data: its filters applied to the analysis's customer table
 * (re-evaluated whenever the data changes). Returns the table and the filters to page, sort or export
 * it (`tablePage`, `tableCsvStream` with `filter`), and the member ids in the table's default order
 * (what a campaign targets).
 * @throws InputError `audience_not_found`, `bad_filter` (a column the current table lacks, e.g.
 *   `profit` without a cost model)
 * @example
 * const { ids } = await audienceMembers(analysis, 'gold at risk'); // => ['1981', '1203', …]
 */
export async function audienceMembers(
  analysis: Analysis,
  name: string,
): Promise<{ audience: Audience; table: ServedTable; filter: string[]; ids: string[] }> {
  const audience = await requireAudience(analysis.engine, name);
  const table = await analysis.customerTable();
  const c = compileTableQuery(analysis.engine.dialect, table, { filter: audience.filters });
  const ids = (
    await analysis.engine.columns(`SELECT customer_id FROM ${table.from} ${c.where} ${c.order}`, { customer_id: 'string' }, c.params)
  ).strings.customer_id!;
  return { audience, table, filter: [...audience.filters], ids };
}
