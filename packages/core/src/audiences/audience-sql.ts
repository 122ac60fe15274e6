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
