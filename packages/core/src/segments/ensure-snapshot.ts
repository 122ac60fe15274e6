import type { Engine } from '../engine/engine.js';
import { microSegmentsOf } from './behaviour-features.js';
import { segmentAsOf } from './segment-as-of.js';
import { ensureSnapshotTables, saveSnapshot } from './snapshots.js';

/** How a snapshot came to be: read from the workspace, or computed and stored now. */
export interface SnapshotUse {
  asOf: string;
  source: 'stored' | 'computed';
  computedAt: string;
}

/**
 * Makes sure the workspace holds a segment snapshot as of `asOf` that reflects its data: a stored one
 * is reused when it was computed after the last ingest (and, with `micro`, carries micro-segment
 * labels); otherwise the day is segmented with `segmentAsOf` (only transactions up to `asOf`; value
 * tiers by historic net revenue) and stored, replacing any older one. `recompute` always recomputes.
 */
export async function ensureSnapshot(
  engine: Engine,
  asOf: string,
  options: { recompute?: boolean; micro?: boolean; asOfLabel?: string } = {},
): Promise<SnapshotUse> {
  await ensureSnapshotTables(engine);
  if (!options.recompute) {
    // the two times compared here as ISO-like text ('YYYY-MM-DD HH:MM:SS[.fff]' sorts as time), so the
    // statement is plain SQL that ClickHouse runs too (it refuses an aggregate inside coalesce(…, max(…)))
    const [r] = await engine.rows<{ computed_at: string | null; runs: number; ingested_at: string | null; micro: number }>(
      `SELECT CAST(max(computed_at) AS VARCHAR) AS computed_at, count(*) AS runs,
              (SELECT CAST(max(ingested_at) AS VARCHAR) FROM sources) AS ingested_at,
              (SELECT count(*) FROM segment_snapshots WHERE as_of = CAST($d AS DATE) AND coalesce(micro_segment, '') <> '') AS micro
       FROM segment_snapshot_runs WHERE as_of = CAST($d AS DATE)`,
      { d: asOf },
    );
    const fresh = r !== undefined && r.runs > 0 && r.computed_at !== null && (r.ingested_at === null || r.computed_at >= r.ingested_at);
    if (fresh && (!options.micro || r.micro > 0)) return { asOf, source: 'stored', computedAt: r.computed_at! };
  }
  const seg = await segmentAsOf(engine, { asOf, asOfLabel: options.asOfLabel });
  const m = options.micro ? microSegmentsOf(seg) : null;
  await saveSnapshot(engine, seg, m ? Array.from(m.segment, (j) => m.segments[j]!.label) : undefined);
  return { asOf, source: 'computed', computedAt: seg.computedAt };
}
