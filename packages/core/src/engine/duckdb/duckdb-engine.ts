import { rmSync } from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Engine } from '../engine.js';
import { sqlIdent, sqlString } from '../sql.js';
import { EngineError } from '../../errors.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { toPlain } from './duckdb-values.js';
import { memoryTempDirectory, resolveMemoryLimit } from './duckdb-memory.js';
import { duckdbModule } from './duckdb-module.js';
import { type Params, readColumnBatches, readColumns } from './duckdb-read-columns.js';
import { appendColumns, enumColumns } from './duckdb-append.js';

export interface DuckDbEngineOptions {
  /** Database file; omit (or ':memory:') for an in-memory database. */
  path?: string;
  /** DuckDB threads (default: DuckDB's own choice, all cores). */
  threads?: number;
  /**
   * DuckDB memory limit, e.g. '4GB'; `null` or 'none' for DuckDB's default (80% of RAM). Default:
   * env `CVM_MEMORY_LIMIT`, else 1GB. Work beyond it spills to `tempDirectory`.
   */
  memoryLimit?: string | null;
  /** Where DuckDB spills: default `<path>.tmp` for a file, a fresh directory under the OS temp dir in memory or read-only. */
  tempDirectory?: string;
  /** Open the database file read-only (DuckDB `access_mode = READ_ONLY`): several processes may read it at once. */
  readOnly?: boolean;
}

/**
 * The embedded default engine. Opens lazily on first use; never installs extensions (the parquet,
 * json and icu extensions are built into the bundled DuckDB).
 *
 * @example
 * const engine = createDuckDbEngine();
 * await engine.rows('select 42 as x'); // → [{ x: 42 }]
 */
export function createDuckDbEngine(options: DuckDbEngineOptions = {}): Engine {
  const memoryLimit = resolveMemoryLimit(options.memoryLimit);
  const inMemory = options.path === undefined || options.path === ':memory:';
  const readOnly = options.readOnly === true && !inMemory;
  const ownTemp = (inMemory || readOnly) && options.tempDirectory === undefined;
  const tempDirectory = options.tempDirectory ?? (ownTemp ? memoryTempDirectory() : undefined);
  let connection: Promise<DuckDBConnection> | null = null;
  let instance: { closeSync(): void } | null = null;

  const connect = (): Promise<DuckDBConnection> => {
    connection ??= (async () => {
      const config: Record<string, string> = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'true' };
      if (options.threads) config.threads = String(options.threads);
      if (memoryLimit !== null) config.memory_limit = memoryLimit;
      if (tempDirectory !== undefined) config.temp_directory = tempDirectory;
      if (readOnly) config.access_mode = 'READ_ONLY';
      try {
        // loaded on first use: the native module costs ~0.1 s, which `cvm --help` should not pay
        const { DuckDBInstance } = await duckdbModule();
        const created = await DuckDBInstance.create(options.path ?? ':memory:', config);
        instance = created;
        return await created.connect();
      } catch (error) {
        throw new EngineError(
          'engine_open_failed',
          `Could not open the DuckDB database ${options.path ?? '(in memory)'}: ${(error as Error).message}`,
          { path: options.path },
        );
      }
    })();
    return connection;
  };

  const wrap = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof EngineError) throw error;
      const message = (error as Error).message ?? String(error);
      throw new EngineError('query_failed', `DuckDB query failed: ${message.split('\n')[0]}`, { sql: sql.slice(0, 2000), detail: message });
    }
  };

  return {
    dialect: duckdbDialect,
    async exec(sql, params) {
      const c = await connect();
      await wrap(sql, () => c.run(sql, params as Params as DuckDBValue[] | undefined));
    },
    async rows<T>(sql: string, params?: Params): Promise<T[]> {
      const c = await connect();
      return wrap(sql, async () => {
        const reader = await c.runAndReadAll(sql, params as DuckDBValue[] | undefined);
        const names = reader.columnNames();
        const columns = reader.getColumns(); // converts every chunk: call it once, not once per column
        const out: T[] = [];
        for (let r = 0; r < reader.currentRowCount; r++) {
          const row: Record<string, unknown> = {};
          for (let j = 0; j < names.length; j++) row[names[j]!] = toPlain(columns[j]![r]);
          out.push(row as T);
        }
        return out;
      });
    },
    async columns(sql, kinds, params) {
      const c = await connect();
      return wrap(sql, () => readColumns(c, sql, kinds, params));
    },
    async *columnBatches(sql, kinds, batchRows, params) {
      const c = await connect();
      const batches = await wrap(sql, async () => readColumnBatches(c, sql, kinds, params, batchRows));
      for (;;) {
        const next = await wrap(sql, () => batches.next());
        if (next.done) return;
        yield next.value;
      }
    },
    async load(table, batch, loadOptions = {}) {
      const c = await connect();
      const order = loadOptions.order ?? [...Object.keys(batch.f64), ...Object.keys(batch.strings), ...Object.keys(batch.codes ?? {})];
      const enums = enumColumns(batch);
      const type = (n: string): string => {
        const e = enums.get(n);
        if (n in batch.f64) return 'DOUBLE';
        return e && e.labels.length > 0 ? `ENUM(${e.labels.map(sqlString).join(', ')})` : 'VARCHAR';
      };
      const ddl = `CREATE OR REPLACE ${loadOptions.temporary === false ? '' : 'TEMP '}TABLE ${sqlIdent(table)} (${order.map((n) => `${sqlIdent(n)} ${type(n)}`).join(', ')})`;
      await wrap(ddl, async () => {
        await c.run(ddl);
        await appendColumns(c, table, batch, order, await duckdbModule(), enums);
      });
    },
    async close() {
      if (!connection) return;
      const c = await connection.catch(() => null);
      c?.closeSync();
      instance?.closeSync();
      connection = null;
      instance = null;
      // DuckDB removes its spill files on close; the directory made for an in-memory database goes too.
      if (ownTemp && tempDirectory !== undefined) rmSync(tempDirectory, { recursive: true, force: true });
    },
  };
}
