import type { Engine } from '../engine/engine.js';
import { sqlString } from '../engine/sql.js';
import { WIDE_TABLES } from './input-sql.js';

const SOURCES = {
  customers: { main: 'customer_profiles', id: 'customer_id', attrs: 'customer_attributes' },
  prospects: { main: 'prospects', id: 'prospect_id', attrs: 'prospect_attributes' },
} as const;

/**
 * Rebuilds the wide attribute tables (`customer_attributes_wide`, `prospect_attributes_wide`: id,
 * channel, line, a0 … in `input_attributes` position order) of a DuckDB workspace from the long
 * tables, as the ingest writes them: the long tables hold the trimmed non-empty values, the wide
 * ones the same values and NULL for empty cells, in line order. Used on the temporary DuckDB that
 * mirrors a ClickHouse workspace (which keeps only the long tables).
 * @throws EngineError when DuckDB refuses a statement.
 * @example
 * await rebuildWideTables(duck); // then customerAttributeColumns(duck, …) reads them
 */
export async function rebuildWideTables(duck: Engine): Promise<void> {
  for (const kind of ['customers', 'prospects'] as const) {
    const s = SOURCES[kind];
    const names = (await duck.rows<{ name: string }>('SELECT name FROM input_attributes WHERE kind = $1 ORDER BY position', [kind])).map(
      (r) => r.name,
    );
    const cols = names.map((n, k) => `, max(CASE WHEN a.name = ${sqlString(n)} THEN a.value END) AS a${k}`).join('');
    await duck.exec(`CREATE OR REPLACE TABLE ${WIDE_TABLES[kind]} AS
SELECT p.${s.id} AS id, p.acquisition_channel AS channel, p.line${cols}
FROM ${s.main} p LEFT JOIN ${s.attrs} a ON a.${s.id} = p.${s.id}
GROUP BY p.${s.id}, p.acquisition_channel, p.line ORDER BY p.line`);
  }
}
