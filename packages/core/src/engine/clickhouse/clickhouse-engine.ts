import { createHash, randomBytes } from 'node:crypto';
import type { ColumnBatch, ColumnKind, Engine, SqlValue } from '../engine.js';
import { EngineError } from '../../errors.js';
import { clickhouseDialect, PER_SHARD_MARKER } from './clickhouse-dialect.js';
import { NativeReader } from './clickhouse-native.js';
import { loadTablePlan } from './clickhouse-load.js';
import { expandCodes } from '../coded-text.js';
import { bindParams, splitStatements } from './clickhouse-params.js';
import { encodeRowBinary } from './clickhouse-row-binary.js';
import { httpTransport, type ClickHouseFormat, type ClickHouseTransport } from './clickhouse-transport.js';
import type { ClickHouseTarget } from './clickhouse-url.js';
import { fromJson } from './clickhouse-values.js';
import { engineFailure } from './clickhouse-readonly.js';
import { shardViewCache, type HeldView } from './clickhouse-shard-views.js';

type Params = SqlValue[] | Record<string, SqlValue> | undefined;

/** Traffic counters of one engine: what came back from ClickHouse to Node. */
export interface ClickHouseStats {
  queries: number;
  /** Bytes of query results received (HTTP bodies, after any transfer compression). */
  bytesReceived: number;
  /** Rows of query results received. */
  rowsReceived: number;
}

/** The ClickHouse engine: the Engine contract plus what ingestion and the tests need. */
export interface ClickHouseEngine extends Engine {
  readonly target: ClickHouseTarget;
  /** Database holding the Distributed tables (or the tables themselves on a single node). */
  readonly database: string;
  /** Database holding each shard's MergeTree tables (= `database` on a single node). */
  readonly localDatabase: string;
  readonly stats: ClickHouseStats;
  /** HTTP endpoints of the shards (one on a single node). */
  shardUrls(): Promise<string[]>;
  /** Runs one statement on every shard, with the local database (or `defaultDatabase`) as default: DDL of shard-local tables. */
  execOnShards(sql: string, defaultDatabase?: string): Promise<void>;
  /** The raw result of a query in `format`, chunk by chunk (counted in `stats`). */
  stream(sql: string, format: ClickHouseFormat, params?: SqlValue[] | Record<string, SqlValue>): AsyncIterable<Buffer>;
  /** Inserts typed columns ({@link encodeRowBinary}; [name, type]) into `table` of `database`, or with `shardUrl` of that shard's `localDatabase`. */
  insertColumns(table: string, columns: readonly (readonly [string, string])[], batch: ColumnBatch, shardUrl?: string): Promise<void>;
}

/**
 * An {@link Engine} over ClickHouse's HTTP interface (`@clickhouse/client`). On a cluster the
 * workspace tables are MergeTree tables in `<db>_local` on every shard plus Distributed tables in
 * `<db>` sharded by `cityHash64(customer_id)` (see `clickhouse-schema.ts`); plain statements go to
 * the Distributed tables, and `dialect.perShard(sql)` relations run on each shard's own rows.
 *
 * ## Method
 * `perShard` leaves a marker holding the subquery; before a statement is sent, each marker becomes
 * a view of that subquery in `<db>_local` on every shard (its tables resolve to the shard's own
 * MergeTree tables) plus a Distributed table over the views in `<db>`, so ClickHouse runs the
 * subquery where the rows live and merges only the outer query's (partial) results. The views are
 * named by a hash of the subquery and this engine's id, created once, kept up to 64 (the least
 * recently used idle ones are dropped past that, see `shardViewCache`) and dropped by `close()`.
 * Parameters are inlined as literals (ClickHouse 18.16 has no HTTP parameters). Large results are
 * read in the `Native` (columnar) format straight into typed arrays. `load` writes RowBinary into a
 * table on the node the engine talks to (see `loadTablePlan`); temporary ones are dropped by `close()`.
 *
 * @throws EngineError `query_failed` with the first line of ClickHouse's message (`readonly_profile` when the
 *   user's settings profile is read only and that refused the statement); `engine_open_failed`
 *   when the server does not answer or the cluster is unknown.
 * @example
 * const engine = createClickHouseEngine({ url: 'http://127.0.0.1:8123', database: 'cvm', cluster: null, shards: null });
 * await engine.rows('SELECT 42 AS x'); // → [{ x: 42 }]
 */
export function createClickHouseEngine(target: ClickHouseTarget, transport: ClickHouseTransport = httpTransport(target)): ClickHouseEngine {
  const database = target.database;
  const localDatabase = target.cluster === null ? database : `${database}_local`;
  const id = randomBytes(4).toString('hex');
  const stats: ClickHouseStats = { queries: 0, bytesReceived: 0, rowsReceived: 0 };
  const temporaryTables = new Set<string>();
  let shards: Promise<string[]> | null = null;

  const fail = (sql: string, error: unknown): never => {
    throw engineFailure(sql, error);
  };

  const shardUrls = (): Promise<string[]> => {
    shards ??= (async () => {
      if (target.cluster === null) return [target.url];
      if (target.shards !== null) return target.shards;
      const port = new URL(target.url).port;
      const rs = await rawRows<{ host_address: string }>(
        `SELECT host_address FROM system.clusters WHERE cluster = ${clickhouseDialect.string(target.cluster)} AND replica_num = 1 ORDER BY shard_num`,
      );
      if (rs.length === 0)
        throw new EngineError('engine_open_failed', `ClickHouse at ${target.url} has no cluster "${target.cluster}" in remote_servers`, {
          cluster: target.cluster,
        });
      return rs.map((r) => `http://${r.host_address}:${port}`);
    })();
    return shards;
  };

  async function command(url: string, db: string, sql: string): Promise<void> {
    try {
      stats.queries += 1;
      await transport.command(url, db, sql);
    } catch (error) {
      fail(sql, error);
    }
  }

  async function rawRows<T>(sql: string): Promise<T[]> {
    try {
      stats.queries += 1;
      const chunks: Buffer[] = [];
      for await (const chunk of await transport.query(target.url, database, sql, 'JSONCompact')) chunks.push(chunk);
      const text = Buffer.concat(chunks).toString('utf8');
      stats.bytesReceived += Buffer.byteLength(text);
      const body = JSON.parse(text) as { meta: { name: string; type: string }[]; data: unknown[][] };
      stats.rowsReceived += body.data.length;
      return body.data.map((row) => {
        const o: Record<string, unknown> = {};
        body.meta.forEach((m, j) => {
          o[m.name] = fromJson(row[j], m.type);
        });
        return o as T;
      });
    } catch (error) {
      return fail(sql, error);
    }
  }

  const views = shardViewCache(
    {
      create: async (name, inner) => {
        const urls = await shardUrls();
        await Promise.all(urls.map((u) => command(u, localDatabase, `CREATE VIEW IF NOT EXISTS ${localDatabase}.${name} AS ${inner}`)));
        await command(
          target.url,
          database,
          `CREATE TABLE IF NOT EXISTS ${database}.${name} AS ${localDatabase}.${name} ENGINE = Distributed(${target.cluster}, ${localDatabase}, ${name})`,
        );
      },
      drop: async (name) => {
        const urls = await shardUrls();
        await command(target.url, database, `DROP TABLE IF EXISTS ${database}.${name}`);
        await Promise.all(urls.map((u) => command(u, localDatabase, `DROP TABLE IF EXISTS ${localDatabase}.${name}`)));
      },
    },
    (inner) => `q_${createHash('sha256').update(inner).digest('hex').slice(0, 16)}_${id}`,
  );

  /**
   * Binds parameters and turns each perShard marker into a Distributed table over per-shard views;
   * the views stay in use until `release` is called (when the statement has finished).
   */
  async function prepare(sql: string, params: Params): Promise<{ query: string; release: () => void }> {
    let query = bindParams(sql, params);
    const held: HeldView[] = [];
    const release = (): void => {
      for (const v of held) v.release();
    };
    try {
      for (const m of [...query.matchAll(PER_SHARD_MARKER)]) {
        const inner = Buffer.from(m[1]!, 'base64').toString('utf8');
        if (target.cluster === null) {
          // a function, not a string: `$'` and `$&` in the SQL (a regular expression's anchor) are no replacement patterns
          query = query.replace(m[0], () => `(${inner})`);
          continue;
        }
        const view = await views.hold(inner);
        held.push(view);
        query = query.replace(m[0], `${database}.${view.name}`);
      }
    } catch (error) {
      release();
      throw error;
    }
    return { query, release };
  }

  async function insertColumns(
    table: string,
    columns: readonly (readonly [string, string])[],
    batch: ColumnBatch,
    shardUrl?: string,
  ): Promise<void> {
    if (batch.length === 0) return;
    const body = encodeRowBinary(columns, batch);
    const db = shardUrl === undefined ? database : localDatabase;
    try {
      stats.queries += 1;
      await transport.insertRowBinary(shardUrl ?? target.url, db, `${db}.${table}`, columns, body);
    } catch (error) {
      fail(`INSERT INTO ${table} FORMAT RowBinary`, error);
    }
  }

  return {
    dialect: clickhouseDialect,
    target,
    database,
    localDatabase,
    stats,
    shardUrls,
    async exec(sql, params) {
      for (const statement of splitStatements(sql)) {
        const { query, release } = await prepare(statement, params);
        try {
          await command(target.url, database, query);
        } finally {
          release();
        }
      }
    },
    async rows<T>(sql: string, params?: Params): Promise<T[]> {
      const { query, release } = await prepare(sql, params);
      try {
        return await rawRows<T>(query);
      } finally {
        release();
      }
    },
    async columns(sql: string, kinds: Record<string, ColumnKind>, params?: Params): Promise<ColumnBatch> {
      const { query, release } = await prepare(sql, params);
      try {
        stats.queries += 1;
        const reader = new NativeReader(kinds);
        for await (const chunk of await transport.query(target.url, database, query, 'Native')) {
          stats.bytesReceived += chunk.length;
          reader.push(chunk);
        }
        const batch = reader.end();
        stats.rowsReceived += batch.length;
        return batch;
      } catch (error) {
        return fail(query, error);
      } finally {
        release();
      }
    },
    async execOnShards(sql, defaultDatabase = localDatabase) {
      const urls = await shardUrls();
      await Promise.all(urls.map((u) => command(u, defaultDatabase, sql)));
    },
    async *stream(sql, format, params) {
      const { query, release } = await prepare(sql, params); // the views are held until the last chunk is read
      try {
        stats.queries += 1;
        let chunks: AsyncIterable<Buffer>;
        try {
          chunks = await transport.query(target.url, database, query, format);
        } catch (error) {
          return fail(query, error);
        }
        for await (const chunk of chunks) {
          stats.bytesReceived += chunk.length;
          yield chunk;
        }
      } finally {
        release();
      }
    },
    insertColumns,
    async load(table, coded, options = {}) {
      const temporary = options.temporary !== false;
      const batch = expandCodes(coded); // coded text as String columns
      const plan = loadTablePlan(
        database,
        table,
        batch,
        options.order ?? [...Object.keys(batch.f64), ...Object.keys(batch.strings)],
        temporary,
      );
      await command(target.url, database, plan.drop);
      temporaryTables.delete(table);
      await command(target.url, database, plan.create);
      if (temporary) temporaryTables.add(table);
      await insertColumns(table, plan.columns, batch);
    },
    async close() {
      for (const table of temporaryTables) await command(target.url, database, `DROP TABLE IF EXISTS ${database}.${table}`).catch(() => {});
      temporaryTables.clear();
      if (target.cluster !== null) await views.dropAll();
      await transport.close();
    },
  };
}
