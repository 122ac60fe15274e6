import type { ClickHouseTableSpec } from './clickhouse-schema.js';

/** DuckDB column types of the workspace DDL → ClickHouse types (NULL-able unless NOT NULL). */
const TYPES: Record<string, string> = {
  VARCHAR: 'String',
  INTEGER: 'Int32',
  BIGINT: 'Int64',
  DOUBLE: 'Float64',
  DATE: 'Date',
  TIMESTAMP: 'DateTime',
};

/**
 * ClickHouse table specs read off a DuckDB DDL script of `CREATE TABLE IF NOT EXISTS name (…);`
 * statements (one column a line), so the two engines can never list different columns: the same
 * columns in ClickHouse types, MergeTree tables ordered by their first column, Distributed tables
 * sharded by `shardKeys[name]`.
 * @throws TypeError for a column type or a table without a shard key (a programming error)
 * @example
 * specsFromDuckDbDdl('CREATE TABLE IF NOT EXISTS t (\n  id VARCHAR NOT NULL,\n  x DOUBLE\n);', { t: 'cityHash64(id)' });
 * // → [{ name: 't', columns: [['id', 'String'], ['x', 'Nullable(Float64)']], orderBy: 'id', shardKey: 'cityHash64(id)' }]
 */
export function specsFromDuckDbDdl(ddl: string, shardKeys: Readonly<Record<string, string>>): ClickHouseTableSpec[] {
  const out: ClickHouseTableSpec[] = [];
  for (const m of ddl.matchAll(/CREATE TABLE IF NOT EXISTS (\w+) \(([^;]*?)\n\)/g)) {
    const name = m[1]!;
    const columns = m[2]!
      .split(',\n')
      .map((l) => l.trim())
      .filter((l) => l !== '')
      .map((l): [string, string] => {
        const [col, type] = l.split(/\s+/) as [string, string];
        const ch = TYPES[type];
        if (ch === undefined) throw new TypeError(`specsFromDuckDbDdl: no ClickHouse type for ${type} (${name}.${col})`);
        return [col, /NOT NULL/.test(l) ? ch : `Nullable(${ch})`];
      });
    const shardKey = shardKeys[name];
    if (shardKey === undefined) throw new TypeError(`specsFromDuckDbDdl: no shard key for ${name}`);
    out.push({ name, columns, orderBy: columns[0]![0], shardKey });
  }
  return out;
}
