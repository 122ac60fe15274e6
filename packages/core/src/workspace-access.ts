// Opening a workspace: errors in the user's words, the read-only checks, and the in-memory overlay.
import { readFileSync } from 'node:fs';
import type { Engine } from './engine/engine.js';
import { createDuckDbEngine } from './engine/duckdb/duckdb-engine.js';
import { sqlIdent, sqlString } from './engine/sql.js';
import { EngineError, InputError } from './errors.js';

const WORKSPACE_DB = 'cvm.duckdb';
/** The ingest tables: large, and written only by ingest. */
const INGEST_TABLES = ['sources', 'transactions', 'quarantine'];

/** A read-only workspace must already hold the tables (it cannot create them). */
export async function checkWorkspaceTables(engine: Engine, dir: string): Promise<void> {
  const [r] = await engine.rows<{ n: number }>(
    `SELECT count(*) AS n FROM information_schema.tables WHERE table_catalog = current_database() AND table_name IN ('sources', 'transactions', 'quarantine')`,
  );
  if (r!.n < 3)
    throw new InputError(
      'workspace_not_found',
      `${dir} holds a ${WORKSPACE_DB} that is not a cvm workspace (no transactions table); create one with: cvm ingest FILE --workspace DIR`,
      { dir },
    );
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
    return new EngineError(
      'workspace_in_use',
      `The workspace ${dir} is in use by another process, PID ${pid} (${command}): DuckDB lets one process write a workspace, or several only read it. Stop that process (e.g. the cvm serve holding it) or wait for it to end, then run this again`,
      { dir, pid, command, readOnly },
    );
  }
  if (/Permission denied|Read-only file system|read-only mode/i.test(message)) {
    return new EngineError(
      'workspace_read_only',
      `The workspace ${dir} cannot be ${readOnly ? 'read' : 'written'} (${/Read-only file system/i.test(message) ? 'read-only file system' : 'permission denied'}); ${readOnly ? 'check the permissions of the directory and its ' + WORKSPACE_DB : 'commands that only read it (summary, quarantine, cohorts, profit, validate, fit, predict) still work; to add to it, use a copy you can write'}`,
      { dir, readOnly },
    );
  }
  return error;
}

/**
 * An in-memory database over a workspace attached read-only: the ingest tables are views of the
 * workspace's, every other table (segment snapshots: small caches) is copied, so a command that
 * stores a snapshot works, and what it stores is gone at close.
 * @throws EngineError `workspace_in_use` / `workspace_read_only` (see {@link workspaceError}).
 */
export async function openOverlay(path: string, dir: string, memory: { memoryLimit?: string | null }): Promise<Engine> {
  const engine = createDuckDbEngine(memory);
  try {
    await engine.exec(`ATTACH ${sqlString(path)} AS cvm_ws (READ_ONLY)`);
    const tables = await engine.rows<{ t: string }>(
      `SELECT table_name AS t FROM duckdb_tables() WHERE database_name = 'cvm_ws' AND schema_name = 'main' ORDER BY t`,
    );
    for (const { t } of tables) {
      const from = `cvm_ws.main.${sqlIdent(t)}`;
      await engine.exec(
        INGEST_TABLES.includes(t)
          ? `CREATE VIEW ${sqlIdent(t)} AS SELECT * FROM ${from}`
          : `CREATE TABLE ${sqlIdent(t)} AS SELECT * FROM ${from}`,
      );
    }
    await checkWorkspaceTables(engine, dir);
  } catch (error) {
    await engine.close().catch(() => {});
    throw workspaceError(error, dir, true);
  }
  return engine;
}
