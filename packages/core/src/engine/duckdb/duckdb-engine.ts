import { rmSync } from 'node:fs';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ColumnBatch, ColumnKind, Engine, SqlValue } from '../engine.js';
import { sqlIdent } from '../sql.js';
import { EngineError } from '../../errors.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { toDouble, toPlain } from './duckdb-values.js';
import { appendColumns } from './duckdb-append.js';
import { memoryTempDirectory, resolveMemoryLimit } from './duckdb-memory.js';

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

type Params = SqlValue[] | Record<string, SqlValue> | undefined;

let loaded: Promise<typeof import('@duckdb/node-api')> | null = null;
/** The DuckDB client module, imported once on first use. */
const duckdbModule = (): Promise<typeof import('@duckdb/node-api')> => (loaded ??= import('@duckdb/node-api'));

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
      const order = loadOptions.order ?? [...Object.keys(batch.f64), ...Object.keys(batch.strings)];
      const ddl = `CREATE OR REPLACE ${loadOptions.temporary === false ? '' : 'TEMP '}TABLE ${sqlIdent(table)} (${order.map((n) => `${sqlIdent(n)} ${n in batch.f64 ? 'DOUBLE' : 'VARCHAR'}`).join(', ')})`;
      await wrap(ddl, async () => {
        await c.run(ddl);
        await appendColumns(c, table, batch, order, await duckdbModule());
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

/**
 * Copies a DOUBLE vector's values in one `Float64Array.set`, then writes NaN where the validity mask
 * marks NULL (64 rows per mask word; all-valid words are skipped). Returns false, having written
 * nothing, for any other vector (or if the client's internal layout is not the expected one), and
 * the caller reads item by item.
 *
 * ## Why
 * `getItem` checks validity with BigInt arithmetic for every row: reading 1M rows × 11 DOUBLE
 * columns that way costs ~1 s; the bulk copy is a memcpy. This reads the (TypeScript-private)
 * `items` and `validity` fields of @duckdb/node-api 1.5's `DuckDBDoubleVector`, guarded so that a
 * change in the client falls back to `getItem` instead of misreading.
 */
function copyDoubles(
  vector: unknown,
  n: number,
  out: Float64Array,
  at: number,
  DoubleVector: abstract new (...args: never[]) => unknown,
): boolean {
  if (!(vector instanceof DoubleVector)) return false;
  const inner = vector as unknown as { items?: unknown; validity?: { data?: unknown; offset?: unknown } };
  const items = inner.items;
  const validity = inner.validity;
  if (!(items instanceof Float64Array) || items.length !== n || !validity || validity.offset !== 0) return false;
  const mask = validity.data;
  if (mask !== null && !(mask instanceof BigUint64Array)) return false;
  out.set(items, at);
  if (mask === null) return true;
  const all = 0xffffffffffffffffn;
  for (let w = 0; w < mask.length; w++) {
    const word = mask[w]!;
    if (word === all) continue;
    const end = Math.min(64, n - w * 64);
    for (let b = 0; b < end; b++) if ((word & (1n << BigInt(b))) === 0n) out[at + w * 64 + b] = Number.NaN;
  }
  return true;
}

/**
 * Streams a result chunk by chunk (2,048 rows each) into growable typed columns.
 *
 * ## Method
 * Each wanted column is located by name once; each chunk's vector is read item by item into a
 * Float64Array (doubling capacity as needed) or a string array. No row objects are created.
 */
async function readColumns(c: DuckDBConnection, sql: string, kinds: Record<string, ColumnKind>, params: Params): Promise<ColumnBatch> {
  for await (const batch of readColumnBatches(c, sql, kinds, params, Number.POSITIVE_INFINITY)) return batch;
  throw new EngineError('query_failed', 'DuckDB returned no result', { sql: sql.slice(0, 2000) });
}

/**
 * The same read as {@link readColumns}, handing out a batch each time at least `batchRows` rows have
 * arrived (then starting afresh), so a result larger than memory can be consumed in one scan. With
 * an infinite `batchRows` it yields exactly one batch (possibly empty).
 */
async function* readColumnBatches(
  c: DuckDBConnection,
  sql: string,
  kinds: Record<string, ColumnKind>,
  params: Params,
  batchRows: number,
): AsyncGenerator<ColumnBatch> {
  const { DuckDBDoubleVector } = await duckdbModule();
  const result = await c.stream(sql, params as DuckDBValue[] | undefined);
  const names = result.columnNames();
  const wanted = Object.entries(kinds).map(([name, kind]) => {
    const index = names.indexOf(name);
    if (index < 0)
      throw new EngineError('missing_result_column', `The query result has no column "${name}" (it has: ${names.join(', ')})`, {
        name,
        names,
      });
    return { name, kind, index };
  });
  let capacity = 4096;
  let length = 0;
  let f64: Record<string, Float64Array> = {};
  let strings: Record<string, string[]> = {};
  const fresh = (): void => {
    capacity = 4096;
    length = 0;
    f64 = {};
    strings = {};
    for (const w of wanted) {
      if (w.kind === 'f64') f64[w.name] = new Float64Array(capacity);
      else strings[w.name] = [];
    }
  };
  const finish = (): ColumnBatch => {
    const out: Record<string, Float64Array> = {};
    for (const w of wanted) if (w.kind === 'f64') out[w.name] = f64[w.name]!.slice(0, length);
    return { length, f64: out, strings };
  };
  fresh();
  let yielded = false;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    if (length + n > capacity) {
      while (length + n > capacity) capacity *= 2;
      for (const w of wanted) {
        if (w.kind !== 'f64') continue;
        const grown = new Float64Array(capacity);
        grown.set(f64[w.name]!.subarray(0, length));
        f64[w.name] = grown;
      }
    }
    for (const w of wanted) {
      const vector = chunk.getColumnVector(w.index);
      if (w.kind === 'f64') {
        const out = f64[w.name]!;
        if (!copyDoubles(vector, n, out, length, DuckDBDoubleVector)) {
          for (let i = 0; i < n; i++) {
            const v = vector.getItem(i);
            out[length + i] = typeof v === 'number' ? v : toDouble(v);
          }
        }
      } else {
        const out = strings[w.name]!;
        for (let i = 0; i < n; i++) {
          const v = vector.getItem(i);
          out.push(v === null ? '' : typeof v === 'string' ? v : String(v));
        }
      }
    }
    length += n;
    if (length >= batchRows) {
      yield finish();
      yielded = true;
      fresh();
    }
  }
  if (length > 0 || !yielded) yield finish();
}
