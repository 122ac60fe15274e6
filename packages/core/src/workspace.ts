import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Engine } from './engine/engine.js';
import { createDuckDbEngine } from './engine/duckdb/duckdb-engine.js';
import { InputError } from './errors.js';
import { ensureWorkspace } from './transactions/ingest.js';

/** File name of the DuckDB database inside a workspace directory. */
export const WORKSPACE_DB = 'cvm.duckdb';

export interface WorkspaceOptions {
  /** Workspace directory (created if missing); omit for an in-memory workspace. */
  dir?: string;
  /** Open an existing workspace only (do not create the directory). */
  mustExist?: boolean;
  /**
   * DuckDB memory limit such as '2GB' ('none' or null: DuckDB's default, 80% of RAM). Default: env
   * `CVM_MEMORY_LIMIT`, else 1GB; larger work spills to `cvm.duckdb.tmp/` (in memory: the OS temp dir).
   */
  memoryLimit?: string | null;
}

/**
 * Opens a workspace: a directory holding `cvm.duckdb` (transactions, quarantine, sources), or an
 * in-memory database for one-off commands. The tables are created when missing. DuckDB's memory is
 * capped (default 1GB, see `memoryLimit`) so that big ingests and summaries spill to disk.
 * @throws InputError `workspace_not_found` with `mustExist` when the directory has no database;
 *   `bad_memory_limit` for a malformed `memoryLimit` / `CVM_MEMORY_LIMIT`.
 */
export async function openWorkspace(options: WorkspaceOptions = {}): Promise<Engine> {
  let path: string | undefined;
  if (options.dir !== undefined) {
    const dir = resolve(options.dir);
    path = join(dir, WORKSPACE_DB);
    if (options.mustExist) {
      try {
        statSync(path);
      } catch {
        throw new InputError('workspace_not_found', `No cvm workspace at ${dir} (no ${WORKSPACE_DB}); create one with: cvm ingest FILE --workspace ${options.dir}`, { dir });
      }
    } else {
      try {
        mkdirSync(dir, { recursive: true });
      } catch (error) {
        throw new InputError('workspace_unwritable', `Cannot create the workspace directory ${dir}: ${(error as Error).message}`, { dir });
      }
    }
  }
  const memory = options.memoryLimit === undefined ? {} : { memoryLimit: options.memoryLimit };
  const engine = createDuckDbEngine(path === undefined ? memory : { path, ...memory });
  await ensureWorkspace(engine);
  return engine;
}
