/**
 * Spend per customer in a window for up-sell headroom: net revenue (purchases minus returns) of
 * customers with at least one purchase in the window, sorted by customer id; summed exactly
 * (`SqlDialect.moneySum`), so the digits do not depend on the order parallel threads add the rows in.
 */
import type { SqlDialect } from '../engine/engine.js';
import { windowSql, type DayWindow } from './baskets-sql.js';

export function customerSpendSql(d: SqlDialect, w: DayWindow): string {
  return `SELECT customer_id, ${d.double(d.moneySum('amount'))} AS spend
FROM transactions WHERE 1 = 1${windowSql(d, w)}
GROUP BY customer_id HAVING ${d.countIf('NOT is_return')} > 0
ORDER BY customer_id`;
}
