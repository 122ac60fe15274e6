import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Engine } from './engine/engine.js';
import { createDuckDbEngine } from './engine/duckdb/duckdb-engine.js';
import { EngineError, InputError } from './errors.js';
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
}

/**
 * Opens a workspace: a directory holding `cvm.duckdb` (transactions, quarantine, sources), or an
 * in-memory database for one-off commands. The tables are created when missing. DuckDB's memory is
 * capped (default 1GB, see `memoryLimit`) so that big ingests and summaries spill to disk.
 * A workspace that another process holds (DuckDB allows one writer, or several readers) is refused
 * with the process named; a workspace that cannot be written is opened read-only when the command
 * only reads (`readOnly`), else refused saying so.
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
  const readOnly = options.readOnly === true && path !== undefined;
  const engine = createDuckDbEngine(path === undefined ? memory : { path, readOnly, ...memory });
  try {
    if (readOnly) await checkWorkspaceTables(engine, options.dir!);
    else await ensureWorkspace(engine);
  } catch (error) {
    await engine.close().catch(() => {});
    throw workspaceError(error, options.dir ?? '', readOnly);
  }
  return engine;
}

/** A read-only workspace must already hold the tables (it cannot create them). */
async function checkWorkspaceTables(engine: Engine, dir: string): Promise<void> {
  const [r] = await engine.rows<{ n: number }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('sources', 'transactions', 'quarantine')`);
  if (r!.n < 3) throw new InputError('workspace_not_found', `${dir} holds a ${WORKSPACE_DB} that is not a cvm workspace (no transactions table); create one with: cvm ingest FILE --workspace DIR`, { dir });
}

/**
 * DuckDB's open errors in the user's words: a lock held by another process (DuckDB names the
 * program and its PID; the command line is read from /proc where there is one), and a database
 * that cannot be written.
 */
export function workspaceError(error: unknown, dir: string, readOnly: boolean): unknown {
  const message = (error as Error)?.message ?? '';
  const lock = /Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(message);
  if (lock) {
    const pid = Number(lock[2]);
    let command = lock[1]!;
    try {
      command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 200) || command;
    } catch {
      // not Linux, or the process has just ended: DuckDB's program path it is
    }
    return new EngineError('workspace_in_use', `The workspace ${dir} is in use by another process, PID ${pid} (${command}): DuckDB lets one process write a workspace, or several only read it. Stop that process (e.g. the cvm serve holding it) or wait for it to end, then run this again`, { dir, pid, command, readOnly });
  }
  if (/Permission denied|Read-only file system|read-only mode/i.test(message)) {
    return new EngineError('workspace_read_only', `The workspace ${dir} cannot be ${readOnly ? 'read' : 'written'} (${/Read-only file system/i.test(message) ? 'read-only file system' : 'permission denied'}); ${readOnly ? 'check the permissions of the directory and its ' + WORKSPACE_DB : 'commands that only read it (summary, quarantine, cohorts, profit, validate, fit, predict) still work; to add to it, use a copy you can write'}`, { dir, readOnly });
  }
  return error;
}
