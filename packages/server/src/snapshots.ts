import { ensureSnapshot as coreEnsureSnapshot, type SnapshotUse } from '@cvm/core';
import type { WorkspaceState } from './workspace-state.js';

export type { SnapshotUse };

let writing: Promise<unknown> = Promise.resolve();

/**
 * The core's {@link coreEnsureSnapshot} (a fresh stored snapshot, or one computed and stored now, as
 * `cvm migrate` does), memoised per data version and day; writes run one at a time (saving is a
 * transaction).
 */
export function ensureSnapshot(state: WorkspaceState, asOf: string): Promise<SnapshotUse> {
  return state.cached(`snapshot:${asOf}`, () => {
    const run = (): Promise<SnapshotUse> => coreEnsureSnapshot(state.engine, asOf);
    const next = writing.then(run, run);
    writing = next.catch(() => undefined);
    return next;
  });
}
