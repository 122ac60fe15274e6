/** The settings cvm sends to ClickHouse: with every statement, and with a long one (issue 16). */

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
