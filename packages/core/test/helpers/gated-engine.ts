import type { Engine } from '../../src/engine/engine.js';

/**
 * An engine over `base` whose calls wait while its gate is closed: a slow computation made
 * deterministic (the server's "computing" answers, issue 18). `close()` holds every later call until
 * `open()`; closing the gated engine leaves `base` open.
 * @example
 * const g = gatedEngine(base); g.close(); const q = g.engine.rows('SELECT 1'); g.open(); await q;
 */
export function gatedEngine(base: Engine): { engine: Engine; close(): void; open(): void } {
  let gate: Promise<void> | null = null;
  let release = (): void => {};
  const wait = async (): Promise<void> => {
    if (gate) await gate;
  };
  const engine: Engine = {
    dialect: base.dialect,
    exec: async (sql, params) => (await wait(), base.exec(sql, params)),
    rows: async (sql, params) => (await wait(), base.rows(sql, params)),
    columns: async (sql, kinds, params) => (await wait(), base.columns(sql, kinds, params)),
    load: async (table, batch, options) => (await wait(), base.load(table, batch, options)),
    close: async () => undefined,
  };
  return {
    engine,
    close: () => {
      gate = new Promise((r) => {
        release = r;
      });
    },
    open: () => {
      gate = null;
      release();
    },
  };
}
