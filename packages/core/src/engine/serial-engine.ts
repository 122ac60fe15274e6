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
  return wrapped;
}

const SERIAL = new WeakSet<Engine>();
const INNER = new WeakMap<Engine, Engine>();

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
