import {
  InputError,
  hasTransactions,
  quarantineCounts,
  ingestLogFile,
  listQuarantine,
  openClickHouseWorkspace,
  openWorkspace,
  type Engine,
  type IngestOptions,
  type IngestReport,
} from '@cvm/core';
import { stringOf, type Values } from './args.js';
import type { Progress } from './progress.js';

export interface SourceOptions {
  /** The command only reads: an existing --workspace is opened read-only (several readers may share it). */
  readOnly?: boolean;
  /** Allow a workspace without accepted transactions (cvm ingest); otherwise that is an error naming the rejections. */
  allowEmpty?: boolean;
  /** The command's point is to store in the workspace (cvm ingest of input files only): an unwritable workspace is refused, never read through memory. */
  stores?: boolean;
  /**
   * DuckDB `memory_limit` of the in-memory workspace FILE is read into, when `CVM_MEMORY_LIMIT` does
   * not set one (see {@link ONE_SHOT_MEMORY_LIMIT}); a --workspace keeps the workspace default
   * unless `workspaceMemoryLimit` is given.
   */
  memoryLimit?: string;
  /**
   * The same for --workspace DIR: a one-shot command that holds every customer's arrays while DuckDB
   * works (`cvm at-risk`, `cvm win-back`: issue 12) caps it as it caps FILE; the server and the other
   * commands keep the workspace default.
   */
  workspaceMemoryLimit?: string;
}

/**
 * The buffer-pool cap of a command that reads a log into memory only to take per-customer arrays
 * from it (fit, predict): 512MB instead of the workspace default 1GB, so DuckDB spills sooner and the
 * JS arrays have the room. `cvm predict` on 3M rows / 1M customers: peak RSS 1,148 MB at 1GB and
 * 796 MB at 512MB, the same CPU seconds (54.0 and 54.5) in one run side by side (issue 18).
 */
export const ONE_SHOT_MEMORY_LIMIT = '512MB';

/**
 * Where a command's data comes from: FILE (ingested into an in-memory workspace, or into
 * --workspace when both are given) or an existing --workspace.
 * @throws InputError `no_accepted_rows` when FILE's rows were all rejected (and nothing else is
 *   there): the counts by reason and the first rejected rows, instead of "ingest a log first".
 */
export async function openSource(
  values: Values,
  files: string[],
  ingestOptions: IngestOptions,
  progress: Progress,
  options: SourceOptions = {},
): Promise<{ engine: Engine; ingest: IngestReport[] }> {
  const dir = stringOf(values.workspace);
  if (files.length === 0 && dir === undefined && stringOf(values.engine) === undefined)
    throw new InputError('bad_usage', 'Give a transaction log FILE or --workspace DIR (see --help)', {});
  const readOnly = files.length === 0 && options.readOnly === true;
  // Without FILE a command that stores only caches (segment snapshots) reads an unwritable workspace through memory.
  const onUnwritable =
    files.length === 0 && !options.stores ? (note: string): void => void process.stderr.write(`cvm: note: ${note}\n`) : undefined;
  const memoryLimit = process.env.CVM_MEMORY_LIMIT ? undefined : dir === undefined ? options.memoryLimit : options.workspaceMemoryLimit;
  const engine = await openEngine(values, files.length === 0, { readOnly, onUnwritable, memoryLimit });
  const ingest: IngestReport[] = [];
  try {
    for (const file of files)
      ingest.push(await ingestLogFile(engine, file, { ...ingestOptions, onProgress: (s) => progress.stage(`${s} ${file}`) }));
    if (!options.allowEmpty) await requireAcceptedRows(engine, ingest, dir);
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
export async function openEngine(
  values: Values,
  mustExist: boolean,
  local: { readOnly?: boolean; onUnwritable?: ((note: string) => void) | undefined; memoryLimit?: string | undefined } = {},
): Promise<Engine> {
  const dir = stringOf(values.workspace);
  const url = stringOf(values.engine);
  if (url === undefined)
    return openWorkspace(
      dir === undefined
        ? local.memoryLimit === undefined
          ? {}
          : { memoryLimit: local.memoryLimit }
        : {
            dir,
            mustExist,
            readOnly: local.readOnly === true,
            ...(local.onUnwritable ? { onUnwritable: local.onUnwritable } : {}),
            ...(local.memoryLimit === undefined ? {} : { memoryLimit: local.memoryLimit }),
          },
    );
  if (dir !== undefined) throw new InputError('bad_usage', 'Give either --workspace DIR or --engine URL, not both', {});
  const user = stringOf(values['clickhouse-user']);
  const password = stringOf(values['clickhouse-password']);
  return openClickHouseWorkspace(url, {
    mustExist,
    ...(user !== undefined ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
  });
}

async function requireAcceptedRows(engine: Engine, ingest: IngestReport[], dir: string | undefined): Promise<void> {
  const problem = await noAcceptedRows(engine, ingest, dir);
  if (problem) throw problem;
}

/**
 * The `no_accepted_rows` error when the workspace holds rejected rows and no accepted one, else null
 * (`cvm serve` prints it and serves the dashboard anyway, whose Data page lists the rejections).
 */
export async function noAcceptedRows(engine: Engine, ingest: IngestReport[], dir: string | undefined): Promise<InputError | null> {
  if (ingest.some((r) => r.rowsAccepted > 0)) return null;
  if (await hasTransactions(engine)) return null;
  // Counted over the whole workspace: the files just read, or (without FILE) every file it holds.
  const counts = (await quarantineCounts(engine)).map((c) => ({ reason: c.reason, n: c.rows }));
  const read = counts.reduce((s, c) => s + c.n, 0);
  if (read === 0) return null; // nothing was read at all: the command's own message says so
  const reasons = counts.map((c) => `${c.n.toLocaleString('en-US')} ${c.reason}`).join(', ');
  const first = (await listQuarantine(engine, undefined, 3)).map((q) =>
    `${q.source_file} line ${q.line}: ${q.reason}${q.detail ? ` (${q.detail})` : ''} ${q.record ?? ''}`.trim(),
  );
  const files = ingest.map((r) => r.file).join(', ');
  const names = dir === undefined ? `of ${files}` : `in the workspace ${dir}${files ? ` (now with ${files})` : ''}`;
  const see =
    dir === undefined
      ? `cvm ingest ${ingest.map((r) => r.file).join(' ')} --workspace DIR then cvm quarantine --workspace DIR lists them all`
      : `cvm quarantine --workspace ${dir} lists them all`;
  return new InputError(
    'no_accepted_rows',
    `All ${read.toLocaleString('en-US')} rows ${names} were rejected (${reasons}), so there is nothing to analyse. First: ${first.join('; ')}. ${see}`,
    { rowsRead: read, quarantineByReason: Object.fromEntries(counts.map((c) => [c.reason, c.n])) },
  );
}
