import type { Engine, SqlValue } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { acquisitionLocalSql, ATTRIBUTION_TEXT, UNKNOWN, type AttributionRule } from './attribution-sql.js';
import { ensureInputTables } from './input-ingest.js';
import type { AttributeType } from './input-sql.js';
import { idPositions } from '../customers/id-index.js';

/** A per-customer breakdown column aligned to a list of customer ids. */
export interface CustomerDimension {
  /** `channel` or the attribute's name. */
  name: string;
  type: 'channel' | AttributeType;
  /** The level of each customer of `ids` (`unknown` when the customer has no value). */
  values: string[];
  /** Levels in display order: by customers (most first), `unknown` last; numeric bands in order. */
  levels: string[];
  /** Customers of `ids` with no value. */
  unknown: number;
  /** How the levels were made, in words. */
  rule: string;
}

export interface DimensionOptions {
  /** For `channel`: the attribution rule (default `file-then-first-order`). */
  attribution?: AttributionRule;
  /** Last day of the log to use (default: the last transaction day). */
  asOf?: string;
  /** Numeric attributes: number of bands by quantile (default 4). */
  bands?: number;
}

/** The names a report can be broken down by: `channel` and every attribute of the customers file. */
export async function dimensionNames(engine: Engine): Promise<{ name: string; type: 'channel' | AttributeType }[]> {
  await ensureInputTables(engine);
  const attrs = await engine.rows<{ name: string; type: AttributeType }>(
    "SELECT name, type FROM input_attributes WHERE kind = 'customers' ORDER BY position",
  );
  return [{ name: 'channel', type: 'channel' }, ...attrs];
}

/** How to read a dimension's level per customer: a query of (customer_id, level), or the acquisition channel. */
export interface DimensionQuery {
  name: string;
  type: CustomerDimension['type'];
  /**
   * SELECT customer_id, level (customers without a row are `unknown`); for `channel`, the acquisition
   * query's channel. Per customer: computed where the rows live (`dialect.perShard`) when it reads the log.
   */
  sql: string;
  /**
   * The same rows written for use inside a `dialect.perShard` relation (it reads only per-customer
   * tables sharded by customer id and holds no perShard of its own): join it to other per-customer
   * work on each shard.
   */
  localSql: string;
  /** Parameters of `sql` and `localSql` (none: names are inlined as escaped literals, which a perShard relation needs). */
  params: SqlValue[];
  /** Levels in band order for numeric attributes, else null. */
  ordered: string[] | null;
  rule: string;
}

/**
 * The query behind a dimension: the acquisition channel under an attribution rule, a categorical
 * attribute's value, or a numeric attribute's quantile band (cut points from the customers' values).
 * @throws InputError `unknown_dimension` naming the dimensions there are (and, when the workspace
 *   has no customers file, how to add one).
 */
export async function dimensionQuery(engine: Engine, name: string, options: DimensionOptions = {}): Promise<DimensionQuery> {
  const names = await dimensionNames(engine);
  const found = names.find((n) => n.name === name);
  if (!found) {
    const hint = names.length === 1 ? ' (the workspace has no customers file with attributes: pass --customers FILE)' : '';
    throw new InputError('unknown_dimension', `No dimension "${name}"; available: ${names.map((n) => n.name).join(', ')}${hint}`, {
      name,
      available: names.map((n) => n.name),
    });
  }
  const d = engine.dialect;
  const rule0 = options.attribution ?? 'file-then-first-order';
  if (found.type === 'channel') {
    const localSql = `SELECT customer_id, channel AS level FROM (${acquisitionLocalSql(d, rule0, options.asOf ?? null)}) a`;
    return {
      name,
      type: 'channel',
      params: [],
      ordered: null,
      rule: ATTRIBUTION_TEXT[rule0],
      localSql,
      sql: `SELECT customer_id, level FROM ${d.perShard(localSql)} dm`,
    };
  }
  const named = `FROM customer_attributes WHERE name = ${d.string(name)}`;
  if (found.type === 'categorical') {
    const sql = `SELECT customer_id, value AS level ${named}`;
    return { name, type: 'categorical', params: [], ordered: null, rule: `${name} as given in the customers file`, sql, localSql: sql };
  }
  // the values as text, parsed here (exact on every engine); SQL compares each value with a cut point
  // parsed from text by the same function, so the bands agree with the cut points on every engine
  const b = await engine.columns(`SELECT value AS v ${named}`, { v: 'string' });
  const bands = numericBands(Float64Array.from(b.strings.v!, Number), options.bands ?? 4);
  const cases = bands.cuts.map((c, j) => `WHEN v < ${d.double(d.string(String(c)))} THEN ${d.string(bands.labels[j]!)}`).join(' ');
  const sql = `SELECT customer_id, CASE ${cases} ELSE ${d.string(bands.labels[bands.labels.length - 1]!)} END AS level FROM (SELECT customer_id, ${d.double('value')} AS v ${named}) x`;
  return {
    name,
    type: 'numeric',
    params: [],
    ordered: bands.labels,
    rule: `${name} in ${bands.labels.length} bands at the quantiles of the customers' values (cut points ${bands.cuts.join(', ') || 'none: one value'})`,
    sql,
    localSql: sql,
  };
}

/**
 * The level of `name` for each customer of `ids` (see {@link dimensionQuery}): a customer without
 * a row or a value is `unknown`, never dropped.
 * @throws InputError `unknown_dimension`
 * @example
 * const d = await customerDimension(engine, summary.customerId, 'channel');
 * d.values[0]; // 'search'
 */
export async function customerDimension(
  engine: Engine,
  ids: readonly string[],
  name: string,
  options: DimensionOptions = {},
): Promise<CustomerDimension> {
  // one (customer_id, level) row per customer leaves the database; on ClickHouse the channel's attribution runs per shard
  const q = await dimensionQuery(engine, name, options);
  const at = idPositions(ids);
  const values: string[] = new Array<string>(ids.length).fill(UNKNOWN);
  const b = await engine.columns(q.sql, { customer_id: 'string', level: 'string' }, q.params);
  for (let k = 0; k < b.length; k++) {
    const i = at.get(b.strings.customer_id![k]!);
    if (i !== undefined) values[i] = b.strings.level![k]!;
  }
  return finish(q.name, q.type, values, q.rule, q.ordered);
}

function finish(
  name: string,
  type: CustomerDimension['type'],
  values: string[],
  rule: string,
  ordered: string[] | null,
): CustomerDimension {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const unknown = counts.get(UNKNOWN) ?? 0;
  let levels = ordered
    ? ordered.filter((l) => counts.has(l))
    : [...counts.keys()].filter((l) => l !== UNKNOWN).sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1));
  if (unknown > 0) levels = [...levels, UNKNOWN];
  return { name, type, values, levels, unknown, rule: `${rule}; customers without a value: ${UNKNOWN}` };
}

/**
 * Quantile bands of a numeric attribute: cut points at the k-quantiles of the non-missing values
 * (taken from the sorted values, so integer data keeps integer cuts), duplicates removed.
 * @example numericBands(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), 4).labels; // ['< 3', '3 to < 5', '5 to < 7', '≥ 7']
 */
export function numericBands(values: Float64Array, k: number): { cuts: number[]; labels: string[]; band: (v: number) => number } {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  const cuts: number[] = [];
  for (let j = 1; j < k && sorted.length > 0; j++) {
    const c = sorted[Math.min(sorted.length - 1, Math.floor((j * sorted.length) / k))]!;
    if (c > sorted[0]! && !cuts.includes(c)) cuts.push(c);
  }
  const fmt = (v: number): string => String(Number(v.toPrecision(6)));
  const labels =
    cuts.length === 0
      ? ['all']
      : [`< ${fmt(cuts[0]!)}`, ...cuts.slice(1).map((c, j) => `${fmt(cuts[j]!)} to < ${fmt(c)}`), `≥ ${fmt(cuts[cuts.length - 1]!)}`];
  const band = (v: number): number => {
    let b = 0;
    while (b < cuts.length && v >= cuts[b]!) b++;
    return b;
  };
  return { cuts, labels, band };
}
