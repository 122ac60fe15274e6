import type { Engine } from '../engine/engine.js';
import { sqlString } from '../engine/sql.js';
import { WIDE_TABLES } from '../inputs/input-sql.js';
import { UNKNOWN } from '../inputs/attribution-sql.js';
import type { AttributeType } from '../inputs/input-sql.js';
import { idPositions } from '../customers/id-index.js';

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

/** A temporary table of one attribute's customer levels (value v, code from 0 in value order). */
const levelTable = (k: number | 'ch'): string => `cvm_levels_${k}`;

/** CREATE the level tables of the channel and the categorical attributes from the customers' wide table; returns the levels in code order. */
async function customerLevels(
  engine: Engine,
  specs: readonly Spec[],
  positions: Map<string, number>,
  withChannel: boolean,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const make = async (key: number | 'ch', column: string, name: string): Promise<void> => {
    await engine.exec(
      `CREATE OR REPLACE TEMP TABLE ${levelTable(key)} AS SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS code FROM (SELECT DISTINCT ${column} AS v FROM ${WIDE_TABLES.customers} WHERE ${column} IS NOT NULL) d`,
    );
    out.set(
      name,
      (await engine.rows<{ v: string }>(`SELECT v FROM ${levelTable(key)} ORDER BY code`)).map((r) => r.v),
    );
  };
  if (withChannel) await make('ch', 'channel', 'channel');
  for (const s of specs) if (s.type === 'categorical') await make(positions.get(s.name)!, `a${positions.get(s.name)!}`, s.name);
  return out;
}

/**
 * SELECT of a wide table's rows in file order: `id`, `ch` (channel code) and `a0` … (attribute k of
 * `specs`: its code in the customers' levels, −1 for a value they never had, NULL when empty; or the
 * number), with the customers' level tables of {@link customerLevels}.
 */
function codedSql(
  table: string,
  specs: readonly Spec[],
  here: Map<string, number>,
  customers: Map<string, number>,
  withChannel: boolean,
): string {
  const cols = [withChannel ? 'CASE WHEN w.channel IS NULL THEN NULL ELSE coalesce(lch.code, -1) END AS ch' : 'NULL AS ch'];
  const joins = [withChannel ? `LEFT JOIN ${levelTable('ch')} lch ON lch.v = w.channel` : ''];
  specs.forEach((s, k) => {
    const col = `w.a${here.get(s.name)!}`;
    if (s.type === 'numeric') cols.push(`try_cast(${col} AS DOUBLE) AS a${k}`);
    else {
      cols.push(`CASE WHEN ${col} IS NULL THEN NULL ELSE coalesce(l${k}.code, -1) END AS a${k}`);
      joins.push(`LEFT JOIN ${levelTable(customers.get(s.name)!)} l${k} ON l${k}.v = ${col}`);
    }
  });
  return `SELECT w.id, ${cols.join(', ')} FROM ${table} w ${joins.join(' ')} ORDER BY w.line`;
}

async function positionsOf(engine: Engine, kind: 'customers' | 'prospects'): Promise<Map<string, number>> {
  return new Map(
    (await engine.rows<{ name: string; position: number }>('SELECT name, position FROM input_attributes WHERE kind = $1', [kind])).map(
      (r) => [r.name, r.position],
    ),
  );
}

const kindsOf = (specs: readonly Spec[]): Record<string, 'f64' | 'string'> => {
  const kinds: Record<string, 'f64' | 'string'> = { id: 'string', ch: 'f64' };
  specs.forEach((_, k) => (kinds[`a${k}`] = 'f64'));
  return kinds;
};

/** Codes as read (NaN = no value) to the final codes: no value is the level `unknown`, added when needed. */
function categorical(
  name: string,
  raw: Float64Array,
  levels: string[],
  addUnknown: boolean,
  missingAsUnseen?: Map<string, number>,
): AttributeColumn {
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
 * Customer attributes aligned to `ids` (customers without a row or a value get the level `unknown`),
 * plus `channel` (the customers file's acquisition channel) when `withChannel`. One scan of the
 * customers file's wide table joined to its small level tables: no value text is read per customer.
 */
export async function customerAttributeColumns(
  engine: Engine,
  ids: readonly string[],
  specs: readonly Spec[],
  withChannel: boolean,
): Promise<AttributeColumn[]> {
  const positions = await positionsOf(engine, 'customers');
  const levels = await customerLevels(engine, specs, positions, withChannel);
  const b = await engine.columns(codedSql(WIDE_TABLES.customers, specs, positions, positions, withChannel), kindsOf(specs));
  const at = idPositions(ids);
  const rows = Int32Array.from(b.strings.id!, (id) => at.get(id) ?? -1);
  const aligned = (col: Float64Array): Float64Array => {
    const out = new Float64Array(ids.length).fill(NaN);
    for (let k = 0; k < rows.length; k++) if (rows[k]! >= 0) out[rows[k]!] = col[k]!;
    return out;
  };
  const out: AttributeColumn[] = [];
  if (withChannel) out.push(categorical('channel', aligned(b.f64.ch!), levels.get('channel')!, true));
  specs.forEach((s, k) =>
    out.push(
      s.type === 'numeric'
        ? { name: s.name, type: 'numeric', values: aligned(b.f64[`a${k}`]!) }
        : categorical(s.name, aligned(b.f64[`a${k}`]!), levels.get(s.name)!, true),
    ),
  );
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
 * customer lacks the value). Call after {@link customerAttributeColumns} (it makes the level tables).
 */
export async function prospectAttributeColumns(
  engine: Engine,
  specs: readonly Spec[],
  customerColumns: readonly AttributeColumn[],
): Promise<ProspectColumns> {
  const withChannel = customerColumns.some((c) => c.name === 'channel');
  const here = await positionsOf(engine, 'prospects'),
    customers = await positionsOf(engine, 'customers');
  const b = await engine.columns(codedSql(WIDE_TABLES.prospects, specs, here, customers, withChannel), kindsOf(specs));
  const levelsOfCustomers = new Map(customerColumns.map((c) => [c.name, c.type === 'categorical' ? c.levels : null]));
  const columns: AttributeColumn[] = [];
  const missingAsUnseen = new Map<string, number>();
  if (withChannel) columns.push(categorical('channel', b.f64.ch!, levelsOfCustomers.get('channel')!, false, missingAsUnseen));
  specs.forEach((s, k) =>
    columns.push(
      s.type === 'numeric'
        ? { name: s.name, type: 'numeric', values: b.f64[`a${k}`]! }
        : categorical(s.name, b.f64[`a${k}`]!, levelsOfCustomers.get(s.name)!, false, missingAsUnseen),
    ),
  );
  // the values never seen among customers: counts per value (all), and the value of each unseen cell (the first 100,000)
  const parts = [
    ...(withChannel
      ? [
          `SELECT w.i, 'channel' AS attribute, w.channel AS value FROM w LEFT JOIN ${levelTable('ch')} l ON l.v = w.channel WHERE w.channel IS NOT NULL AND l.code IS NULL`,
        ]
      : []),
    ...specs
      .filter((s) => s.type === 'categorical')
      .map((s) => {
        const col = `w.a${here.get(s.name)!}`;
        return `SELECT w.i, ${sqlString(s.name)} AS attribute, ${col} AS value FROM w LEFT JOIN ${levelTable(customers.get(s.name)!)} l ON l.v = ${col} WHERE ${col} IS NOT NULL AND l.code IS NULL`;
      }),
  ];
  const unseen: ProspectColumns['unseen'] = [];
  const byCell = new Map<string, string>();
  if (parts.length > 0) {
    await engine.exec(
      `CREATE OR REPLACE TEMP TABLE cvm_unseen AS WITH w AS (SELECT *, row_number() OVER (ORDER BY line) - 1 AS i FROM ${WIDE_TABLES.prospects}) ${parts.join(' UNION ALL ')}`,
    );
    for (const r of await engine.rows<{ attribute: string; value: string; n: number }>(
      'SELECT attribute, value, count(*) AS n FROM cvm_unseen GROUP BY 1, 2',
    ))
      unseen.push({ attribute: r.attribute, value: r.value, prospects: r.n });
    for (const r of await engine.rows<{ i: number; attribute: string; value: string }>(
      'SELECT i, attribute, value FROM cvm_unseen ORDER BY i, attribute LIMIT 100000',
    ))
      byCell.set(`${r.attribute}\u0000${r.i}`, r.value);
    await engine.exec('DROP TABLE cvm_unseen');
  }
  for (const c of columns)
    if (c.type === 'categorical' && missingAsUnseen.get(c.name))
      unseen.push({ attribute: c.name, value: `(empty: no customer lacks ${c.name})`, prospects: missingAsUnseen.get(c.name)! });
  unseen.sort(
    (x, y) => y.prospects - x.prospects || (x.attribute < y.attribute ? -1 : x.attribute > y.attribute ? 1 : x.value < y.value ? -1 : 1),
  );
  return { ids: b.strings.id!, columns, unseen, unseenValue: (attribute, i) => byCell.get(`${attribute}\u0000${i}`) };
}
