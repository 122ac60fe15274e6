import type { ClickHouseTableSpec } from '../engine/clickhouse/clickhouse-schema.js';

/**
 * The saved audiences table: one row per audience, its filters as a JSON array of `column:op:value`
 * texts (the customer table's filter syntax). Created when first used; values are always bound.
 */
export const AUDIENCE_DDL = `CREATE TABLE IF NOT EXISTS audiences (
  name VARCHAR NOT NULL,
  description VARCHAR NOT NULL,
  filters VARCHAR NOT NULL,
  created_at VARCHAR NOT NULL,
  updated_at VARCHAR NOT NULL
)`;

/**
 * The audiences table on ClickHouse (issue 16): the same columns as Strings, one partition per name,
 * so replacing or deleting an audience drops its partition (synchronous, unlike a DELETE mutation).
 */
export const AUDIENCE_TABLE: ClickHouseTableSpec = {
  name: 'audiences',
  columns: [
    ['name', 'String'],
    ['description', 'String'],
    ['filters', 'String'],
    ['created_at', 'String'],
    ['updated_at', 'String'],
  ],
  orderBy: 'name',
  partitionBy: 'name',
  shardKey: 'cityHash64(name)',
};

/** Every audience, by name (bound parameters: none). */
export function listAudiencesSql(): string {
  return 'SELECT name, description, filters, created_at, updated_at FROM audiences ORDER BY name';
}

/** One audience (bound parameter `$name`). */
export function getAudienceSql(): string {
  return 'SELECT name, description, filters, created_at, updated_at FROM audiences WHERE name = $name';
}

/** Removes one audience (bound parameter `$name`). */
export function deleteAudienceSql(): string {
  return 'DELETE FROM audiences WHERE name = $name';
}

/** Stores one audience (bound parameters `$name`, `$description`, `$filters`, `$created`, `$updated`). */
export function insertAudienceSql(): string {
  return 'INSERT INTO audiences (name, description, filters, created_at, updated_at) VALUES ($name, $description, $filters, $created, $updated)';
}
