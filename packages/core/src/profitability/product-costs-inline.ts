/**
 * Per-product costs on ClickHouse (issue 16): the cost model's products are written into the SQL as
 * escaped literals instead of a temporary table, so every shard running the per-customer profit SQL
 * sees them without a table to create, fill and drop on each node. A product's position comes from
 * `transform` (a hash lookup, in ClickHouse 18.16 and current releases) and its unit cost and margin
 * from two arrays, NULL where the model gives none: the same values as DuckDB's `cvm_product_costs`.
 */
import type { Engine, SqlDialect } from '../engine/engine.js';
import { InputError } from '../errors.js';
import type { CostModel } from './cost-model.js';

/**
 * Most bytes of product literals written into one statement: 4 MiB, about 100,000 products with
 * 10-character ids. A statement longer than ClickHouse's default `max_query_size` (256 KiB) is sent
 * with its parse limits raised to its size (`parseLimitSettings` of the transport; a statement may
 * hold the list twice: the uncosted-rows check on a single node). The list is parsed and analysed
 * once per statement and node, so it costs CPU linearly: measured with the demo business (1,500
 * customers), a P&L took 7.6 server CPU-s at 50,000 products and 16 at 100,000 on the 18.16 2-shard
 * cluster (0.4 at 200), 3.4 and 6.6 CPU-s on chDB. Beyond the bound, {@link checkInlineProductCosts}
 * refuses with `too_many_products`.
 */
export const MAX_INLINE_PRODUCT_BYTES = 4 * 1024 * 1024;

/** A cost-model number as a Float64 literal (an exponent makes ClickHouse read it as Float64, digits to round-trip). */
const float = (v: number | null): string => (v === null ? 'NULL' : v.toExponential());

/**
 * The log as relation `t` with the product cost columns `pc_unit_cost` and `pc_margin_pct` (NULL
 * for a product not in the model and for rows without a product id), read by `rowCostSql(…, 't.pc_')`.
 * Only for a model with at least one product.
 * @example
 * inlineProductCostsRelation(clickhouseDialect, model);
 * // (SELECT *, if(product_id IS NULL, 0, transform(assumeNotNull(product_id), ['p1'], [1], 0)) AS pc_k, … FROM transactions) AS t
 */
export function inlineProductCostsRelation(d: SqlDialect, model: CostModel): string {
  const products = [...model.productCost.products];
  const ids = products.map(([id]) => d.string(id));
  const key = `if(product_id IS NULL, 0, transform(assumeNotNull(product_id), [${ids.join(', ')}], [${ids.map((_, i) => i + 1).join(', ')}], 0))`;
  const column = (values: (number | null)[]): string =>
    values.every((v) => v === null) ? 'CAST(NULL AS Nullable(Float64))' : `arrayElement([${values.map(float).join(', ')}], pc_k)`;
  const unit = column(products.map(([, p]) => p.unitCost));
  const margin = column(products.map(([, p]) => p.marginPct));
  return `(SELECT *, ${key} AS pc_k, ${unit} AS pc_unit_cost, ${margin} AS pc_margin_pct FROM transactions) AS t`;
}

/**
 * Checks that the model's products fit in a statement ({@link MAX_INLINE_PRODUCT_BYTES}) and warns,
 * as DuckDB's `writeProductCosts` does, about products that never appear in the log.
 * @throws InputError `too_many_products` when the product literals exceed the bound.
 */
export async function checkInlineProductCosts(engine: Engine, model: CostModel, warnings: string[]): Promise<void> {
  const d = engine.dialect;
  const bytes = Buffer.byteLength(inlineProductCostsRelation(d, model));
  const n = model.productCost.products.size;
  if (bytes > MAX_INLINE_PRODUCT_BYTES)
    throw new InputError(
      'too_many_products',
      `The cost model lists ${n.toLocaleString('en-US')} products (${Math.ceil(bytes / 1024)} KiB as SQL literals); on ClickHouse product costs are written into the query, which takes at most ${MAX_INLINE_PRODUCT_BYTES / 1024} KiB of them. Give costs through the log's cost column (product_cost.log_cost), use a default product_cost.margin_pct for most products, or run on DuckDB`,
      { products: n, bytes, maxBytes: MAX_INLINE_PRODUCT_BYTES },
    );
  const ids = [...model.productCost.products.keys()];
  const seen = new Set(
    (
      await engine.rows<{ product_id: string }>(
        `SELECT DISTINCT product_id AS product_id FROM transactions WHERE product_id IN (${ids.map(d.string).join(', ')})`,
      )
    ).map((r) => r.product_id),
  );
  // byte order, as DuckDB's ORDER BY on VARCHAR
  const unseen = ids.filter((id) => !seen.has(id)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (unseen.length > 0)
    warnings.push(
      `${unseen.length} products of the cost model never appear in the log (e.g. ${unseen.slice(0, 3).join(', ')}); check the product ids`,
    );
}
