import type { Engine, SqlValue } from '../engine/engine.js';
import { UNKNOWN } from '../inputs/attribution-sql.js';
import type { AttributeType } from '../inputs/input-sql.js';
import { acquisitionTableSql, ACQUISITION_TABLE } from '../acquisition/acquisition-sql.js';

/**
 * One attribute's values per entity: a categorical attribute as codes into `levels` (the customers'
 * levels; −1 = a value never seen among customers), a numeric one as numbers (NaN when empty).
 */
export type AttributeColumn =
  | { name: string; type: 'categorical'; levels: string[]; codes: Int32Array }
  | { name: string; type: 'numeric'; values: Float64Array };

type Spec = { name: string; type: AttributeType };

/** The attribute names and types of a kind's file (`customers` or `prospects`). */
export async function attributeSpecs(engine: Engine, kind: 'customers' | 'prospects'): Promise<Spec[]> {
  return engine.rows<Spec>('SELECT name, type FROM input_attributes WHERE kind = $1 ORDER BY position', [kind]);
}

/** Level codes of the customers' categorical values: dense rank of the value within its attribute. */
const LEVELS = `SELECT name, value, dense_rank() OVER (PARTITION BY name ORDER BY value) - 1 AS code FROM (SELECT DISTINCT name, value FROM customer_attributes) d`;
const CHANNELS = `SELECT channel, dense_rank() OVER (ORDER BY channel) - 1 AS code FROM (SELECT DISTINCT channel FROM ${ACQUISITION_TABLE}) d`;

/** The pivot of one attribute per column (`a0`, `a1`, …) from rows (id, name, value, code). */
function pivot(specs: readonly Spec[], id: string, from: string): { sql: string; params: SqlValue[] } {
  const cols = specs.map((s, k) => s.type === 'numeric'
    ? `max(CASE WHEN name = $${k + 1} THEN try_cast(value AS DOUBLE) END) AS a${k}`
    : `max(CASE WHEN name = $${k + 1} THEN code END) AS a${k}`);
  return { sql: `SELECT ${id}, ${cols.length ? cols.join(', ') : 'NULL AS a_none'} FROM (${from}) x GROUP BY ${id}`, params: specs.map((s) => s.name) };
}

/** The customers' levels of each categorical attribute (and of the channel), in code order. */
async function levelsOf(engine: Engine, specs: readonly Spec[], withChannel: boolean): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await engine.rows<{ name: string; value: string }>(`SELECT name, value FROM (${LEVELS}) l ORDER BY name, code`)) {
    if (!out.has(r.name)) out.set(r.name, []);
    out.get(r.name)!.push(r.value);
  }
  if (withChannel) out.set('channel', (await engine.rows<{ channel: string }>(`SELECT channel FROM (${CHANNELS}) c ORDER BY code`)).map((r) => r.channel));
  for (const s of specs) if (s.type === 'categorical' && !out.has(s.name)) out.set(s.name, []);
  return out;
}

/** Codes as read (NaN = no value) to the final codes: no value is the level `unknown`, added when needed. */
function categorical(name: string, raw: Float64Array, levels: string[], addUnknown: boolean, missingAsUnseen?: Map<string, number>): AttributeColumn {
  let unknown = levels.indexOf(UNKNOWN);
  const codes = new Int32Array(raw.length);
  let unseen = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    if (Number.isNaN(v)) {
      if (unknown < 0 && addUnknown) unknown = levels.push(UNKNOWN) - 1;
      codes[i] = unknown; // −1 (unseen) when the customers have no unknown level
      if (unknown < 0) unseen++;
    } else codes[i] = v;
  }
  if (unseen > 0) missingAsUnseen?.set(name, unseen);
  return { name, type: 'categorical', levels, codes };
}

/**
 * Customer attributes aligned to `ids` (customers without a value get the level `unknown`), plus
 * `channel` (the acquisition channel: the customers file's, else the first order's) when
 * `withChannel`. One query: codes are computed in SQL, so no value text is read per customer.
 */
export async function customerAttributeColumns(engine: Engine, ids: readonly string[], specs: readonly Spec[], withChannel: boolean, asOf: string): Promise<AttributeColumn[]> {
  await engine.exec(acquisitionTableSql(engine.dialect, 'file-then-first-order', asOf));
  const levels = await levelsOf(engine, specs, withChannel);
  const p = pivot(specs, 'customer_id', `SELECT ca.customer_id, ca.name, ca.value, l.code FROM customer_attributes ca JOIN (${LEVELS}) l ON l.name = ca.name AND l.value = ca.value`);
  const sql = `SELECT a.customer_id, c.code AS ch${specs.map((_, k) => `, p.a${k}`).join('')}
    FROM ${ACQUISITION_TABLE} a JOIN (${CHANNELS}) c ON c.channel = a.channel LEFT JOIN (${p.sql}) p ON p.customer_id = a.customer_id`;
  const kinds: Record<string, 'f64' | 'string'> = { customer_id: 'string', ch: 'f64' };
  specs.forEach((_, k) => (kinds[`a${k}`] = 'f64'));
  const b = await engine.columns(sql, kinds, p.params);
  const at = new Map<string, number>();
  ids.forEach((id, i) => at.set(id, i));
  const rows = Int32Array.from(b.strings.customer_id!, (id) => at.get(id) ?? -1);
  const aligned = (col: Float64Array): Float64Array => {
    const out = new Float64Array(ids.length).fill(NaN);
    for (let k = 0; k < rows.length; k++) if (rows[k]! >= 0) out[rows[k]!] = col[k]!;
    return out;
  };
  const out: AttributeColumn[] = [];
  if (withChannel) out.push(categorical('channel', aligned(b.f64.ch!), levels.get('channel')!, true));
  specs.forEach((s, k) => out.push(s.type === 'numeric' ? { name: s.name, type: 'numeric', values: aligned(b.f64[`a${k}`]!) } : categorical(s.name, aligned(b.f64[`a${k}`]!), levels.get(s.name)!, true)));
  return out;
}

/** Prospects' attributes coded with the customers' levels, and the values the customers never had. */
export interface ProspectColumns {
  ids: string[];
  columns: AttributeColumn[];
  /** Per attribute: value never seen among customers → prospects. */
  unseen: { attribute: string; value: string; prospects: number }[];
  /** The unseen value of a prospect (index in file order) for an attribute, for the first 100,000 such cells. */
  unseenValue(attribute: string, i: number): string | undefined;
}

/**
 * Prospect ids in file order and the attributes of `customerColumns` coded with the customers'
 * levels (−1 for a value never seen among customers; an empty value is `unknown`, unseen when no
 * customer lacks the value). Call after {@link customerAttributeColumns} (it reads the same
 * acquisition table for the channel levels).
 */
export async function prospectAttributeColumns(engine: Engine, specs: readonly Spec[], customerColumns: readonly AttributeColumn[]): Promise<ProspectColumns> {
  const withChannel = customerColumns.some((c) => c.name === 'channel');
  const coded = `SELECT pa.prospect_id, pa.name, pa.value, coalesce(l.code, -1) AS code FROM prospect_attributes pa LEFT JOIN (${LEVELS}) l ON l.name = pa.name AND l.value = pa.value`;
  const p = pivot(specs, 'prospect_id', coded);
  const sql = `SELECT pr.prospect_id, CASE WHEN pr.acquisition_channel IS NULL THEN NULL ELSE coalesce(c.code, -1) END AS ch${specs.map((_, k) => `, p.a${k}`).join('')}
    FROM prospects pr LEFT JOIN (${CHANNELS}) c ON c.channel = pr.acquisition_channel LEFT JOIN (${p.sql}) p ON p.prospect_id = pr.prospect_id ORDER BY pr.line`;
  const kinds: Record<string, 'f64' | 'string'> = { prospect_id: 'string', ch: 'f64' };
  specs.forEach((_, k) => (kinds[`a${k}`] = 'f64'));
  const b = await engine.columns(sql, kinds, p.params);
  const levelsOfCustomers = new Map(customerColumns.map((c) => [c.name, c.type === 'categorical' ? c.levels : null]));
  const columns: AttributeColumn[] = [];
  const missingAsUnseen = new Map<string, number>();
  if (withChannel) columns.push(categorical('channel', b.f64.ch!, levelsOfCustomers.get('channel')!, false, missingAsUnseen));
  specs.forEach((s, k) => columns.push(s.type === 'numeric' ? { name: s.name, type: 'numeric', values: b.f64[`a${k}`]! } : categorical(s.name, b.f64[`a${k}`]!, levelsOfCustomers.get(s.name)!, false, missingAsUnseen)));
  // the values never seen among customers: counts per value (all), and the value of each unseen cell (the first 100,000)
  const unseenSql = `SELECT pr.i, 'channel' AS attribute, pr.acquisition_channel AS value FROM pr
      WHERE ${withChannel ? `pr.acquisition_channel IS NOT NULL AND pr.acquisition_channel NOT IN (SELECT channel FROM ${ACQUISITION_TABLE})` : 'false'}
    UNION ALL SELECT pr.i, q.name, q.value FROM pr JOIN (${coded}) q ON q.prospect_id = pr.prospect_id WHERE q.code = -1`;
  const pr = 'WITH pr AS (SELECT prospect_id, acquisition_channel, row_number() OVER (ORDER BY line) - 1 AS i FROM prospects)';
  const counted = await engine.rows<{ attribute: string; value: string; n: number }>(`${pr} SELECT attribute, value, count(*) AS n FROM (${unseenSql}) u GROUP BY 1, 2`);
  const cells = await engine.rows<{ i: number; attribute: string; value: string }>(`${pr} SELECT i, attribute, value FROM (${unseenSql}) u ORDER BY i, attribute LIMIT 100000`);
  const byCell = new Map<string, string>();
  for (const r of cells) byCell.set(`${r.attribute}\u0000${r.i}`, r.value);
  const unseen = counted.map((r) => ({ attribute: r.attribute, value: r.value, prospects: r.n }));
  for (const c of columns) if (c.type === 'categorical' && missingAsUnseen.get(c.name)) unseen.push({ attribute: c.name, value: `(empty: no customer lacks ${c.name})`, prospects: missingAsUnseen.get(c.name)! });
  unseen.sort((x, y) => y.prospects - x.prospects || (x.attribute < y.attribute ? -1 : x.attribute > y.attribute ? 1 : x.value < y.value ? -1 : 1));
  return { ids: b.strings.prospect_id!, columns, unseen, unseenValue: (attribute, i) => byCell.get(`${attribute}\u0000${i}`) };
}
