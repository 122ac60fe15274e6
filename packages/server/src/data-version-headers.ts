import type { Hono } from 'hono';
import type { WorkspaceState } from './workspace-state.js';

/**
 * Issue 16: every successful API answer says which data it reflects, so a report is never mistaken
 * for a fresher one: `X-Cvm-Data-Version` (the workspace's newest ingest), `X-Cvm-Last-Ingest` (ISO
 * time, UTC) and, when the request read computed stages, `X-Cvm-Computed-At`. Error answers and a
 * workspace without its tables get none (the answer itself says what is wrong).
 *
 * @example
 * useDataVersionHeaders(app, state);
 * // GET /api/overview → 200, X-Cvm-Data-Version: 3, X-Cvm-Last-Ingest: 2026-12-01T05:32:10Z
 */
export function useDataVersionHeaders(app: Hono, state: WorkspaceState): void {
  app.use('/api/*', async (c, next) => {
    const stamp = await state.trackStages(next);
    if (c.res.status >= 400 || c.res.status === 202) return; // an error, or "still computing" (issue 18): no data to stamp
    const v = await state.workspaceVersion().catch(() => null);
    if (v === null) return; // a workspace without its tables: the answer itself says what is wrong
    c.header('X-Cvm-Data-Version', String(v.version));
    if (v.lastIngestAt !== null) c.header('X-Cvm-Last-Ingest', `${v.lastIngestAt.replace(' ', 'T')}Z`);
    if (stamp.computedAt !== undefined) c.header('X-Cvm-Computed-At', stamp.computedAt);
    // issue 16, incremental refresh: stages carried over from an older version say which; scores say their fit
    c.header('X-Cvm-Reflects-Version', String(stamp.reflects ?? v.version));
    if (stamp.fit) {
      c.header('X-Cvm-Fit-Version', String(stamp.fit.dataVersion));
      c.header('X-Cvm-Fitted-At', stamp.fit.fittedAt);
    }
  });
}
