// The report benchmark's in-process breakdown and floor: cvm report's stages (as the CLI runs them
// for `cvm report FILE --costs F`) timed one by one in this process, and the floor query timed in a
// fresh in-memory DuckDB with the same memory limit.
import { ingestLogFile } from '../src/engine/clickhouse/clickhouse-workspace.js';
import { createDuckDbEngine } from '../src/engine/duckdb/duckdb-engine.js';
import { Analysis } from '../src/analysis/analysis.js';
import { buildMainReport, mainReportSections } from '../src/analysis/main-report.js';
import { loadCostModel } from '../src/profitability/cost-model.js';
import { openWorkspace } from '../src/workspace.js';
import type { BenchContext } from './registry.js';
import { floorSummarySql } from './summary-floor-sql.js';

/** One timed step: wall and process CPU seconds, sampled peak RSS. */
export interface Step {
  name: string;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** What the floor found (to check it summarised the same customers as the report). */
export interface FloorResult extends Step {
  customers: number;
  repeatBuyers: number;
  memoryLimit: string;
  threads: number;
}

/**
 * The floor: `CREATE TABLE floor_summary AS <one query from the file>` in a fresh in-memory DuckDB
 * (as `cvm report FILE` works in memory) with DuckDB's memory_limit as cvm opens it (1GB, or
 * CVM_MEMORY_LIMIT), timed from opening to closing.
 */
export async function timeFloor(ctx: BenchContext, reader: string): Promise<FloorResult> {
  const t = await ctx.time(async () => {
    const engine = createDuckDbEngine({});
    try {
      await engine.exec(`CREATE TABLE floor_summary AS ${floorSummarySql(reader)}`);
      const [r] = await engine.rows<{ n: number; rep: number; m: string; th: number }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE frequency > 0) AS rep, current_setting('memory_limit') AS m, current_setting('threads') AS th FROM floor_summary`,
      );
      return r!;
    } finally {
      await engine.close();
    }
  });
  const r = t.value;
  return {
    name: 'floor',
    seconds: t.seconds,
    cpuSeconds: t.cpuSeconds,
    peakRssMb: t.peakRssMb,
    customers: Number(r.n),
    repeatBuyers: Number(r.rep),
    memoryLimit: r.m,
    threads: Number(r.th),
  };
}

/**
 * `cvm report FILE --costs COSTS`'s work in this process, stage by stage: an in-memory workspace
 * (DuckDB's default cap, as the CLI opens it), the log ingested, then the analysis's stages in
 * buildMainReport's order (overview = summary and totals; models = holdout validation of the three
 * count models, whole-log fit, scores; segments with the migration summary; profitability), then
 * the report's sections and JSON as the CLI renders them (the models' tracking band is computed
 * lazily there).
 */
export async function reportStages(ctx: BenchContext, file: string, costs: string): Promise<Step[]> {
  const costModel = await loadCostModel(costs);
  const steps: Step[] = [];
  const step = async (name: string, fn: () => Promise<unknown>): Promise<void> => {
    const t = await ctx.time(fn);
    steps.push({ name, seconds: t.seconds, cpuSeconds: t.cpuSeconds, peakRssMb: t.peakRssMb });
  };
  const engine = await openWorkspace({});
  try {
    await step('ingest (validation, quarantine, duplicate check)', () => ingestLogFile(engine, file, {}));
    const a = new Analysis(engine, { summary: { period: 'week' }, models: true, costModel });
    await step('summary (the overview)', () => a.overview());
    await step('models: 3 validated on a holdout, fit, scores', () => a.models());
    await step('segments and migration', () => a.segmentsReport());
    await step('profitability', () => a.profitability());
    // what the CLI does next: the sections and the JSON, which compute the report's lazy parts (the tracking band)
    await step('report sections + JSON (lazy parts: tracking band)', async () => {
      const report = await buildMainReport(a, {});
      mainReportSections(report);
      return JSON.stringify(report).length;
    });
  } finally {
    await engine.close();
  }
  return steps;
}
