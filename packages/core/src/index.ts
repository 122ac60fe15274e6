/**
 * cvm core: the public API, grouped by stage (see ../shared/STYLE.md for the data flow).
 */

// errors
export { CvmError, InputError, DataQualityError, ConvergenceError, EngineError } from './errors.js';

// engine
export type { Engine, SqlDialect, ColumnBatch, ColumnKind, SqlValue } from './engine/engine.js';
export { createDuckDbEngine, type DuckDbEngineOptions } from './engine/duckdb/duckdb-engine.js';
export { sqlString, sqlIdent } from './engine/sql.js';
export { openWorkspace, WORKSPACE_DB, type WorkspaceOptions } from './workspace.js';

// transactions
export { ingestFile, ensureWorkspace, type IngestOptions, type IngestReport } from './transactions/ingest.js';
export { resolveMapping, type ColumnMapping, type TransactionField, type ResolvedMapping } from './transactions/column-mapping.js';
export { DATE_FORMATS, type DateFormat } from './transactions/date-formats.js';
export { QUARANTINE_REASONS, type QuarantineReason } from './transactions/schema.js';
export { listQuarantine, type QuarantineRow } from './transactions/quarantine.js';

// summary
export { summarySql } from './summary/summary-sql.js';
export { summarize, logRange, dayToIso, DAYS_PER_PERIOD, SUMMARY_COLUMNS, HOLDOUT_COLUMNS, type CustomerSummary, type SummaryOptions, type Period, type LogRange } from './summary/summary.js';

// models
export type { RfmData, SpendData, FitResult, FitOptions, FitSpec, CompressedRfm } from './models/model-types.js';
export { fitMle } from './models/fit-mle.js';
export { compressRfm, compressRows, distinctValues } from './models/compress.js';
export { fitBgNbd, bgNbdLogLikelihood, bgNbdPAlive, bgNbdExpectedPurchases, bgNbdExpectedPurchasesNew, bgNbdProbabilityOfPurchases, simulateBgNbd, type BgNbdParams } from './models/bg-nbd.js';
export { fitMbgNbd, mbgNbdLogLikelihood, mbgNbdPAlive, mbgNbdExpectedPurchases, mbgNbdExpectedPurchasesNew, mbgNbdProbabilityOfPurchases, simulateMbgNbd, type MbgNbdParams } from './models/mbg-nbd.js';
export { fitParetoNbd, paretoNbdLogLikelihood, PARETO_NBD_PARAMS, type ParetoNbdParams } from './models/pareto-nbd.js';
export { paretoNbdPAlive, paretoNbdExpectedPurchases, paretoNbdExpectedPurchasesNew, paretoNbdProbabilityOfPurchases, paretoNbdDert } from './models/pareto-nbd-predict.js';
export { fitGammaGamma, gammaGammaLogLikelihood, gammaGammaExpectedSpend, simulateGammaGamma } from './models/gamma-gamma.js';
export { fitBgBb, bgBbLogLikelihood, type BgBbData, type BgBbParams } from './models/bg-bb.js';
export { bgBbPAlive, bgBbExpectedTransactions, bgBbExpectedTransactionsNew, bgBbProbabilityOfTransactions, bgBbDert } from './models/bg-bb-predict.js';
export { fitSbg, sbgLogLikelihood, sbgSurvivalCurve, sbgRetentionRates, sbgChurnProbabilities, sbgProjectSurvivors, type SbgParams } from './models/s-bg.js';
export { sbgDerl } from './models/s-bg-predict.js';
export { simulateSbg } from './models/s-bg-simulate.js';
export { simulateBgBb } from './models/bg-bb-simulate.js';
export { simulateParetoNbd } from './models/pareto-nbd-simulate.js';
export { COUNT_MODELS, COUNT_MODEL_REGISTRY, type CountModel, type CountModelName } from './models/count-models.js';
export { readSummaryFile, SUMMARY_ALIASES, type SummaryInput } from './models/summary-input.js';

// scores
export { scoreCountModel, PERIODS_PER_YEAR, type ClvOptions, type CountScores } from './scores/clv.js';
export { predictCustomers, type PredictOptions, type Prediction } from './scores/predict.js';
export { readCustomerValues, type AlignedValues } from './scores/customer-values.js';

// validation
export { validateOnHoldout, type ValidationOptions, type ValidationReport } from './validation/validate.js';
export { validateCountModel, compareModels, trackingCurve, FREQUENCY_BUCKETS, type ModelValidation, type ModelComparison, type TrackingCurve } from './validation/holdout.js';

// segments
export { computeRfm, type RfmInputs, type RfmOptions, type RfmResult } from './segments/rfm.js';
export { scoreColumn, type ScoreBand, type ScoreOptions, type ScoreResult } from './segments/rfm-score.js';
export { RFM_SEGMENT_RULES, RFM_SEGMENTS, rfmSegmentIndex, type RfmSegmentRule } from './segments/rfm-segments.js';
export { valueTiers, DEFAULT_TIERS, type TierSpec, type TierRow, type TierResult } from './segments/value-tiers.js';
export { paretoShares, type ParetoPoint } from './segments/pareto.js';
export { lifecycleStages, lifecycleRules, LIFECYCLE_STAGES, DEFAULT_RHYTHM_DAYS, type LifecycleStage, type LifecycleInputs, type LifecycleOptions, type LifecycleResult } from './segments/lifecycle.js';
export { crossTab, type GridCell } from './segments/segment-grid.js';
export { kmeans, type KMeansResult } from './segments/kmeans.js';
export { silhouette } from './segments/silhouette.js';
export { microSegments, type MicroFeature, type MicroOptions, type MicroSegment, type MicroResult } from './segments/micro-segments.js';
export { behaviourFeatures, microSegmentsOf } from './segments/behaviour-features.js';
export { segmentSummary, type CustomerHistory, type ValueKind, type SegmentOptions, type Segmentation } from './segments/segmentation.js';
export { segmentAsOf, loadHistory, type SegmentAsOfOptions } from './segments/segment-as-of.js';
export { saveSnapshot, listSnapshots, loadSnapshot, requireSnapshot, segmentationRules, type SnapshotInfo, type StoredSnapshot } from './segments/snapshots.js';
export { buildTransitionMatrix, type TransitionCell, type TransitionMatrix } from './segments/transition-matrix.js';
export { migrateSnapshots, markovView, segmentFlows, type MigrationOptions, type MigrationReport, type Downgrade, type MarkovView, type SegmentFlow } from './segments/migration.js';
export { MIGRATION_DIMENSIONS, type MigrationDimension } from './segments/migration-sql.js';
export { quarterEnds } from './segments/quarter-ends.js';
export { ensureSnapshot, type SnapshotUse } from './segments/ensure-snapshot.js';
export { markovCustomerValue, type MarkovValueOptions } from './segments/markov-value.js';

// cohorts
export { cohortReport, type CohortOptions, type CohortReport } from './cohorts/cohorts.js';
export { buildCohortTable, type RetentionMode, type CohortRow, type CohortTable } from './cohorts/cohort-table.js';
export { COHORT_PERIODS, type CohortPeriod } from './cohorts/cohort-periods.js';

// profitability
export { loadCostModel, parseCostModel, type CostModel, type CostPool, type ProductCost, type ProductCostModel } from './profitability/cost-model.js';
export { DRIVERS, DRIVER_NAMES, type DriverName } from './profitability/drivers.js';
export { loadActivities, type ActivityReport } from './profitability/activities.js';
export { ACTIVITY_QUARANTINE_REASONS, type ActivityQuarantineReason } from './profitability/activities-sql.js';
export { computeProfitability, type ProfitabilityOptions, type ProfitabilityResult, type CustomerPnl, type PoolResult, type Reconciliation, type UnassignedReason } from './profitability/profitability.js';
export { profitabilityReport, type ProfitabilityReport, type ProfitabilityReportOptions } from './profitability/profit-report.js';
export { whaleCurve, type WhaleCurve } from './profitability/whale-curve.js';
export { marginCostMatrix, QUADRANTS, QUADRANT_ORDER, type MarginMatrix, type Quadrant } from './profitability/margin-matrix.js';
export { profitByGroup, type GroupProfit } from './profitability/profit-by-group.js';
export { unprofitableCustomers, REMEDIES, type Remedy, type UnprofitableCustomer } from './profitability/unprofitable.js';
export { profitClv, unitEconomicsFor, type ProfitClvInput } from './profitability/profit-clv.js';
export { loadSegments } from './profitability/segments-file.js';

// pipeline
export { runOverview, runModels, runModelsWithScores, type OverviewReport, type ModelsReport, type ModelsReportOptions, type ModelScores } from './pipeline.js';
export { runSegmentsReport, segmentWithScores, type SegmentsReport, type MigrationStep, type ScoresById } from './pipeline-segments.js';
export { runProfitSummary, type ProfitSummary } from './pipeline-profit.js';

// report layer: one declaration per table, one formatter, one CSV writer (also `@cvm/core/report`)
export { defineTable, columnHeading, tableRecords, normalizeCell, type DisplayKind, type Cell, type ReportColumn, type ReportTable, type ColumnSpec, type TableSpec } from './report/report-table.js';
export { csvCell, csvLine, csvNumber, tableToCsv } from './report/csv.js';
export { formatValue, formatCell, formatNumber, formatMoney, formatPercent, type FormatOptions } from './report/format-value.js';

// ClickHouse engine (scale-out: workspace on a cluster, ingestion through DuckDB's validation,
// models on sufficient statistics pulled from the shards)
export { createClickHouseEngine, type ClickHouseEngine, type ClickHouseStats } from './engine/clickhouse/clickhouse-engine.js';
export { parseClickHouseUrl, type ClickHouseTarget } from './engine/clickhouse/clickhouse-url.js';
export { openClickHouseWorkspace, ingestLogFile, isClickHouseEngine, type ClickHouseWorkspaceOptions } from './engine/clickhouse/clickhouse-workspace.js';
export { ingestFileToClickHouse, type ClickHouseIngestOptions } from './engine/clickhouse/clickhouse-ingest.js';
export { ensureClickHouseWorkspace, dropClickHouseWorkspace } from './engine/clickhouse/clickhouse-schema.js';
export { summarizePatterns, summarizeSpendPatterns, type RfmPatterns } from './summary/summary-patterns.js';
