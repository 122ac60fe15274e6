import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { logDates } from '../summary/summary.js';
import { loadActivities, type ActivityReport } from './activities.js';
import { loadActivitiesToClickHouse } from './activities-clickhouse.js';
import { sweepActivityTables } from './activities-sweep-clickhouse.js';
import { innerEngine } from '../engine/serial-engine.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import type { CostModel } from './cost-model.js';
import { DRIVERS } from './drivers.js';
import { channelListSql, logFactsSql, MAX_INLINE_CHANNELS, uncostedSql, type LogFacts, type ProfitSqlOptions } from './profit-sql.js';
import { plainUncostedSql } from './profit-plain-sql.js';
import { writeProductCosts } from './product-costs.js';
import { checkInlineProductCosts } from './product-costs-inline.js';
import type { ProfitabilityOptions, ProfitabilityResult } from './profitability-types.js';

/** What the per-customer profit query needs, gathered and checked before it runs (see {@link prepareProfitInputs}). */
export interface ProfitInputs {
  /** The cost period: the cost model's, else the whole log (YYYY-MM-DD, inclusive). */
  period: ProfitabilityResult['period'];
  /** The options of the profit SQL (model, period, what the log has). */
  sqlOptions: ProfitSqlOptions;
  /** The activity file's load report, or null without one. */
  activities: ActivityReport | null;
  /** Plain-words doubts so far (quarantined activity rows, activity pools without a file, product costs). */
  warnings: string[];
  /** Removes what was stored for the profit query (ClickHouse: the activity table); call it when done. */
  release(): Promise<void>;
}

/**
 * The first half of {@link computeProfitability}: finds the cost period and what the log has in it
 * (order ids, channels), writes the product costs (DuckDB: a temporary table; ClickHouse: checked
 * here, written into the SQL as literals), loads the activity file (ClickHouse: validated by DuckDB,
 * stored in a table sharded like the transactions) and checks that every product has a cost. The
 * caller calls `release()` when the profit query has run (nothing is left behind on a throw).
 * @throws InputError `empty_log`, `empty_period`, `unknown_product`, `too_many_products` (ClickHouse,
 *   see {@link checkInlineProductCosts}), and those of {@link loadActivities}.
 * @example
 * const { period, sqlOptions } = await prepareProfitInputs(engine, model);
 * period; // { start: '1997-01-01', end: '1998-06-30' } on CDNOW without a period in the cost model
 */
export async function prepareProfitInputs(engine: Engine, model: CostModel, options: ProfitabilityOptions = {}): Promise<ProfitInputs> {
  const d = engine.dialect;
  const range = await logDates(engine);
  if (range.lastDate === null)
    throw new InputError(
      'empty_log',
      'The workspace has no accepted transactions; ingest a log first (cvm ingest FILE --workspace DIR)',
      {},
    );
  const period = model.period ?? { start: range.firstDate!, end: range.lastDate };
  const [f] = await engine.rows<{ has_order_ids: boolean; has_channels: boolean; n: number }>(logFactsSql(d, period.start, period.end));
  if (!f || f.n === 0) {
    throw new InputError(
      'empty_period',
      `No accepted transaction falls in the cost period ${period.start} .. ${period.end} (the log runs ${range.firstDate} .. ${range.lastDate}); fix period in the cost model`,
      { period, range },
    );
  }
  const warnings: string[] = [];
  const channelList = f.has_channels
    ? (await engine.rows<{ channel: string }>(channelListSql(d, period.start, period.end))).map((c) => c.channel)
    : [];
  const facts: LogFacts = {
    hasOrderIds: f.has_order_ids,
    hasChannels: f.has_channels,
    hasActivities: false,
    hasProductCosts: model.productCost.products.size > 0,
    channels: channelList.length <= MAX_INLINE_CHANNELS ? channelList : null,
  };
  if (facts.hasProductCosts) await (d.name === 'duckdb' ? writeProductCosts : checkInlineProductCosts)(engine, model, warnings);

  // activity tables of P&L runs killed on this workspace (a day old, held by no live process)
  const ch = innerEngine(engine);
  if (isClickHouseEngine(ch)) await sweepActivityTables(ch);

  const activityPools = model.pools.filter((p) => DRIVERS[p.driver].source === 'activity');
  let activities: ActivityReport | null = null;
  let activitiesTable: string | undefined;
  let release = async (): Promise<void> => {};
  const activitiesFile = options.activitiesFile ?? model.activitiesFile ?? undefined;
  if (activitiesFile !== undefined) {
    const names = [...new Set(activityPools.map((p) => p.activity!))];
    if (d.name === 'duckdb') activities = await loadActivities(engine, activitiesFile, names, period);
    else {
      const stored = await loadActivitiesToClickHouse(engine, activitiesFile, names, period);
      ({ report: activities, table: activitiesTable, drop: release } = stored);
    }
    facts.hasActivities = true;
    if (activities.rowsQuarantined > 0) {
      const reasons = Object.entries(activities.quarantineByReason)
        .map(([r, n]) => `${n} ${r}`)
        .join(', ');
      warnings.push(
        `${activities.rowsQuarantined} of ${activities.rowsRead} activity rows were quarantined (${reasons}); they count towards no pool`,
      );
    }
  } else if (activityPools.length > 0) {
    warnings.push(
      `No activity file given: pool${activityPools.length > 1 ? 's' : ''} ${activityPools.map((p) => `"${p.name}"`).join(', ')} (driver ${[...new Set(activityPools.map((p) => p.driver))].join(', ')}) cannot be assigned and ${activityPools.length > 1 ? 'are' : 'is'} reported as unassigned; pass --activities FILE or name it in the cost model (activities: FILE)`,
    );
  }

  const sqlOptions: ProfitSqlOptions = { model, start: period.start, end: period.end, facts, activitiesTable };
  try {
    if (model.productCost.marginPct === null) await checkCosted(engine, sqlOptions);
  } catch (error) {
    await release().catch(() => {});
    throw error;
  }
  return { period, sqlOptions, activities, warnings, release };
}

/** @throws InputError `unknown_product` when a row in the period has no product cost (the top 5 products named). */
async function checkCosted(engine: Engine, sqlOptions: ProfitSqlOptions): Promise<void> {
  const d = engine.dialect;
  const missing = await engine.rows<{ product_id: string; n: number; total: number }>(
    (d.name === 'duckdb' ? uncostedSql : plainUncostedSql)(sqlOptions, d),
  );
  if (missing.length > 0) {
    const list = missing.map((m) => `${m.product_id} (${m.n} rows)`).join(', ');
    throw new InputError(
      'unknown_product',
      `${missing[0]!.total} transaction rows have no product cost: product ${list}${missing.length === 5 ? ', …' : ''}. Add them under product_cost.products or set a default product_cost.margin_pct`,
      { products: missing },
    );
  }
}
