import type { Engine } from '../engine/engine.js';
import type { Cell } from '../report/report-table.js';
import type { ServedTable } from '../tables/served-table.js';
import { selectListSql, withPerRow } from '../tables/table-query-sql.js';
import { customerDaysSql, customerPurchaseDaysSql, customerSnapshotsSql } from './customer-detail-sql.js';
import { ensureSnapshotTables } from '../segments/snapshots.js';
import type { LifecycleStage } from '../segments/lifecycle.js';
import { rfmStageConflict } from '../segments/rfm-stage-check.js';

/** One customer's row of a served table keyed by `customer_id`, as an object; null when absent. */
export async function customerRow(engine: Engine, t: ServedTable, id: string): Promise<Record<string, Cell> | null> {
  const [row] = await engine.rows<Record<string, Cell>>(`SELECT ${selectListSql(t)} FROM ${t.from} WHERE customer_id = $id`, { id });
  return row ? withPerRow(t, row) : null;
}

/** One day of one customer's log: net purchases, purchase lines and returns (currency). */
export interface CustomerDay {
  date: string;
  amount: number;
  rows: number;
  returned: number;
}

/** One customer's purchases and returns per day (currency; at most 5,000 days). */
export async function customerDays(engine: Engine, id: string): Promise<CustomerDay[]> {
  const rows = await engine.rows<{ date: string; purchased: number | null; purchase_rows: number; returned: number }>(
    customerDaysSql(engine.dialect),
    { id },
  );
  // counts as numbers: ClickHouse hands 64-bit integers over as text
  return rows.map((r) => ({ date: r.date, amount: Number(r.purchased ?? 0), rows: Number(r.purchase_rows), returned: Number(r.returned) }));
}

/** One customer's purchase days (ISO) up to `end`. */
export async function customerPurchaseDays(engine: Engine, id: string, end: string): Promise<string[]> {
  return (await engine.rows<{ date: string }>(customerPurchaseDaysSql(engine.dialect), { id, end })).map((r) => r.date);
}

/** One stored snapshot of one customer: tier, stage and RFM of that day (value = historic net revenue to it). */
export interface CustomerSnapshotRow {
  asOf: string;
  computedAt: string;
  valueTier: string;
  lifecycleStage: string;
  rfmSegment: string | null;
  r: number | null;
  f: number | null;
  m: number | null;
  value: number;
  /** "Loyal, but churned" when that snapshot's RFM segment contradicts its lifecycle stage ({@link rfmStageConflict}), else ''. */
  rfmCheck: string;
}

/**
 * One customer's segment history from the stored snapshots (value = historic net revenue to each day),
 * each row with its RFM label checked against its own lifecycle stage (issue 20); empty when none is stored.
 */
export async function customerSnapshots(engine: Engine, id: string): Promise<CustomerSnapshotRow[]> {
  await ensureSnapshotTables(engine); // a workspace that never stored a snapshot has none of its tables
  const rows = await engine.rows<{
    as_of: string;
    computed_at: string;
    rfm_segment: string | null;
    r_score: number | null;
    f_score: number | null;
    m_score: number | null;
    value_tier: string;
    lifecycle_stage: string;
    value: number;
  }>(customerSnapshotsSql(engine.dialect), { id });
  return rows.map((r) => ({
    asOf: r.as_of,
    computedAt: r.computed_at,
    valueTier: r.value_tier,
    lifecycleStage: r.lifecycle_stage,
    rfmSegment: r.rfm_segment,
    r: r.r_score,
    f: r.f_score,
    m: r.m_score,
    value: r.value,
    rfmCheck: r.rfm_segment ? (rfmStageConflict(r.rfm_segment, r.lifecycle_stage as LifecycleStage)?.flag ?? '') : '',
  }));
}
