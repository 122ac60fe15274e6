/**
 * cvm core: the public API, grouped by stage (see ../shared/STYLE.md for the data flow).
 */

// errors
export { CvmError, InputError, DataQualityError, ConvergenceError, EngineError } from './errors.js';

// engine
export type { Engine, SqlDialect, ColumnBatch, ColumnKind, SqlValue } from './engine/engine.js';
export { createDuckDbEngine, type DuckDbEngineOptions } from './engine/duckdb/duckdb-engine.js';
export { sqlString, sqlIdent } from './engine/sql.js';
export { serialEngine } from './engine/serial-engine.js';
export { openWorkspace, WORKSPACE_DB, type WorkspaceOptions } from './workspace.js';

// transactions
export { ingestFile, ensureWorkspace, type IngestOptions, type IngestReport } from './transactions/ingest.js';
export { resolveMapping, type ColumnMapping, type TransactionField, type ResolvedMapping } from './transactions/column-mapping.js';
export { DATE_FORMATS, type DateFormat } from './transactions/date-formats.js';
export { QUARANTINE_REASONS, type QuarantineReason } from './transactions/schema.js';
export { listQuarantine, QUARANTINE_TABLE, type QuarantineRow } from './transactions/quarantine.js';

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
export { kmeans, type KMeansResult } from './math/cluster/kmeans.js';
export { silhouette } from './math/cluster/silhouette.js';
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

// forecasts people can trust (issue 17): intervals, covariates, regular-timing model, regularity
export { countModelIntervals, type ForecastIntervals, type IntervalOptions, type Band } from './scores/intervals/customer-intervals.js';
export { predictionIntervals } from './scores/intervals/prediction-intervals.js';
export { mixtureInterval, type TotalInterval } from './scores/intervals/aggregate-interval.js';
export { drawParameters, type ParameterDraws } from './scores/intervals/parameter-draws.js';
export { conditionalMoments, type ConditionalMoments } from './scores/intervals/process-variance.js';
export { fitParetoNbdCovariates, paretoNbdCustomerParams } from './models/covariates/pareto-nbd-covariates.js';
export { fitBgNbdCovariates, bgNbdCustomerParams } from './models/covariates/bg-nbd-covariates.js';
export type { Covariates, CovariateSpec, CovariateEffect, CovariateFit, LikelihoodRatioTest } from './models/covariates/covariate-types.js';
export { fitMbgCnbdK, mbgCnbdKPAlive, mbgCnbdKExpectedPurchases, mbgCnbdKParamsOf, simulateMbgCnbdK, mbgCnbdKCountModel, type MbgCnbdKFit, type MbgCnbdKParams, type RegularRfmData } from './models/mbg-cnbd-k/mbg-cnbd-k.js';
export { wheatMorrisonRegularity, type Regularity } from './models/mbg-cnbd-k/regularity.js';
export { chiSquareSf } from './math/stats/chi-square-sf.js';

// the main job: one analysis per workspace, one report, sections rendered by every surface
export { Analysis, type AnalysisOptions, type ModelsStage, type ProfitStage } from './analysis/analysis.js';
export { buildMainReport, mainReportSections, mainReportFigures, overviewSection, type MainReport } from './analysis/main-report.js';
export { validationSection, modelComparisonTable, byFrequencyTable, periodsText } from './validation/validation-tables.js';
export { segmentsSection, migrationSection, valueTiersTable, lifecycleTable, valueBasisText } from './segments/segments-tables.js';
export { profitSection, quadrantsTable } from './profitability/profit-tables.js';
export { modelsSection, topCustomersTable } from './analysis/models-section.js';
export { matrixTable } from './report/matrix-table.js';
export { NO_PROGRESS, type ReportSection, type Progress } from './report/report-section.js';
export { tablePage, tableCsvStream } from './tables/table-page.js';
export { compileTableQuery, parseFilter } from './tables/table-query-sql.js';
export { tableQuerySchema, filterSchema, FILTER_OPS, isNumericColumn, type ServedTable, type TableQuery, type TablePage, type Permutations, type FilterOp } from './tables/served-table.js';
export { loadCustomerTable, CUSTOMER_TABLE, type CustomerColumn } from './customers/customer-table.js';
export { summaryColumns, scoreColumns, segmentColumns, profitColumns } from './customers/customer-columns.js';
export { concentrationCurve, histogram } from './segments/value-distribution.js';
export { customerRow, customerDays, customerPurchaseDays, customerSnapshots } from './customers/customer-detail.js';

// retention and win-back (issue 12): risk, timing, value at risk, the lists, the backtest, audiences, trends
export { aucDeLong, type AucResult } from './math/stats/auc.js';
export { waitingTimeQuantile, waitingTimeCdf } from './retention/waiting-time.js';
export { aliveReturnProbability, returnProbability } from './retention/return-probability.js';
export { retentionOptions, riskLabelOf, retentionRules, RISK_LABELS, RETENTION_DEFAULTS, type RetentionOptions, type RiskLabel } from './retention/retention-options.js';
export { loadRetentionHistory, type RetentionHistory } from './retention/retention-history.js';
export { computeRetention, RETENTION_LISTS, type RetentionInput, type CustomerRetention, type RetentionList } from './retention/retention-scores.js';
export { retentionReason, listReasons } from './retention/retention-reasons.js';
export { retentionColumns, retentionListTable, type ListName } from './retention/retention-columns.js';
export { runRetention, type RetentionStage, type RetentionReport, type RiskGroup } from './retention/retention-stage.js';
export { retentionAsOf, type RetentionAsOf } from './retention/retention-as-of.js';
export { retentionBacktest, readBacktestOutcomes, backtestFrom, type BacktestOptions, type BacktestOutcomes, type RetentionBacktest, type ScoreAuc } from './retention/backtest.js';
export { gainsCurve, calibrationBins, brierScore, rankOrder, type GainsPoint, type CalibrationBin } from './retention/backtest-metrics.js';
export { lifecycleTrends, type LifecycleTrends, type TrendMonth } from './retention/trends.js';
export { retentionSection, trendsSection, riskLabelsTable, valueAtRiskTable, valueAtRiskMatrix, trendsTable } from './retention/retention-tables.js';
export { backtestSection, backtestScoresTable, backtestPrecisionTable, backtestGainsTable, backtestCalibrationTable, backtestTimingTable, backtestValueTable, backtestListsTable } from './retention/backtest-tables.js';
export { saveAudience, listAudiences, getAudience, requireAudience, deleteAudience, audienceMembers, checkAudience, ensureAudienceTable, type Audience } from './audiences/audiences.js';
