/**
 * Per-product revenue, product cost and last sale in a window, for the value of an offer and the
 * "no longer sold" rule. The product cost of a row is the profitability module's (`rowCostSql`):
 * the log's cost column, the product's entry or the default margin of the cost model.
 */
import type { SqlDialect } from '../engine/engine.js';
import type { CostModel } from '../profitability/cost-model.js';
import { PRODUCT_COSTS, rowCostSql } from '../profitability/profit-sql.js';
import { inlineProductCostsRelation } from '../profitability/product-costs-inline.js';
import { windowSql, type DayWindow } from './baskets-sql.js';

/**
 * One row per product id with a row in the window: `net_revenue` (purchases minus returns),
 * `net_cost` (NULL without a cost model), `uncosted` (rows whose cost cannot be determined) and
 * `last_day` (the last purchase day, days since 1970-01-01; NULL when it was only returned). Money
 * is summed exactly (`SqlDialect.moneySum`: the same digits whatever order the threads add rows in).
 * Per-product costs: DuckDB joins `cvm_product_costs` (written by `writeProductCosts`); ClickHouse
 * reads them from literals in the SQL (`inlineProductCostsRelation`).
 */
export function productValuesSql(d: SqlDialect, w: DayWindow, model: CostModel | null): string {
  const withCosts = model !== null && model.productCost.products.size > 0;
  const inline = withCosts && d.name === 'clickhouse';
  const facts = { hasOrderIds: false, hasChannels: false, channels: null, hasActivities: false, hasProductCosts: withCosts };
  const cost = model === null ? 'NULL' : rowCostSql(model, facts, inline ? 't.pc_' : 'pc.');
  const from = inline
    ? inlineProductCostsRelation(d, model)
    : withCosts
      ? `transactions t LEFT JOIN ${PRODUCT_COSTS} pc ON pc.product_id = t.product_id`
      : d.tableAs('transactions', 't');
  // plain SQL through the dialect (conditional aggregates, date literal, aliased table), so ClickHouse runs it too
  return `SELECT t.product_id AS product_id, ${d.double(d.moneySum('t.amount'))} AS net_revenue, ${d.double(model === null ? 'NULL' : d.moneySum(cost))} AS net_cost,
  ${d.double(model === null ? '0' : d.countIf(`(${cost}) IS NULL`))} AS uncosted,
  ${d.double(d.dateDiffDays(d.dateLiteral('1970-01-01'), d.maxIf('t.event_date', 'NOT t.is_return')))} AS last_day
FROM ${from}
WHERE t.product_id IS NOT NULL${windowSql(d, w, 't.event_date')}
GROUP BY t.product_id`;
}
