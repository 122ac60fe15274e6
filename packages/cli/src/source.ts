import { InputError, ingestLogFile, openClickHouseWorkspace, openWorkspace, type Engine, type IngestOptions, type IngestReport } from '@cvm/core';
import { stringOf, type Values } from './args.js';
import type { Progress } from './progress.js';

/**
 * Where a command's data comes from: FILE (ingested into an in-memory workspace, or into
 * --workspace when both are given) or an existing --workspace.
 */
export async function openSource(values: Values, files: string[], ingestOptions: IngestOptions, progress: Progress): Promise<{ engine: Engine; ingest: IngestReport[] }> {
  const dir = stringOf(values.workspace);
  if (files.length === 0 && dir === undefined && stringOf(values.engine) === undefined) throw new InputError('bad_usage', 'Give a transaction log FILE or --workspace DIR (see --help)', {});
  const engine = await openEngine(values, files.length === 0);
  const ingest: IngestReport[] = [];
  try {
    for (const file of files) ingest.push(await ingestLogFile(engine, file, { ...ingestOptions, onProgress: (s) => progress.stage(`${s} ${file}`) }));
  } catch (error) {
    await engine.close();
    throw error;
  }
  return { engine, ingest };
}

/**
 * The workspace a command reads: `--engine clickhouse://HOST:PORT[/DB]` (user and password from
 * --clickhouse-user/--clickhouse-password or CVM_CLICKHOUSE_USER/CVM_CLICKHOUSE_PASSWORD), else
 * --workspace DIR, else an in-memory DuckDB workspace.
 * @throws InputError `bad_usage` for both --engine and --workspace; as openWorkspace/openClickHouseWorkspace.
 */
export async function openEngine(values: Values, mustExist: boolean): Promise<Engine> {
  const dir = stringOf(values.workspace);
  const url = stringOf(values.engine);
  if (url === undefined) return openWorkspace(dir === undefined ? {} : { dir, mustExist });
  if (dir !== undefined) throw new InputError('bad_usage', 'Give either --workspace DIR or --engine URL, not both', {});
  const user = stringOf(values['clickhouse-user']);
  const password = stringOf(values['clickhouse-password']);
  return openClickHouseWorkspace(url, { mustExist, ...(user !== undefined ? { user } : {}), ...(password !== undefined ? { password } : {}) });
}
