/**
 * Analysis stages of issue 11: acquisition economics and look-alike prospects, computed once per data
 * version (of the log and of the input files beside it) from the analysis's summary and fitted models,
 * and shared by the API and the dashboard. A missing input (no spend, no customers file, no
 * prospects, models skipped) is a `missing` stage with the reason in words, never an exception.
 */
import { CvmError } from '../errors.js';
import { acquisitionReport, requireAcquisitionInputs } from '../acquisition/acquisition.js';
import type { AcquisitionOptions, AcquisitionReport } from '../acquisition/acquisition-types.js';
import { acquisitionSection } from '../acquisition/acquisition-section.js';
import { lookalikeReport, requireLookalikeInputs, type LookalikeOptions, type LookalikeReport } from '../lookalikes/lookalikes.js';
import { lookalikeSection } from '../lookalikes/lookalike-section.js';
import { ensureInputTables } from '../inputs/input-ingest.js';
import type { ReportSection } from '../report/report-section.js';
import type { Analysis } from './analysis.js';

/** A growth stage: computed, or missing something (with a stable code and the reason in words). */
export type GrowthStage<R> = { status: 'ok'; report: R; section: ReportSection } | { status: 'missing'; code: string; reason: string };

/** Options of the acquisition stage (the analysis gives the summary, the models and the cost model). */
export type AcquisitionStageOptions = Omit<AcquisitionOptions, 'summary' | 'models' | 'costModel' | 'profit'>;
/** Options of the look-alike stage; `limit` caps the prospects in the section's table (default all). */
export type LookalikeStageOptions = Omit<LookalikeOptions, 'summary' | 'models'> & { limit?: number };

/** A key that changes whenever an input file (customers, spend, prospects) is ingested or replaced. */
async function inputsVersion(analysis: Analysis): Promise<string> {
  await ensureInputTables(analysis.engine);
  const rows = await analysis.engine.rows<{ kind: string; sha256: string }>(
    'SELECT kind, sha256 FROM input_sources ORDER BY kind, source_id',
  );
  return rows.map((r) => `${r.kind}:${r.sha256.slice(0, 12)}`).join(',');
}

/**
 * An `ok` stage whose section (a table of every prospect at a million rows) is built on first read
 * and kept: the plan reads only the report, the Prospects page the section.
 */
function withLazySection<R>(report: R, build: () => ReportSection): GrowthStage<R> {
  let section: ReportSection | undefined;
  const stage = { status: 'ok' as const, report } as { status: 'ok'; report: R; section: ReportSection };
  Object.defineProperty(stage, 'section', { enumerable: true, get: () => (section ??= build()) });
  return stage;
}

async function guarded<R>(compute: () => Promise<GrowthStage<R>>): Promise<GrowthStage<R>> {
  try {
    return await compute();
  } catch (error) {
    if (!(error instanceof CvmError)) throw error;
    return { status: 'missing', code: error.code, reason: error.message };
  }
}

/**
 * Acquisition economics (see `acquisitionReport`) on the analysis's summary and models, on its cost
 * model's margin basis when it has one (else `options.margin`).
 * @example
 * const s = await acquisitionStage(analysis, { bootstrap: 500 });
 * if (s.status === 'ok') s.report.levels[0].ltvToCac;
 */
export async function acquisitionStage(analysis: Analysis, options: AcquisitionStageOptions = {}): Promise<GrowthStage<AcquisitionReport>> {
  const key = `acquisition:${await inputsVersion(analysis)}:${JSON.stringify(options)}`;
  return analysis.cached(key, () =>
    guarded(async () => {
      const models = await analysis.models();
      if (models.status !== 'ok')
        return {
          status: 'missing',
          code: models.status === 'skipped' ? models.code : 'no_trustworthy_model',
          reason: `Acquisition economics need a trustworthy CLV forecast: ${models.reason}`,
        };
      await requireAcquisitionInputs(analysis.engine, { by: options.by, attribution: options.attribution });
      // a subclass may read its cost model on first use (the server's WorkspaceState): load it first, so
      // the margin basis never depends on which request came first
      const profit = await analysis.profitability();
      const { summary } = await analysis.overview();
      const report = await acquisitionReport(analysis.engine, {
        ...options,
        summary,
        models,
        costModel: analysis.options.costModel ?? null,
        // the profitability stage's P&L (same cost model, no other activity file), computed once for the plan and every page
        ...(options.activitiesFile === undefined && profit ? { profit: profit.result } : {}),
      });
      return { status: 'ok', report, section: acquisitionSection(report) };
    }),
  );
}

/**
 * Look-alike prospects (see `lookalikeReport`) on the analysis's summary and models.
 * @example
 * const s = await lookalikeStage(analysis, { limit: 100 });
 * if (s.status === 'ok') s.report.validation.verdict;
 */
export async function lookalikeStage(analysis: Analysis, options: LookalikeStageOptions = {}): Promise<GrowthStage<LookalikeReport>> {
  const { limit, ...rest } = options;
  const key = `lookalikes:${await inputsVersion(analysis)}:${JSON.stringify(rest)}`;
  const stage = await analysis.cached(key, () =>
    guarded<LookalikeReport>(async () => {
      const models = await analysis.models();
      if (models.status !== 'ok')
        return {
          status: 'missing',
          code: models.status === 'skipped' ? models.code : 'no_trustworthy_model',
          reason: `Look-alike prospects need a trustworthy CLV forecast: ${models.reason}`,
        };
      await requireLookalikeInputs(analysis.engine);
      const { summary } = await analysis.overview();
      const report = await lookalikeReport(analysis.engine, { ...rest, summary, models });
      return withLazySection(report, () => lookalikeSection(report));
    }),
  );
  return stage.status === 'ok' && limit !== undefined
    ? { status: 'ok', report: stage.report, section: lookalikeSection(stage.report, limit) }
    : stage;
}
