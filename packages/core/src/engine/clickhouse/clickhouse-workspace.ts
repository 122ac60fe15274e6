import type { Engine } from '../engine.js';
import { EngineError, InputError } from '../../errors.js';
import { ingestFile, type IngestReport } from '../../transactions/ingest.js';
import { createClickHouseEngine, type ClickHouseEngine } from './clickhouse-engine.js';
import { ingestFileToClickHouse, type ClickHouseIngestOptions } from './clickhouse-ingest.js';
import { ensureClickHouseWorkspace } from './clickhouse-schema.js';
import { parseClickHouseUrl } from './clickhouse-url.js';

export interface ClickHouseWorkspaceOptions {
  user?: string;
  password?: string;
  /** Open an existing workspace only (its `sources` table must exist). */
  mustExist?: boolean;
}

/**
 * Opens (creating when missing) a workspace on ClickHouse given as
 * `clickhouse://HOST:PORT[/DB][?cluster=NAME&shards=HOST:PORT,…]` (see `parseClickHouseUrl`; user and
 * password from the options, else CVM_CLICKHOUSE_USER / CVM_CLICKHOUSE_PASSWORD).
 *
 * @throws InputError `bad_engine_url`; `workspace_not_found` with `mustExist` when the database has
 *   no workspace; EngineError `engine_open_failed` when the server does not answer, `readonly_profile`
 *   when the user's settings profile is read only and refuses the settings cvm sends.
 * @example
 * const engine = await openClickHouseWorkspace('clickhouse://127.0.0.1:8123/shop');
 */
export async function openClickHouseWorkspace(url: string, options: ClickHouseWorkspaceOptions = {}): Promise<ClickHouseEngine> {
  const target = parseClickHouseUrl(url, options);
  // checks through the `default` database: the workspace's may not exist yet
  const probe = createClickHouseEngine({ ...target, database: 'default', cluster: null, shards: null });
  try {
    try {
      await probe.rows('SELECT 1 AS ok');
    } catch (error) {
      // it answered, refusing cvm's settings: that message says what to change
      if (error instanceof EngineError && error.code === 'readonly_profile') throw error;
      throw new EngineError(
        'engine_open_failed',
        `ClickHouse at ${target.url} did not answer: ${(error as Error).message.replace(/^ClickHouse query failed: /, '')}`,
        { url: target.url },
      );
    }
    if (options.mustExist) {
      const [t] = await probe.rows<{ n: number }>(`SELECT count(*) AS n FROM system.tables WHERE database = $1 AND name = 'sources'`, [
        target.database,
      ]);
      if (!t!.n)
        throw new InputError(
          'workspace_not_found',
          `No cvm workspace in ClickHouse database ${target.database} at ${target.url}; create one with: cvm ingest FILE --engine ${url}`,
          { url },
        );
    }
  } finally {
    await probe.close();
  }
  const engine = createClickHouseEngine(target);
  try {
    if (!options.mustExist) await ensureClickHouseWorkspace(engine);
    return engine;
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/** Whether an engine is a ClickHouse engine (it loads files through DuckDB's validation first). */
export function isClickHouseEngine(engine: Engine): engine is ClickHouseEngine {
  return engine.dialect.name === 'clickhouse' && 'insertColumns' in engine;
}

/**
 * Ingests a file into whichever workspace `engine` is: DuckDB's {@link ingestFile}, or on ClickHouse
 * {@link ingestFileToClickHouse} (the same validation and quarantine, then batched inserts).
 * @throws as the two functions.
 */
export function ingestLogFile(engine: Engine, path: string, options: ClickHouseIngestOptions = {}): Promise<IngestReport> {
  return isClickHouseEngine(engine) ? ingestFileToClickHouse(engine, path, options) : ingestFile(engine, path, options);
}
