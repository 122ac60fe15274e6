import { listSnapshots, saveSnapshot, segmentAsOf, type Engine } from '@cvm/core';
import type { WorkspaceState } from './workspace-state.js';

/** How a snapshot the server used came to be: read from the workspace, or computed and stored now. */
export interface SnapshotUse {
  asOf: string;
  source: 'stored' | 'computed';
  computedAt: string;
}

/** A stored snapshot is fresh when it was computed after the last file was ingested. */
async function freshStored(engine: Engine, asOf: string): Promise<string | null> {
  const have = await listSnapshots(engine);
  const s = have.find((x) => x.asOf === asOf);
  if (!s) return null;
  const [r] = await engine.rows<{ fresh: boolean }>(
    `SELECT coalesce((SELECT max(computed_at) FROM segment_snapshot_runs WHERE as_of = CAST($d AS DATE)) >= (SELECT max(ingested_at) FROM sources), true) AS fresh`, { d: asOf });
  return r?.fresh ? s.computedAt : null;
}

let writing: Promise<unknown> = Promise.resolve();

/**
 * Makes sure the workspace holds a segment snapshot as of `asOf` that reflects the current data:
 * a stored one computed after the last ingest is used as is; otherwise the day is segmented with
 * `segmentAsOf` (historic value tiers) and stored with `saveSnapshot`, as `cvm migrate` does.
 * Memoised per data version and day; writes run one at a time (saveSnapshot is a transaction).
 */
export function ensureSnapshot(state: WorkspaceState, asOf: string): Promise<SnapshotUse> {
  return state.cached(`snapshot:${asOf}`, () => {
    const run = async (): Promise<SnapshotUse> => {
      const stored = state.dataVersion === 0 ? await freshStored(state.engine, asOf) : null;
      if (stored !== null) return { asOf, source: 'stored', computedAt: stored };
      const seg = await segmentAsOf(state.engine, { asOf });
      await saveSnapshot(state.engine, seg);
      return { asOf, source: 'computed', computedAt: seg.computedAt };
    };
    const next = writing.then(run, run);
    writing = next.catch(() => undefined);
    return next;
  });
}
