import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseTarget } from './clickhouse-url.js';
import { CLICKHOUSE_SETTINGS, PARSE_LIMIT_DEFAULTS, parseLimitSettings } from './clickhouse-settings.js';
import { limitsToSend, PROFILE_SETTINGS_SQL, type ProfileSettings } from './clickhouse-readonly.js';

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

export { CLICKHOUSE_SETTINGS, PARSE_LIMIT_DEFAULTS, parseLimitSettings };
export type { ProfileSettings };

/**
 * The HTTP transport: one `@clickhouse/client` per (node, default database), user and password from
 * the target, long request timeout (big ingests and summaries), the client's own logging off (errors
 * are raised to the caller as EngineError instead); a long statement carries those of
 * {@link parseLimitSettings} that the user's settings profile does not grant already (read once per
 * node from `system.settings`; see `clickhouse-readonly.ts` for a `readonly=1` profile).
 */
export function httpTransport(target: Pick<ClickHouseTarget, 'user' | 'password'>): ClickHouseTransport {
  const clients = new Map<string, ClickHouseClient>();
  const profiles = new Map<string, Promise<ProfileSettings>>();
  // the user's profile, the same in every database (asked through `default`: the workspace's may not exist yet)
  const profile = (url: string): Promise<ProfileSettings> => {
    let p = profiles.get(url);
    if (!p) {
      p = (async () => {
        const r = await client(url, 'default').query({ query: PROFILE_SETTINGS_SQL, format: 'JSONEachRow' });
        const rows = await r.json<{ name: string; value: string }>();
        return { readonly: 0, ...PARSE_LIMIT_DEFAULTS, ...Object.fromEntries(rows.map((x) => [x.name, Number(x.value)])) };
      })();
      p.catch(() => profiles.delete(url));
      profiles.set(url, p);
    }
    return p;
  };
  // the client types UInt64 settings as strings
  const limits = async (url: string, sql: string): Promise<Record<string, string>> => {
    const needed = parseLimitSettings(sql);
    if (Object.keys(needed).length === 0) return {};
    const send = limitsToSend(Buffer.byteLength(sql), needed, await profile(url));
    return Object.fromEntries(Object.entries(send).map(([k, v]) => [k, String(v)]));
  };
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
      await client(url, database).command({ query: sql, clickhouse_settings: await limits(url, sql) });
    },
    async query(url, database, sql, format) {
      const query = `${sql}\nFORMAT ${format}`;
      const result = await client(url, database).exec({ query, clickhouse_settings: await limits(url, query) });
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
