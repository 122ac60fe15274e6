/**
 * The profitability SQL: per-customer revenue, product cost and one driver volume per cost pool,
 * aggregated where the data lives. Literals from the cost model (channels, activity names) are
 * quoted with `sqlString`; dates go through the dialect after validation.
 */
import type { SqlDialect } from '../engine/engine.js';
import { sqlString } from '../engine/sql.js';
import type { CostModel } from './cost-model.js';
import { ACTIVITIES } from './activities-sql.js';

export const PRODUCT_COSTS = 'cvm_product_costs';

/** What the log holds, decided once before the main query (so absent columns cost nothing). */
export interface LogFacts {
  hasOrderIds: boolean;
  hasChannels: boolean;
  /**
   * The log's channels in the period, sorted, when there are at most {@link MAX_INLINE_CHANNELS}:
   * the main channel is then picked within the one customer aggregation (null: a separate pass).
   */
  channels: string[] | null;
  hasActivities: boolean;
  hasProductCosts: boolean;
}

export interface ProfitSqlOptions {
  model: CostModel;
  /** Cost period, ISO dates inclusive (validated). */
  start: string;
  end: string;
  facts: LogFacts;
  /** Table of the accepted activity rows (default `cvm_activities`). */
  activitiesTable?: string;
}

/** Up to this many channels, the main channel is computed inside the customer aggregation. */
export const MAX_INLINE_CHANNELS = 16;

/** Days per year used by the customer-year driver (Julian year). */
export const DAYS_PER_YEAR = 365.25;

/**
 * Product cost of one transaction row (signed: a return gives its cost back, as restocked goods).
 * Precedence: the log's `cost` column (when `log_cost` says how to read it), the product's entry,
 * the default margin; NULL when none applies (reported as `unknown_product`). `pc`: the prefix of
 * the product's `unit_cost` and `margin_pct` columns.
 */
export function rowCostSql(model: CostModel, facts: LogFacts, pc = 'pc.'): string {
  const sign = 'CASE WHEN t.is_return THEN -1 ELSE 1 END';
  const qty = 'abs(coalesce(t.quantity, 1))';
  const arms: string[] = [];
  const m = model.productCost;
  if (m.logCost === 'line') arms.push(`WHEN t.cost IS NOT NULL THEN ${sign} * abs(t.cost)`);
  if (m.logCost === 'unit') arms.push(`WHEN t.cost IS NOT NULL THEN ${sign} * abs(t.cost) * ${qty}`);
  if (facts.hasProductCosts) {
    arms.push(`WHEN ${pc}unit_cost IS NOT NULL THEN ${sign} * ${pc}unit_cost * ${qty}`);
    arms.push(`WHEN ${pc}margin_pct IS NOT NULL THEN t.amount * (1 - ${pc}margin_pct / 100)`);
  }
  const fallback = m.marginPct === null ? 'NULL' : `t.amount * (1 - ${m.marginPct} / 100)`;
  return arms.length ? `CASE ${arms.join(' ')} ELSE ${fallback} END` : fallback;
}

/** An exact (DECIMAL) money sum rounded to whole cents, half away from zero, as DOUBLE. */
const cents = (exactSum: string): string => `CAST(round(${exactSum}, 2) AS DOUBLE)`;

function fromSql(o: ProfitSqlOptions, d: SqlDialect, withCosts = true): string {
  const join = withCosts && o.facts.hasProductCosts ? ` LEFT JOIN ${PRODUCT_COSTS} pc ON pc.product_id = t.product_id` : '';
  return `transactions t${join} WHERE t.event_date BETWEEN ${d.dateLiteral(o.start)} AND ${d.dateLiteral(o.end)}`;
}

/** Rows whose product cost cannot be determined, by product (top 5), for the `unknown_product` error. */
export function uncostedSql(o: ProfitSqlOptions, d: SqlDialect): string {
  return `SELECT coalesce(t.product_id, '(no product id)') AS product_id, count(*) AS n, sum(count(*)) OVER () AS total
FROM ${fromSql(o, d)} AND (${rowCostSql(o.model, o.facts)}) IS NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 5`;
}

/**
 * One row per customer: `in_log` (1 when the customer has a transaction in the period, 0 for a
 * customer known only from the activity file), revenue, product cost, order facts, the main
 * channel and `v0 … v{k−1}`, the driver volume of each pool in cost-model order. Sorted by
 * customer id (numeric ids in numeric order).
 *
 * Volumes: see `DRIVERS`. Orders are distinct order ids (each row when the id is empty); units
 * are |quantity| (1 when empty); customer-years = (end − max(first purchase ever, start) + 1) / 365.25,
 * the first purchase ever being the earlier of the first in the period (from the customer
 * aggregation) and the first outside it (a pass over the rows outside the period only).
 * Main channel: the channel with the most purchase revenue in the period (ties: the alphabetically
 * last). The transactions CTE is referenced once (so DuckDB streams it instead of materialising it):
 * with few channels their revenues are summed in the same aggregation, otherwise a second pass over
 * `transactions` picks the channel.
 */
export function customerProfitSql(o: ProfitSqlOptions, d: SqlDialect): string {
  const { model, facts } = o;
  const purchase = 'NOT t.is_return';
  // Every aggregate reads `transactions` directly (no CTE referenced twice, which DuckDB would materialise).
  // Line-level sums [name, aggregate over t] and order-level counts [name, condition on a line].
  const sums: [string, string][] = [
    // money: exact sums (SqlDialect.moneySum) rounded to the cent half away from zero, in SQL, so the
    // P&L's cents do not depend on the row order or on float noise
    ['gross_revenue', cents(`${d.moneySum('t.amount')} FILTER (WHERE ${purchase})`)],
    ['returns_value', cents(`${d.moneySum('-t.amount')} FILTER (WHERE t.is_return)`)],
    ['product_cost', cents(d.moneySum(rowCostSql(model, facts)))],
    ['order_lines', `count(*) FILTER (WHERE ${purchase})`],
    ['units', `sum(abs(coalesce(t.quantity, 1))) FILTER (WHERE ${purchase})`],
  ];
  const counts: [string, string][] = [
    ['orders', purchase],
    ['return_orders', 't.is_return'],
  ];
  const outer: string[] = [];
  const act: string[] = [];
  const hasAct = facts.hasActivities && model.pools.some((p) => p.activity !== null);
  model.pools.forEach((p, k) => {
    switch (p.driver) {
      case 'order':
        outer.push(`CAST(coalesce(c.orders, 0) AS DOUBLE) AS v${k}`);
        break;
      case 'order_line':
        outer.push(`CAST(coalesce(c.order_lines, 0) AS DOUBLE) AS v${k}`);
        break;
      case 'unit':
        outer.push(`CAST(coalesce(c.units, 0) AS DOUBLE) AS v${k}`);
        break;
      case 'return':
        outer.push(`CAST(coalesce(c.return_orders, 0) AS DOUBLE) AS v${k}`);
        break;
      case 'delivery':
        if (p.channel === null) outer.push(`CAST(coalesce(c.orders, 0) AS DOUBLE) AS v${k}`);
        else {
          counts.push([`d${k}`, `${purchase} AND t.channel = ${sqlString(p.channel)}`]);
          outer.push(`CAST(coalesce(c.d${k}, 0) AS DOUBLE) AS v${k}`);
        }
        break;
      case 'customer_year':
        // first purchase ever = the earlier of the first in the period (c.fp_in) and the first outside it (f)
        outer.push(
          `CASE WHEN c.customer_id IS NULL THEN 0 ELSE greatest(0, ${d.dateDiffDays(`greatest(coalesce(least(coalesce(f.first_purchase, c.fp_in), coalesce(c.fp_in, f.first_purchase)), ${d.dateLiteral(o.start)}), ${d.dateLiteral(o.start)})`, d.dateLiteral(o.end))} + 1) / ${DAYS_PER_YEAR} END AS v${k}`,
        );
        break;
      default:
        act.push(`sum(count) FILTER (WHERE activity = ${sqlString(p.activity!)}) AS a${k}`);
        outer.push(hasAct ? `CAST(coalesce(a.a${k}, 0) AS DOUBLE) AS v${k}` : `CAST(0 AS DOUBLE) AS v${k}`);
    }
  });
  const needsFirst = model.pools.some((p) => p.driver === 'customer_year');
  if (needsFirst) sums.push(['fp_in', `min(t.event_date) FILTER (WHERE ${purchase})`]);
  const inline = facts.hasChannels && facts.channels !== null;
  if (inline)
    facts.channels!.forEach((ch, j) =>
      sums.push([`ch${j}`, `CAST(${d.moneySum('t.amount')} FILTER (WHERE ${purchase} AND t.channel = ${sqlString(ch)}) AS DOUBLE)`]),
    );
  const ctes: string[] = [];
  if (facts.hasOrderIds) {
    // Rows with an order id: lines → orders (three flags each, a light hash table), then orders →
    // customers. Rows without an order id are each their own order, counted with the line sums.
    const lineCounts = counts.map(([n, cond]) => `count(*) FILTER (WHERE t.order_id IS NULL AND ${cond}) AS ${n}_rows`);
    ctes.push(
      `c0 AS (SELECT t.customer_id, ${[...sums.map(([n, e]) => `${e} AS ${n}`), ...lineCounts].join(', ')} FROM ${fromSql(o, d)} GROUP BY t.customer_id)`,
    );
    ctes.push(`o AS (SELECT customer_id, ${counts.map(([n]) => `count(*) FILTER (WHERE ${n}) AS ${n}`).join(', ')}
  FROM (SELECT t.customer_id, ${counts.map(([n, cond]) => `bool_or(${cond}) AS ${n}`).join(', ')} FROM ${fromSql(o, d, false)} AND t.order_id IS NOT NULL GROUP BY t.customer_id, t.order_id)
  GROUP BY customer_id)`);
    ctes.push(`c AS (SELECT c0.customer_id, ${[...sums.map(([n]) => `c0.${n}`), ...counts.map(([n]) => `c0.${n}_rows + coalesce(o.${n}, 0) AS ${n}`)].join(', ')}
  FROM c0 LEFT JOIN o ON o.customer_id = c0.customer_id)`);
  } else {
    ctes.push(`c AS (SELECT t.customer_id, ${[...sums.map(([n, e]) => `${e} AS ${n}`), ...counts.map(([n, cond]) => `count(*) FILTER (WHERE ${cond}) AS ${n}`)].join(', ')}
  FROM ${fromSql(o, d)} GROUP BY t.customer_id)`);
  }
  if (facts.hasChannels && !inline) {
    ctes.push(`ch AS (SELECT customer_id, arg_max(channel, (revenue, channel)) AS main_channel
  FROM (SELECT t.customer_id, t.channel, ${d.moneySum('t.amount')} AS revenue FROM ${fromSql(o, d)} AND NOT t.is_return AND t.channel IS NOT NULL GROUP BY 1, 2) GROUP BY customer_id)`);
  }
  // Only purchases outside the period: none when the period spans the log (the default), so this
  // aggregation is empty instead of a second pass over every row.
  if (needsFirst)
    ctes.push(
      `f AS (SELECT customer_id, min(event_date) AS first_purchase FROM transactions WHERE NOT is_return AND (event_date < ${d.dateLiteral(o.start)} OR event_date > ${d.dateLiteral(o.end)}) GROUP BY customer_id)`,
    );
  if (hasAct) ctes.push(`a AS (SELECT customer_id, ${act.join(', ')} FROM ${ACTIVITIES} GROUP BY customer_id)`);
  const id = hasAct ? 'coalesce(c.customer_id, a.customer_id)' : 'c.customer_id';
  let mainChannel = "''";
  if (inline) {
    const v = facts.channels!.map((_, j) => `coalesce(c.ch${j}, -1e308)`);
    const top = `greatest(${v.join(', ')})`;
    const arms = facts
      .channels!.map((ch, j) => [ch, j] as const)
      .reverse()
      .map(([ch, j]) => `WHEN c.ch${j} IS NOT NULL AND ${v[j]} = ${top} THEN ${sqlString(ch)}`);
    mainChannel = `CASE ${arms.join(' ')} ELSE '' END`;
  } else if (facts.hasChannels) mainChannel = "coalesce(ch.main_channel, '')";
  return `WITH ${ctes.join(',\n')}
SELECT ${id} AS customer_id,
  CAST(CASE WHEN c.customer_id IS NULL THEN 0 ELSE 1 END AS DOUBLE) AS in_log,
  coalesce(c.gross_revenue, 0) AS gross_revenue, coalesce(c.returns_value, 0) AS returns_value,
  coalesce(c.product_cost, 0) AS product_cost,
  CAST(coalesce(c.orders, 0) AS DOUBLE) AS orders, CAST(coalesce(c.order_lines, 0) AS DOUBLE) AS order_lines,
  CAST(coalesce(c.units, 0) AS DOUBLE) AS units, CAST(coalesce(c.return_orders, 0) AS DOUBLE) AS return_orders,
  ${mainChannel} AS main_channel${outer.map((x) => `,\n  ${x}`).join('')}
FROM c${hasAct ? ' FULL OUTER JOIN a ON a.customer_id = c.customer_id' : ''}${facts.hasChannels && !inline ? ' LEFT JOIN ch ON ch.customer_id = c.customer_id' : ''}${needsFirst ? ' LEFT JOIN f ON f.customer_id = c.customer_id' : ''}
ORDER BY try_cast(${id} AS BIGINT) NULLS LAST, ${id}`;
}

/** The period's distinct channels, sorted, up to one more than {@link MAX_INLINE_CHANNELS}. */
export function channelListSql(d: SqlDialect, start: string, end: string): string {
  return `SELECT channel FROM (SELECT DISTINCT channel FROM transactions WHERE channel IS NOT NULL AND event_date BETWEEN ${d.dateLiteral(start)} AND ${d.dateLiteral(end)}) ORDER BY channel LIMIT ${MAX_INLINE_CHANNELS + 1}`;
}

/** Existence checks that shape the main query. */
export function logFactsSql(d: SqlDialect, start: string, end: string): string {
  return `SELECT count(order_id) > 0 AS has_order_ids, count(channel) > 0 AS has_channels, count(*) AS n
FROM transactions WHERE event_date BETWEEN ${d.dateLiteral(start)} AND ${d.dateLiteral(end)}`;
}
