import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseTarget } from './clickhouse-url.js';

/**
 * How the ClickHouse engine reaches a server: statements without a result, and queries whose raw
 * result bytes (in `format`) are read by the engine. The default is HTTP through `@clickhouse/client`;
 * the tests plug in chDB (an embedded current ClickHouse) to check the same SQL there.
 */
export interface ClickHouseTransport {
  /** Runs a statement on the node at `url` with `database` as the default database. */
  command(url: string, database: string, sql: string): Promise<void>;
  /** Runs a query and returns its result bytes in `format` (`JSONCompact`, `Native`), chunk by chunk. */
  query(url: string, database: string, sql: string, format: ClickHouseFormat): Promise<AsyncIterable<Buffer>>;
  /** Inserts `body`, rows in ClickHouse's RowBinary format for `columns` ([name, type]), into `table`. */
  insertRowBinary(
    url: string,
    database: string,
    table: string,
    columns: readonly (readonly [string, string])[],
    body: Buffer,
  ): Promise<void>;
  close(): Promise<void>;
}

/** Result formats the engine reads (all exist in ClickHouse 18.16 and current releases). */
export type ClickHouseFormat = 'JSONCompact' | 'Native' | 'CSV' | 'TabSeparated';

/** Settings sent with every query: plain numbers in JSON, NULL (not 0/'') for LEFT JOIN misses, synchronous Distributed inserts. */
export const CLICKHOUSE_SETTINGS = { output_format_json_quote_64bit_integers: 0, join_use_nulls: 1, insert_distributed_sync: 1 } as const;

/** ClickHouse's defaults of the limits on parsing a statement (18.16 and current releases). */
export const PARSE_LIMIT_DEFAULTS = { max_query_size: 262_144, max_ast_elements: 50_000, max_expanded_ast_elements: 500_000 } as const;

/**
 * Settings that let ClickHouse parse all of `sql`, sent with that statement only: none under 192 KiB,
 * else `max_query_size` of its bytes plus 64 KiB (chDB counts a few bytes more than it was given)
 * and `max_ast_elements` / `max_expanded_ast_elements` of its bytes (an element is at least one byte
 * of text; in cvm's statements aliases stand for small expressions), never below the defaults. They
 * are query-level settings: a Distributed table forwards them with the subqueries it sends to the
 * shards (checked on the 18.16 cluster). Only statements with many literals (per-product costs) get them.
 * @example
 * parseLimitSettings('SELECT 1'); // → {}
 * parseLimitSettings(`SELECT ${'1+'.repeat(150_000)}1`); // → { max_query_size: 365544, max_ast_elements: 300008, max_expanded_ast_elements: 500000 }
 */
export function parseLimitSettings(sql: string): Partial<Record<keyof typeof PARSE_LIMIT_DEFAULTS, number>> {
  const bytes = Buffer.byteLength(sql);
  if (bytes <= 192 * 1024) return {};
  return {
    max_query_size: bytes + 64 * 1024,
    max_ast_elements: Math.max(PARSE_LIMIT_DEFAULTS.max_ast_elements, bytes),
    max_expanded_ast_elements: Math.max(PARSE_LIMIT_DEFAULTS.max_expanded_ast_elements, bytes),
  };
}

/**
 * The HTTP transport: one `@clickhouse/client` per (node, default database), user and password from
 * the target, long request timeout (big ingests and summaries), the client's own logging off (errors
 * are raised to the caller as EngineError instead); a long statement carries {@link parseLimitSettings}.
 */
export function httpTransport(target: Pick<ClickHouseTarget, 'user' | 'password'>): ClickHouseTransport {
  const clients = new Map<string, ClickHouseClient>();
  // the client types UInt64 settings as strings
  const limits = (sql: string): Record<string, string> =>
    Object.fromEntries(Object.entries(parseLimitSettings(sql)).map(([k, v]) => [k, String(v)]));
  const client = (url: string, database: string): ClickHouseClient => {
    const key = `${url} ${database}`;
    let c = clients.get(key);
    if (!c) {
      c = createClient({
        url,
        database,
        username: target.user ?? 'default',
        password: target.password ?? '',
        clickhouse_settings: CLICKHOUSE_SETTINGS as never,
        request_timeout: 3_600_000,
        log: { level: 127 as never },
      });
      clients.set(key, c);
    }
    return c;
  };
  return {
    async command(url, database, sql) {
      await client(url, database).command({ query: sql, clickhouse_settings: limits(sql) });
    },
    async query(url, database, sql, format) {
      const query = `${sql}\nFORMAT ${format}`;
      const result = await client(url, database).exec({ query, clickhouse_settings: limits(query) });
      return result.stream as AsyncIterable<Buffer>;
    },
    async insertRowBinary(url, database, table, columns, body) {
      const result = await client(url, database).exec({
        query: `INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')}) FORMAT RowBinary`,
        values: Readable.from([body]),
      });
      result.stream.resume();
    },
    async close() {
      await Promise.all([...clients.values()].map((c) => c.close()));
      clients.clear();
    },
  };
}
