import type { Engine } from '../engine/engine.js';
import { ensureWorkspaceTable } from '../engine/workspace-table.js';
import { listPlansSql, insertPlanSql, PLAN_DDL, PLAN_TABLE } from './plan-sql.js';
import type { PlanReport } from './plan-types.js';

/** A plan as stored in the workspace. */
export interface StoredPlan {
  asOf: string;
  savedAt: string;
  plan: PlanReport;
}

/**
 * Stores a plan in the workspace (table `plans`) with its as-of day and the save time, so the next
 * plan's Improve step can compare against it.
 * @example
 * await savePlan(engine, await buildPlan(analysis)); // → { asOf: '1998-06-30', savedAt: '2026-…' }
 */
export async function savePlan(
  engine: Engine,
  plan: PlanReport,
  savedAt = new Date().toISOString(),
): Promise<{ asOf: string; savedAt: string }> {
  await ensureWorkspaceTable(engine, PLAN_DDL, PLAN_TABLE);
  await engine.exec(insertPlanSql(), { as_of: plan.asOf, saved_at: savedAt, body: JSON.stringify(plan) });
  return { asOf: plan.asOf, savedAt };
}

/** Every stored plan, newest first (as-of day, then save time). */
export async function listPlans(engine: Engine): Promise<StoredPlan[]> {
  await ensureWorkspaceTable(engine, PLAN_DDL, PLAN_TABLE);
  const rows = await engine.rows<{ as_of: string; saved_at: string; body: string }>(listPlansSql());
  return rows.map((r) => ({ asOf: r.as_of, savedAt: r.saved_at, plan: JSON.parse(r.body) as PlanReport }));
}

/**
 * The plan to compare with: the newest stored plan of an earlier as-of day, else the newest of the
 * same day (a plan re-run on unchanged data); null when none is stored.
 */
export async function previousPlan(engine: Engine, asOf: string): Promise<StoredPlan | null> {
  const all = await listPlans(engine);
  return all.find((p) => p.asOf < asOf) ?? all.find((p) => p.asOf === asOf) ?? null;
}
