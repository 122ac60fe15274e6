import { InputError, ingestFile, listQuarantine, openWorkspace, type Engine, type IngestOptions, type IngestReport } from '@cvm/core';
import { stringOf, type Values } from './args.js';
import type { Progress } from './progress.js';

export interface SourceOptions {
  /** The command only reads: an existing --workspace is opened read-only (several readers may share it). */
  readOnly?: boolean;
  /** Allow a workspace without accepted transactions (cvm ingest); otherwise that is an error naming the rejections. */
  allowEmpty?: boolean;
}

/**
 * Where a command's data comes from: FILE (ingested into an in-memory workspace, or into
 * --workspace when both are given) or an existing --workspace.
 * @throws InputError `no_accepted_rows` when FILE's rows were all rejected (and nothing else is
 *   there): the counts by reason and the first rejected rows, instead of "ingest a log first".
 */
export async function openSource(values: Values, files: string[], ingestOptions: IngestOptions, progress: Progress, options: SourceOptions = {}): Promise<{ engine: Engine; ingest: IngestReport[] }> {
  const dir = stringOf(values.workspace);
  if (files.length === 0 && dir === undefined) throw new InputError('bad_usage', 'Give a transaction log FILE or --workspace DIR (see --help)', {});
  const readOnly = files.length === 0 && options.readOnly === true;
  // Without FILE a command that stores only caches (segment snapshots) reads an unwritable workspace through memory.
  const onUnwritable = files.length === 0 ? (note: string): void => void process.stderr.write(`cvm: note: ${note}\n`) : undefined;
  const engine = await openWorkspace(dir === undefined ? {} : { dir, mustExist: files.length === 0, readOnly, onUnwritable });
  const ingest: IngestReport[] = [];
  try {
    for (const file of files) ingest.push(await ingestFile(engine, file, { ...ingestOptions, onProgress: (s) => progress.stage(`${s} ${file}`) }));
    if (files.length > 0 && !options.allowEmpty) await requireAcceptedRows(engine, ingest, dir);
  } catch (error) {
    await engine.close();
    throw error;
  }
  return { engine, ingest };
}

async function requireAcceptedRows(engine: Engine, ingest: IngestReport[], dir: string | undefined): Promise<void> {
  if (ingest.some((r) => r.rowsAccepted > 0)) return;
  const [t] = await engine.rows<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM transactions LIMIT 1)');
  if (t!.n > 0) return;
  const read = ingest.reduce((s, r) => s + r.rowsRead, 0);
  const byReason = new Map<string, number>();
  for (const r of ingest) for (const [reason, n] of Object.entries(r.quarantineByReason)) byReason.set(reason, (byReason.get(reason) ?? 0) + (n ?? 0));
  const reasons = [...byReason].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n.toLocaleString('en-US')} ${reason}`).join(', ');
  const first = (await listQuarantine(engine, undefined, 3)).map((q) => `${q.source_file} line ${q.line}: ${q.reason}${q.detail ? ` (${q.detail})` : ''} ${q.record ?? ''}`.trim());
  const names = ingest.map((r) => r.file).join(', ');
  const see = dir === undefined ? `cvm ingest ${names} --workspace DIR then cvm quarantine --workspace DIR lists them all` : `cvm quarantine --workspace ${dir} lists them all`;
  throw new InputError('no_accepted_rows', `All ${read.toLocaleString('en-US')} rows of ${names} were rejected (${reasons}), so there is nothing to analyse. First: ${first.join('; ')}. ${see}`, { rowsRead: read, quarantineByReason: Object.fromEntries(byReason) });
}
