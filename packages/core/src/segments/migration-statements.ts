import type { SqlDialect } from '../engine/engine.js';
import { downgradesSql, markovRevenueSql, markovTransitionSql, tierOrderSql, transitionSql } from './migration-sql.js';
import {
  plainDowngradesSql,
  plainMarkovRevenueSql,
  plainMarkovTransitionSql,
  plainTierOrderSql,
  plainTransitionSql,
} from './migration-plain-sql.js';

/**
 * The migration statements for an engine: DuckDB's WITH form, or the plain per-shard form (ClickHouse).
 * @example migrationStatements(engine.dialect).transition(engine.dialect, '1997-12-31', '1998-06-30', 'value_tier'); // SQL text
 */
export const migrationStatements = (d: SqlDialect) =>
  d.name === 'duckdb'
    ? {
        transition: transitionSql,
        downgrades: downgradesSql,
        tierOrder: tierOrderSql,
        markovTransition: markovTransitionSql,
        markovRevenue: markovRevenueSql,
      }
    : {
        transition: plainTransitionSql,
        downgrades: plainDowngradesSql,
        tierOrder: plainTierOrderSql,
        markovTransition: plainMarkovTransitionSql,
        markovRevenue: plainMarkovRevenueSql,
      };
