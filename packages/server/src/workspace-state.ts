import { DAYS_PER_PERIOD, ingestFile, runOverview, type CustomerSummary, type Engine, type IngestOptions, type IngestReport, type OverviewReport, type SummaryOptions } from '@cvm/core';
import { customersTableSql } from './sql/customers-sql.js';

export interface StateOptions {
  /** Summary options for every report (period, calibration and holdout ends). */
  summary?: SummaryOptions;
  /** Calibration end of the models' holdout validation (default: the middle of the log). */
  validateAt?: string;
}

/**
 * What the server knows about its workspace, computed once per data version: the core's overview
 * report (with the typed-array summary) and the per-customer table materialised for paging. An
 * upload bumps the version; the next request recomputes. Reports are memoised as promises, so
 * concurrent requests share one computation.
 */
export class WorkspaceState {
  readonly engine: Engine;
  readonly summaryOptions: SummaryOptions;
  readonly validateAt: string | undefined;
  private version = 0;
  private memo = new Map<string, Promise<unknown>>();

  constructor(engine: Engine, options: StateOptions = {}) {
    this.engine = engine;
    this.summaryOptions = options.summary ?? {};
    this.validateAt = options.validateAt;
  }

  /** Data version: 0 at start, +1 per accepted upload. */
  get dataVersion(): number {
    return this.version;
  }

  /** Memoises `compute` under `key` for the current data version. Failed computations are not kept. */
  cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const k = `${this.version}:${key}`;
    let p = this.memo.get(k) as Promise<T> | undefined;
    if (!p) {
      p = compute();
      this.memo.set(k, p);
      p.catch(() => this.memo.delete(k));
    }
    return p;
  }

  /** The core's overview report and summary (see `runOverview`). */
  overview(): Promise<{ report: OverviewReport; summary: CustomerSummary }> {
    return this.cached('overview', async () => {
      return runOverview(this.engine, [], {}, this.summaryOptions);
    });
  }

  /** Sort orders of the customer table, cached per data version (see `tablePage`). */
  readonly permutations = (sort: string, dir: 'asc' | 'desc', load: () => Promise<Float64Array>): Promise<Float64Array> =>
    this.cached(`perm:${sort}:${dir}`, load);

  /** Ensures the per-customer table exists for this data version; returns the summary it mirrors. */
  customers(): Promise<CustomerSummary> {
    return this.cached('customers', async () => {
      const { summary } = await this.overview();
      await this.engine.exec(customersTableSql(this.engine.dialect, {
        calibrationEnd: summary.calibrationEnd,
        holdoutEnd: summary.holdoutEnd ?? undefined,
        daysPerPeriod: DAYS_PER_PERIOD[summary.period],
      }));
      return summary;
    });
  }

  /** Ingests a file into the workspace and invalidates every cached report. */
  async ingest(path: string, options: IngestOptions): Promise<IngestReport> {
    const report = await ingestFile(this.engine, path, options);
    if (report.status !== 'unchanged') {
      this.version++;
      this.memo.clear();
    }
    return report;
  }
}
