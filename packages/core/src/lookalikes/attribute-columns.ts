import type { Engine } from '../engine/engine.js';
import { acquisitionSql, UNKNOWN } from '../inputs/attribution-sql.js';
import type { AttributeType } from '../inputs/input-sql.js';

/** One attribute's values per entity: text levels (`unknown` when empty) or numbers (NaN when empty). */
export type AttributeColumn =
  | { name: string; type: 'categorical'; values: string[] }
  | { name: string; type: 'numeric'; values: Float64Array };

/** The attribute names and types of a kind's file (`customers` or `prospects`). */
export async function attributeSpecs(engine: Engine, kind: 'customers' | 'prospects'): Promise<{ name: string; type: AttributeType }[]> {
  return engine.rows<{ name: string; type: AttributeType }>('SELECT name, type FROM input_attributes WHERE kind = $1 ORDER BY position', [kind]);
}

/**
 * Customer attributes aligned to `ids` (customers without a value are unknown), plus `channel` (the
 * acquisition channel: the customers file's, else the first order's) when `withChannel`.
 */
export async function customerAttributeColumns(engine: Engine, ids: readonly string[], specs: readonly { name: string; type: AttributeType }[], withChannel: boolean, asOf: string): Promise<AttributeColumn[]> {
  const at = new Map<string, number>();
  ids.forEach((id, i) => at.set(id, i));
  const out: AttributeColumn[] = [];
  if (withChannel) {
    const b = await engine.columns(`SELECT customer_id, channel FROM (${acquisitionSql(engine.dialect, 'file-then-first-order', asOf)}) a`, { customer_id: 'string', channel: 'string' });
    const values = new Array<string>(ids.length).fill(UNKNOWN);
    for (let k = 0; k < b.length; k++) {
      const i = at.get(b.strings.customer_id![k]!);
      if (i !== undefined) values[i] = b.strings.channel![k]!;
    }
    out.push({ name: 'channel', type: 'categorical', values });
  }
  for (const spec of specs) {
    if (spec.type === 'numeric') {
      const b = await engine.columns('SELECT customer_id, CAST(value AS DOUBLE) AS v FROM customer_attributes WHERE name = $1', { customer_id: 'string', v: 'f64' }, [spec.name]);
      const values = new Float64Array(ids.length).fill(NaN);
      for (let k = 0; k < b.length; k++) {
        const i = at.get(b.strings.customer_id![k]!);
        if (i !== undefined) values[i] = b.f64.v![k]!;
      }
      out.push({ name: spec.name, type: 'numeric', values });
    } else {
      const b = await engine.columns('SELECT customer_id, value FROM customer_attributes WHERE name = $1', { customer_id: 'string', value: 'string' }, [spec.name]);
      const values = new Array<string>(ids.length).fill(UNKNOWN);
      for (let k = 0; k < b.length; k++) {
        const i = at.get(b.strings.customer_id![k]!);
        if (i !== undefined) values[i] = b.strings.value![k]!;
      }
      out.push({ name: spec.name, type: 'categorical', values });
    }
  }
  return out;
}

/** Prospect ids in file order and the named attributes aligned to them (`channel` = the prospects file's channel column). */
export async function prospectAttributeColumns(engine: Engine, specs: readonly { name: string; type: AttributeType }[], withChannel: boolean): Promise<{ ids: string[]; columns: AttributeColumn[] }> {
  const ids = (await engine.columns('SELECT prospect_id FROM prospects ORDER BY line', { prospect_id: 'string' })).strings.prospect_id!;
  const columns: AttributeColumn[] = [];
  if (withChannel) {
    const b = await engine.columns(`SELECT coalesce(acquisition_channel, '${UNKNOWN}') AS v FROM prospects ORDER BY line`, { v: 'string' });
    columns.push({ name: 'channel', type: 'categorical', values: b.strings.v! });
  }
  for (const spec of specs) {
    const join = 'FROM prospects p LEFT JOIN prospect_attributes a ON a.prospect_id = p.prospect_id AND a.name = $1 ORDER BY p.line';
    if (spec.type === 'numeric') {
      const b = await engine.columns(`SELECT try_cast(a.value AS DOUBLE) AS v ${join}`, { v: 'f64' }, [spec.name]);
      columns.push({ name: spec.name, type: 'numeric', values: b.f64.v! });
    } else {
      const b = await engine.columns(`SELECT coalesce(a.value, '${UNKNOWN}') AS v ${join}`, { v: 'string' }, [spec.name]);
      columns.push({ name: spec.name, type: 'categorical', values: b.strings.v! });
    }
  }
  return { ids, columns };
}
