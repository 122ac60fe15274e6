/**
 * The profitability SQL of `profit-sql.ts` in SQL that ClickHouse 18.16 and a current ClickHouse
 * run (no CTE, window function or FILTER clause; one JOIN per SELECT), with the same exact money
 * (`SqlDialect.moneySum`, rounded to the cent half away from zero) and the same columns, so that the
 * P&L equals DuckDB's to the cent. Per-product costs are written into the SQL as literals
 * (`product-costs-inline.ts`); an activity file is a table sharded like the transactions
 * (`activities-clickhouse.ts`), named by `ProfitSqlOptions.activitiesTable`.
 */
import type { SqlDialect } from '../engine/engine.js';
import { ACTIVITIES } from './activities-sql.js';
import { inlineProductCostsRelation } from './product-costs-inline.js';
import { DAYS_PER_YEAR, rowCostSql, type ProfitSqlOptions } from './profit-sql.js';

/** An exact money sum of `expr` over the rows where `cond` holds (0 when none), rounded to whole cents, as DOUBLE. */
const centsIf = (d: SqlDialect, expr: string, cond: string | null): string =>
  d.double(`round(${d.moneySum(cond === null ? expr : `CASE WHEN ${cond} THEN ${expr} ELSE 0 END`)}, 2)`);

/** The period's rows as `t`, with the product cost columns `t.pc_…` when the model lists products and `withCosts`. */
function fromSql(o: ProfitSqlOptions, d: SqlDialect, withCosts = true): string {
  const t = withCosts && o.facts.hasProductCosts ? inlineProductCostsRelation(d, o.model) : d.tableAs('transactions', 't');
  return `${t} WHERE t.event_date BETWEEN ${d.dateLiteral(o.start)} AND ${d.dateLiteral(o.end)}`;
}

/** The product cost of a row of {@link fromSql}. */
const rowCost = (o: ProfitSqlOptions): string => rowCostSql(o.model, o.facts, 't.pc_');

/**
 * `uncostedSql` without a window: uncosted rows counted by product on each shard (`perShard`, where
 * the rows live), summed across shards; the total of uncosted rows from a scalar subquery.
 */
export function plainUncostedSql(o: ProfitSqlOptions, d: SqlDialect): string {
  const product = "coalesce(t.product_id, '(no product id)')";
  const counts = d.perShard(
    `SELECT ${product} AS pid, count(*) AS rows_n FROM ${fromSql(o, d)} AND (${rowCost(o)}) IS NULL GROUP BY ${product}`,
  );
  return `SELECT pid AS product_id, sum(rows_n) AS n, (SELECT sum(rows_n) FROM ${counts}) AS total
FROM ${counts} p GROUP BY pid ORDER BY n DESC, product_id LIMIT 5`;
}

/**
 * `customerProfitSql` (same columns, rows and order) for engines without CTEs, windows or FILTER.
 *
 * ## Method
 * Named subqueries through `dialect.with` (written out on ClickHouse 18.16), conditional aggregates
 * through the dialect and one JOIN per SELECT: the customer aggregation `c` (from `c0` line sums and
 * `o` order counts when the log has order ids) is extended by the main channel (`cc`) and by the
 * first purchase outside the period (`cf`) in turn. The per-customer work is `dialect.perShard`
 * (a customer's rows are on one shard), so only one row per customer leaves a shard.
 */
export function plainCustomerProfitSql(o: ProfitSqlOptions, d: SqlDialect): string {
  const { model, facts } = o;
  const purchase = 'NOT t.is_return';
  // Line-level sums [name, aggregate over t] and order-level counts [name, condition on a line].
  const sums: [string, string][] = [
    ['gross_revenue', centsIf(d, 't.amount', purchase)],
    ['returns_value', centsIf(d, '-t.amount', 't.is_return')],
    ['product_cost', centsIf(d, rowCost(o), null)],
    ['order_lines', d.countIf(purchase)],
    ['units', d.sumIf('abs(coalesce(t.quantity, 1))', purchase)],
  ];
  const counts: [string, string][] = [
    ['orders', purchase],
    ['return_orders', 't.is_return'],
  ];
  const outer: string[] = [];
  const act: [string, string][] = []; // [name, per-customer sum of an activity's counts]
  const hasAct = facts.hasActivities && model.pools.some((p) => p.activity !== null);
  const num = (e: string): string => d.double(`coalesce(${e}, 0)`);
  model.pools.forEach((p, k) => {
    switch (p.driver) {
      case 'order':
        outer.push(`${num('c.orders')} AS v${k}`);
        break;
      case 'order_line':
        outer.push(`${num('c.order_lines')} AS v${k}`);
        break;
      case 'unit':
        outer.push(`${num('c.units')} AS v${k}`);
        break;
      case 'return':
        outer.push(`${num('c.return_orders')} AS v${k}`);
        break;
      case 'delivery':
        if (p.channel === null) outer.push(`${num('c.orders')} AS v${k}`);
        else {
          counts.push([`d${k}`, `${purchase} AND t.channel = ${d.string(p.channel)}`]);
          outer.push(`${num(`c.d${k}`)} AS v${k}`);
        }
        break;
      case 'customer_year': {
        // first purchase ever = the earlier of the first in the period (c.fp_in) and the first outside it (c.fp_out)
        const start = d.dateLiteral(o.start);
        const first = `greatest(coalesce(least(coalesce(c.fp_out, c.fp_in), coalesce(c.fp_in, c.fp_out)), ${start}), ${start})`;
        outer.push(
          `CASE WHEN ${hasAct ? 'coalesce(c.in_log, 0) = 0' : 'c.customer_id IS NULL'} THEN 0 ELSE greatest(0, ${d.dateDiffDays(first, d.dateLiteral(o.end))} + 1) / ${DAYS_PER_YEAR} END AS v${k}`,
        );
        break;
      }
      default:
        if (hasAct) {
          act.push([`a${k}`, d.sumIf('count', `activity = ${d.string(p.activity!)}`)]);
          outer.push(`${num(`c.a${k}`)} AS v${k}`);
        } else outer.push(`${d.double('0')} AS v${k}`); // activity drivers without an activity file
    }
  });
  const needsFirst = model.pools.some((p) => p.driver === 'customer_year');
  if (needsFirst) sums.push(['fp_in', d.minIf('t.event_date', purchase)]);
  const inline = facts.hasChannels && facts.channels !== null;
  if (inline) {
    facts.channels!.forEach((ch, j) => {
      const cond = `${purchase} AND t.channel = ${d.string(ch)}`;
      sums.push([
        `ch${j}`,
        `CASE WHEN ${d.countIf(cond)} > 0 THEN ${d.double(d.moneySum(`CASE WHEN ${cond} THEN t.amount ELSE 0 END`))} ELSE NULL END`,
      ]);
    });
  }
  const ctes: [string, string][] = [];
  if (facts.hasOrderIds) {
    // Rows with an order id: lines → orders (a flag per count), then orders → customers. Rows
    // without an order id are each their own order, counted with the line sums.
    const lineCounts = counts.map(([n, cond]) => `${d.countIf(`t.order_id IS NULL AND ${cond}`)} AS ${n}_rows`);
    ctes.push([
      'c0',
      `SELECT t.customer_id AS customer_id, ${[...sums.map(([n, e]) => `${e} AS ${n}`), ...lineCounts].join(', ')} FROM ${fromSql(o, d)} GROUP BY t.customer_id`,
    ]);
    ctes.push([
      'o',
      `SELECT customer_id, ${counts.map(([n]) => `${d.countIf(`${n}_flag = 1`)} AS ${n}_orders`).join(', ')}
  FROM (SELECT t.customer_id AS customer_id, ${counts.map(([n, cond]) => `max(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS ${n}_flag`).join(', ')} FROM ${fromSql(o, d, false)} AND t.order_id IS NOT NULL GROUP BY t.customer_id, t.order_id) lines
  GROUP BY customer_id`,
    ]);
    ctes.push([
      'c',
      `SELECT customer_id, ${[...sums.map(([n]) => n), ...counts.map(([n]) => `${n}_rows + coalesce(${n}_orders, 0) AS ${n}`)].join(', ')}
  FROM ${d.cte('c0')} LEFT JOIN ${d.cte('o')} USING (customer_id)`,
    ]);
  } else {
    ctes.push([
      'c',
      `SELECT t.customer_id AS customer_id, ${[...sums.map(([n, e]) => `${e} AS ${n}`), ...counts.map(([n, cond]) => `${d.countIf(cond)} AS ${n}`)].join(', ')}
  FROM ${fromSql(o, d)} GROUP BY t.customer_id`,
    ]);
  }
  const cols = ['customer_id', ...sums.map(([n]) => n), ...counts.map(([n]) => n)];
  let last = 'c';
  if (facts.hasChannels && !inline) {
    ctes.push([
      'ch',
      `SELECT customer_id, ${d.argMax('channel', '(revenue, channel)')} AS main_channel
  FROM (SELECT t.customer_id AS customer_id, t.channel AS channel, ${d.moneySum('t.amount')} AS revenue FROM ${fromSql(o, d, false)} AND NOT t.is_return AND t.channel IS NOT NULL GROUP BY t.customer_id, t.channel) cr GROUP BY customer_id`,
    ]);
    ctes.push(['cc', `SELECT ${cols.join(', ')}, main_channel FROM ${d.cte(last)} LEFT JOIN ${d.cte('ch')} USING (customer_id)`]);
    cols.push('main_channel');
    last = 'cc';
  }
  // Only purchases outside the period: none when the period spans the log (the default).
  if (needsFirst) {
    ctes.push([
      'f',
      `SELECT customer_id, min(event_date) AS fp_out FROM transactions WHERE NOT is_return AND (event_date < ${d.dateLiteral(o.start)} OR event_date > ${d.dateLiteral(o.end)}) GROUP BY customer_id`,
    ]);
    ctes.push(['cf', `SELECT ${cols.join(', ')}, fp_out FROM ${d.cte(last)} LEFT JOIN ${d.cte('f')} USING (customer_id)`]);
    cols.push('fp_out');
    last = 'cf';
  }
  // The activity file: a customer's rows are on the shard of the customer's transactions (same shard
  // key); customers known only from it come in through the FULL JOIN with in_log NULL (18.16: 0).
  if (hasAct) {
    ctes.push([
      'a',
      `SELECT customer_id, ${act.map(([n, e]) => `${e} AS ${n}`).join(', ')} FROM ${o.activitiesTable ?? ACTIVITIES} GROUP BY customer_id`,
    ]);
    ctes.push([
      'ca',
      `SELECT ${[...cols, 'in_log', ...act.map(([n]) => n)].join(', ')} FROM (SELECT *, 1 AS in_log FROM ${d.cte(last)}) l FULL OUTER JOIN ${d.cte('a')} USING (customer_id)`,
    ]);
    last = 'ca';
  }
  let mainChannel = "''";
  if (inline) {
    const v = facts.channels!.map((_, j) => `coalesce(c.ch${j}, -1e308)`);
    const top = d.greatest(v);
    const arms = facts
      .channels!.map((ch, j) => [ch, j] as const)
      .reverse()
      .map(([ch, j]) => `WHEN c.ch${j} IS NOT NULL AND ${v[j]} = ${top} THEN ${d.string(ch)}`);
    mainChannel = `CASE ${arms.join(' ')} ELSE '' END`;
  } else if (facts.hasChannels) mainChannel = "coalesce(c.main_channel, '')";
  const body = `SELECT c.customer_id AS customer_id,
  ${d.double(hasAct ? 'coalesce(c.in_log, 0)' : '1')} AS in_log,
  coalesce(c.gross_revenue, 0) AS gross_revenue, coalesce(c.returns_value, 0) AS returns_value,
  coalesce(c.product_cost, 0) AS product_cost,
  ${num('c.orders')} AS orders, ${num('c.order_lines')} AS order_lines,
  ${num('c.units')} AS units, ${num('c.return_orders')} AS return_orders,
  ${mainChannel} AS main_channel${outer.map((x) => `,\n  ${x}`).join('')}
FROM ${d.cte(last, 'c')}`;
  return `SELECT * FROM ${d.perShard(d.with(ctes, body))} p
ORDER BY ${d.customerOrder('customer_id')}`;
}
