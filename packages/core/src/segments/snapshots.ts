import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { csvQuoted } from '../report/csv.js';
import { innerEngine } from '../engine/serial-engine.js';
import { isClickHouseEngine } from '../engine/clickhouse/clickhouse-workspace.js';
import { ensureClickHouseSnapshotTables, saveClickHouseSnapshot } from './snapshot-store-clickhouse.js';
import { LIFECYCLE_STAGES } from './lifecycle.js';
import type { Segmentation } from './segmentation.js';
import {
  deleteSnapshotSql,
  insertRunSql,
  insertSnapshotFromCsvSql,
  SNAPSHOT_COLUMNS,
  insertSnapshotRowsSql,
  listSnapshotsSql,
  selectSnapshotSql,
  SNAPSHOT_DDL,
  type SnapshotCell,
} from './snapshot-sql.js';

/** Rows per INSERT statement when saving a snapshot. */
const BATCH = 2000;

/** The per-customer snapshot columns of a segmentation (CLI CSV order plus tier rank and value). */
export function snapshotRows(seg: Segmentation, microLabels?: readonly string[]): SnapshotCell[][] {
  const out: SnapshotCell[][] = new Array(seg.length);
  const { rfm, tiers, lifecycle } = seg;
  for (let i = 0; i < seg.length; i++) {
    const s = rfm.segment[i]!;
    out[i] = [
      seg.customerId[i]!,
      rfm.r[i]! || null,
      rfm.f[i]! || null,
      rfm.m[i]! || null,
      s < 0 ? null : rfm.segmentNames[s]!,
      tiers.names[tiers.tier[i]!]!,
      tiers.tier[i]!,
      LIFECYCLE_STAGES[lifecycle.stage[i]!]!,
      microLabels?.[i] ?? null,
      seg.value[i]!,
    ];
  }
  return out;
}

/** The rules and cut points stored with a snapshot (and printed by `cvm segment --format json`). */
export function segmentationRules(seg: Segmentation): Record<string, unknown> {
  return {
    asOf: seg.asOf,
    computedAt: seg.computedAt,
    rfm: {
      bins: seg.rfm.bins,
      methods: seg.rfm.methods,
      cutPoints: seg.rfm.cutPoints,
      segmentRules: seg.rfm.rules,
      tieRule: 'score = 1 + floor(bins × share of customers strictly worse); equal values get equal scores',
    },
    valueTiers: { valueKind: seg.valueKind, tiers: seg.tiers.tiers, pareto: seg.pareto },
    lifecycle: { rules: seg.lifecycle.rules, baseRhythmDays: seg.lifecycle.baseRhythmDays, options: seg.lifecycle.options },
  };
}

/** Creates the snapshot tables when missing (on ClickHouse: on every shard, see `snapshot-store-clickhouse.ts`). */
export async function ensureSnapshotTables(engine: Engine): Promise<void> {
  const base = innerEngine(engine);
  if (isClickHouseEngine(base)) await ensureClickHouseSnapshotTables(base);
  else await engine.exec(SNAPSHOT_DDL);
}

/**
 * Stores a segmentation as the snapshot for its as-of day (replacing an earlier one for that day),
 * with `computed_at` and the rules as JSON.
 * @example
 * await saveSnapshot(engine, await segmentAsOf(engine, { asOf: '1997-06-30' }));
 */
export async function saveSnapshot(
  engine: Engine,
  seg: Segmentation,
  microLabels?: readonly string[],
  extraRules: Record<string, unknown> = {},
): Promise<void> {
  await ensureSnapshotTables(engine);
  const rows = snapshotRows(seg, microLabels);
  const rules = JSON.stringify({ ...segmentationRules(seg), ...extraRules });
  const base = innerEngine(engine);
  if (isClickHouseEngine(base))
    return saveClickHouseSnapshot(base, { asOf: seg.asOf, computedAt: seg.computedAt, valueKind: seg.valueKind, rules }, rows);
  const d = engine.dialect;
  await engine.exec('BEGIN TRANSACTION');
  try {
    await engine.exec(deleteSnapshotSql(d, seg.asOf));
    await engine.exec(insertRunSql(d, seg.asOf, seg.computedAt, seg.length, seg.valueKind, rules));
    if (d.name === 'duckdb') await bulkLoad(engine, seg, rows);
    else
      for (let i = 0; i < rows.length; i += BATCH)
        await engine.exec(insertSnapshotRowsSql(d, seg.asOf, seg.computedAt, rows.slice(i, i + BATCH)));
    await engine.exec('COMMIT');
  } catch (error) {
    await engine.exec('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Stages the rows as a CSV file in a private temporary directory and loads it in one statement. */
async function bulkLoad(engine: Engine, seg: Segmentation, rows: SnapshotCell[][]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cvm-snapshot-'));
  try {
    const path = join(dir, 'snapshot.csv');
    const cell = (v: SnapshotCell): string =>
      v === null ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : csvQuoted(v);
    const parts: string[] = [SNAPSHOT_COLUMNS.join(',')];
    for (const r of rows) parts.push(r.map(cell).join(','));
    writeFileSync(path, parts.join('\n') + '\n');
    await engine.exec(insertSnapshotFromCsvSql(engine.dialect, seg.asOf, seg.computedAt, path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface SnapshotInfo {
  asOf: string;
  computedAt: string;
  customers: number;
  valueKind: string;
}

/** The stored snapshots, oldest first (empty when none). */
export async function listSnapshots(engine: Engine): Promise<SnapshotInfo[]> {
  await ensureSnapshotTables(engine);
  const r = await engine.rows<{ as_of: string; computed_at: string; customers: number; value_kind: string }>(listSnapshotsSql());
  return r.map((x) => ({ asOf: x.as_of, computedAt: x.computed_at, customers: x.customers, valueKind: x.value_kind }));
}

/** A stored snapshot read back as columns. */
export interface StoredSnapshot {
  asOf: string;
  computedAt: string;
  length: number;
  customerId: string[];
  rScore: Float64Array;
  fScore: Float64Array;
  mScore: Float64Array;
  rfmSegment: string[];
  valueTier: string[];
  tierRank: Float64Array;
  lifecycleStage: string[];
  microSegment: string[];
  value: Float64Array;
}

/**
 * The stored snapshot's run row.
 * @throws InputError `snapshot_not_found` listing the stored as-of days.
 */
export async function requireSnapshot(engine: Engine, asOf: string): Promise<SnapshotInfo> {
  const have = await listSnapshots(engine);
  const info = have.find((s) => s.asOf === asOf);
  if (!info) {
    throw new InputError(
      'snapshot_not_found',
      `No segment snapshot as of ${asOf}; stored: ${have.map((s) => s.asOf).join(', ') || 'none'} (create one with: cvm segment --workspace DIR --as-of ${asOf})`,
      { asOf },
    );
  }
  return info;
}

/**
 * Reads one snapshot.
 * @throws InputError `snapshot_not_found` listing the stored as-of days.
 */
export async function loadSnapshot(engine: Engine, asOf: string): Promise<StoredSnapshot> {
  await requireSnapshot(engine, asOf);
  const b = await engine.columns(selectSnapshotSql(engine.dialect, asOf), {
    customer_id: 'string',
    r_score: 'f64',
    f_score: 'f64',
    m_score: 'f64',
    rfm_segment: 'string',
    value_tier: 'string',
    tier_rank: 'f64',
    lifecycle_stage: 'string',
    micro_segment: 'string',
    value: 'f64',
    computed_at: 'string',
  });
  const s = b.strings,
    f = b.f64;
  return {
    asOf,
    computedAt: s.computed_at![0] ?? '',
    length: b.length,
    customerId: s.customer_id!,
    rScore: f.r_score!,
    fScore: f.f_score!,
    mScore: f.m_score!,
    rfmSegment: s.rfm_segment!,
    valueTier: s.value_tier!,
    tierRank: f.tier_rank!,
    lifecycleStage: s.lifecycle_stage!,
    microSegment: s.micro_segment!,
    value: f.value!,
  };
}
