import type { Engine } from './engine.js';

/**
 * Wraps an engine so that calls run one after another. The embedded DuckDB engine holds one
 * connection, and `columns()` streams chunk by chunk: a second query on the same connection while a
 * stream is open would cut it short. HTTP requests arrive concurrently, so the server queues them.
 * Wrapping an already serial engine returns it unchanged.
 */
export function serialEngine(engine: Engine): Engine {
  if (SERIAL.has(engine)) return engine;
  let tail: Promise<unknown> = Promise.resolve();
  const queue = <T>(run: () => Promise<T>): Promise<T> => {
    const next = tail.then(run, run);
    tail = next.catch(() => undefined);
    return next;
  };
  const wrapped: Engine = {
    dialect: engine.dialect,
    exec: (sql, params) => queue(() => engine.exec(sql, params)),
    rows: (sql, params) => queue(() => engine.rows(sql, params)),
    columns: (sql, kinds, params) => queue(() => engine.columns(sql, kinds, params)),
    load: (table, batch, options) => queue(() => engine.load(table, batch, options)),
    close: () => queue(() => engine.close()),
  };
  SERIAL.add(wrapped);
  INNER.set(wrapped, engine);
  HOLD.set(wrapped, queue);
  return wrapped;
}

const SERIAL = new WeakSet<Engine>();
const INNER = new WeakMap<Engine, Engine>();
/** Each wrapper's queue: a task run there holds every other call until it ends. */
const HOLD = new WeakMap<Engine, <T>(run: () => Promise<T>) => Promise<T>>();

/**
 * Runs `body` as one transaction: BEGIN, the body's statements, COMMIT; ROLLBACK and rethrow when it
 * throws. On a {@link serialEngine} (the server's) the transaction holds the queue from BEGIN to
 * COMMIT, so no other request's statement lands inside it. Before, with BEGIN and COMMIT queued as
 * single statements, a second request's transaction began inside the first ("cannot start a
 * transaction within a transaction", and `cvm serve` exited) and its reads joined it. The body must
 * run its statements on `tx` (the wrapped engine), not on the wrapper, which would wait behind it.
 * ClickHouse has no transactions: there the statements run one after another.
 * @example
 * await inTransaction(engine, async (tx) => {
 *   await tx.exec('DELETE FROM t WHERE k = 1');
 *   await tx.exec('INSERT INTO t VALUES (1)');
 * });
 */
export async function inTransaction<T>(engine: Engine, body: (tx: Engine) => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    const tx = innerEngine(engine);
    if (tx.dialect.name !== 'duckdb') return body(tx);
    await tx.exec('BEGIN TRANSACTION');
    try {
      const result = await body(tx);
      await tx.exec('COMMIT');
      return result;
    } catch (error) {
      await tx.exec('ROLLBACK').catch(() => {});
      throw error;
    }
  };
  const hold = HOLD.get(engine);
  return hold ? hold(run) : run();
}

/**
 * The engine a {@link serialEngine} wraps (the engine itself when it is not a wrapper): for code that
 * needs an engine's own methods beyond the contract (ClickHouse's shard DDL and bulk inserts).
 * Calls made on it do not queue behind the wrapper's.
 * @example
 * innerEngine(serialEngine(engine)) === engine; // true
 */
export function innerEngine(engine: Engine): Engine {
  return INNER.get(engine) ?? engine;
}
