// A temporary DuckDB holding a slice of a ClickHouse workspace, for the reports whose SQL is still
// DuckDB's (windows, temp tables): product baskets (the window's product rows) and look-alikes (the
// customers and prospects files only); see docs/scaling.md.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Engine } from '../engine.js';
import { innerEngine } from '../serial-engine.js';
import { createDuckDbEngine } from '../duckdb/duckdb-engine.js';
import { sqlString } from '../sql.js';
import { ensureWorkspace } from '../../transactions/ingest.js';
import { INPUTS_DDL } from '../../inputs/input-schema.js';
import type { ClickHouseEngine } from './clickhouse-engine.js';
import { isClickHouseEngine } from './clickhouse-workspace.js';

/** One table to mirror, with an optional `WHERE …` clause run on ClickHouse (plain SQL both engines accept). */
export interface MirroredTable {
  name: string;
  where?: string;
}

/**
 * Runs `run` on DuckDB: the engine itself when it is a DuckDB workspace; for a ClickHouse workspace,
 * a temporary in-memory DuckDB holding the listed tables (rows picked by their `where` on the
 * cluster), streamed from ClickHouse as CSV and read with the DuckDB table's own column types. Exact
 * (the same rows, doubles printed to round-trip), but the rows pass through this process: use it for
 * slices (a log's product rows, the input files), not as the scale-out path.
 * @throws EngineError when ClickHouse refuses a SELECT; what `run` throws.
 * @example
 * const b = await onDuckDb(engine, [{ name: 'transactions', where: 'product_id IS NOT NULL' }], (duck) => loadBaskets(duck));
 */
export async function onDuckDb<T>(engine: Engine, tables: readonly MirroredTable[], run: (duck: Engine) => Promise<T>): Promise<T> {
  const base = innerEngine(engine);
  if (!isClickHouseEngine(base)) return run(engine);
  const duck = createDuckDbEngine();
  const dir = mkdtempSync(join(tmpdir(), 'cvm-ch-mirror-'));
  try {
    await ensureWorkspace(duck);
    await duck.exec(INPUTS_DDL);
    for (const t of tables) await mirrorTable(base, duck, t, join(dir, `${t.name}.csv`));
    return await run(duck);
  } finally {
    await duck.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function mirrorTable(ch: ClickHouseEngine, duck: Engine, t: MirroredTable, file: string): Promise<void> {
  const types = await duck.rows<{ column_name: string; column_type: string }>(`DESCRIBE ${t.name}`);
  const cols = types.map((c) => c.column_name);
  await pipeline(
    Readable.from(ch.stream(`SELECT ${cols.join(', ')} FROM ${t.name}${t.where ? ` WHERE ${t.where}` : ''}`, 'CSV')),
    createWriteStream(file),
  );
  if (statSync(file).size === 0) return;
  // booleans arrive as 0/1 (UInt8); UHUGEINT (extra_md5) as its decimal text
  const spec = types
    .map((c) => `${sqlString(c.column_name)}: ${sqlString(c.column_type === 'BOOLEAN' ? 'INTEGER' : c.column_type)}`)
    .join(', ');
  const select = types.map((c) => (c.column_type === 'BOOLEAN' ? `${c.column_name} <> 0` : c.column_name)).join(', ');
  await duck.exec(
    `INSERT INTO ${t.name} SELECT ${select} FROM read_csv(${sqlString(file)}, header = false, nullstr = '\\N', quote = '"', escape = '"', columns = {${spec}})`,
  );
}
