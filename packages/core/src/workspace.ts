import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Engine } from './engine/engine.js';
import { createDuckDbEngine } from './engine/duckdb/duckdb-engine.js';
import { InputError } from './errors.js';
import { checkWorkspaceTables, openOverlay, workspaceError } from './workspace-access.js';
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
  /**
   * Open an existing workspace for reading only (implies `mustExist`): works on a workspace the user
   * may not write, and beside other readers. Statements that write fail. Ignored in memory.
   */
  readOnly?: boolean;
  /**
   * For commands that write only caches (segment snapshots): when the workspace cannot be written,
   * read it through an in-memory database instead (writes then stay in memory and are lost at close),
   * and call this with a note saying so. Without it such a workspace is refused.
   */
  onUnwritable?: (note: string) => void;
}

/**
 * Opens a workspace: a directory holding `cvm.duckdb` (transactions, quarantine, sources), or an
 * in-memory database for one-off commands. The tables are created when missing. DuckDB's memory is
 * capped (default 1GB, see `memoryLimit`) so that big ingests and summaries spill to disk.
 * A workspace that another process holds (DuckDB allows one writer, or several readers) is refused
 * with the process named; a workspace that cannot be written is opened read-only when the command
 * only reads (`readOnly`), read through memory with `onUnwritable`, else refused saying so.
 * @throws InputError `workspace_not_found` with `mustExist` when the directory has no database (or it
 *   is not a cvm workspace); `bad_memory_limit` for a malformed `memoryLimit` / `CVM_MEMORY_LIMIT`.
 * @throws EngineError `workspace_in_use` (naming the process that holds it), `workspace_read_only`.
 */
export async function openWorkspace(options: WorkspaceOptions = {}): Promise<Engine> {
  let path: string | undefined;
  if (options.dir !== undefined) {
    const dir = resolve(options.dir);
    path = join(dir, WORKSPACE_DB);
    if (options.mustExist || options.readOnly) {
      try {
        statSync(path);
      } catch {
        throw new InputError(
          'workspace_not_found',
          `No cvm workspace at ${dir} (no ${WORKSPACE_DB}); create one with: cvm ingest FILE --workspace ${options.dir}`,
          { dir },
        );
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
  const readOnly = options.readOnly === true && path !== undefined;
  const engine = createDuckDbEngine(path === undefined ? memory : { path, readOnly, ...memory });
  try {
    if (readOnly) await checkWorkspaceTables(engine, options.dir!);
    else await ensureWorkspace(engine);
  } catch (error) {
    await engine.close().catch(() => {});
    const refused = workspaceError(error, options.dir ?? '', readOnly);
    if (options.onUnwritable && !readOnly && (refused as { code?: string }).code === 'workspace_read_only') {
      const overlay = await openOverlay(path!, options.dir!, memory);
      options.onUnwritable(
        `the workspace ${options.dir} cannot be written: it is read as it is, and what this command would store there (segment snapshots) is kept in memory only`,
      );
      return overlay;
    }
    throw refused;
  }
  return engine;
}
