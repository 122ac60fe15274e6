import { InputError, ingestFile, openWorkspace, type Engine, type IngestOptions, type IngestReport } from '@cvm/core';
import { stringOf, type Values } from './args.js';
import type { Progress } from './progress.js';

/**
 * Where a command's data comes from: FILE (ingested into an in-memory workspace, or into
 * --workspace when both are given) or an existing --workspace.
 */
export async function openSource(values: Values, files: string[], ingestOptions: IngestOptions, progress: Progress): Promise<{ engine: Engine; ingest: IngestReport[] }> {
  const dir = stringOf(values.workspace);
  if (files.length === 0 && dir === undefined) throw new InputError('bad_usage', 'Give a transaction log FILE or --workspace DIR (see --help)', {});
  const engine = await openWorkspace(dir === undefined ? {} : { dir, mustExist: files.length === 0 });
  const ingest: IngestReport[] = [];
  try {
    for (const file of files) ingest.push(await ingestFile(engine, file, { ...ingestOptions, onProgress: (s) => progress.stage(`${s} ${file}`) }));
  } catch (error) {
    await engine.close();
    throw error;
  }
  return { engine, ingest };
}
