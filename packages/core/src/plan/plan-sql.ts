import type { ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';

/**
 * The stored plans table: one row per saved plan, its as-of day (the data's analysis day), when it
 * was saved and the plan as JSON. Created when first used; values are always bound.
 */
export const PLAN_DDL = `CREATE TABLE IF NOT EXISTS plans (
  as_of VARCHAR NOT NULL,
  saved_at VARCHAR NOT NULL,
  body VARCHAR NOT NULL
)`;

/** The plans table on ClickHouse (issue 16): the same columns as Strings, spread by as-of day. */
export const PLAN_TABLE: ClickHouseTableSpec = {
  name: 'plans',
  columns: [
    ['as_of', 'String'],
    ['saved_at', 'String'],
    ['body', 'String'],
  ],
  orderBy: '(as_of, saved_at)',
  shardKey: 'cityHash64(as_of)',
};

/** Stored plans, newest first by as-of day then save time (no parameters). */
export function listPlansSql(): string {
  return 'SELECT as_of, saved_at, body FROM plans ORDER BY as_of DESC, saved_at DESC';
}

/** Stores one plan (bound parameters `$as_of`, `$saved_at`, `$body`). */
export function insertPlanSql(): string {
  return 'INSERT INTO plans (as_of, saved_at, body) VALUES ($as_of, $saved_at, $body)';
}
