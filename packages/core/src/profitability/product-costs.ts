import type { Engine } from '../engine/engine.js';
import { sqlString } from '../engine/sql.js';
import type { CostModel } from './cost-model.js';
import { PRODUCT_COSTS } from './profit-sql.js';

/** Writes the cost model's product costs to a temp table (quoted literals, 500 rows per statement). */
export async function writeProductCosts(engine: Engine, model: CostModel, warnings: string[]): Promise<void> {
  await engine.exec(`CREATE OR REPLACE TEMP TABLE ${PRODUCT_COSTS} (product_id VARCHAR PRIMARY KEY, unit_cost DOUBLE, margin_pct DOUBLE)`);
  const rows = [...model.productCost.products].map(([id, p]) => `(${sqlString(id)}, ${p.unitCost ?? 'NULL'}, ${p.marginPct ?? 'NULL'})`);
  for (let i = 0; i < rows.length; i += 500) await engine.exec(`INSERT INTO ${PRODUCT_COSTS} VALUES ${rows.slice(i, i + 500).join(', ')}`);
  const unseen = await engine.rows<{ product_id: string; total: number }>(
    `SELECT product_id, count(*) OVER () AS total FROM ${PRODUCT_COSTS} p WHERE NOT EXISTS (SELECT 1 FROM transactions t WHERE t.product_id = p.product_id) ORDER BY product_id LIMIT 3`,
  );
  if (unseen.length > 0)
    warnings.push(
      `${unseen[0]!.total} products of the cost model never appear in the log (e.g. ${unseen.map((u) => u.product_id).join(', ')}); check the product ids`,
    );
}
