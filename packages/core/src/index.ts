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
export { readDataVersion, describeDataVersion, type DataVersion } from './transactions/data-version.js';
export { listQuarantine, QUARANTINE_TABLE, type QuarantineRow } from './transactions/quarantine.js';

// summary
export { summarySql } from './summary/summary-sql.js';
export {
  summarize,
  logRange,
  dayToIso,
  DAYS_PER_PERIOD,
  SUMMARY_COLUMNS,
  HOLDOUT_COLUMNS,
  type CustomerSummary,
  type SummaryOptions,
  type Period,
  type LogRange,
} from './summary/summary.js';

// models
export type { RfmData, SpendData, FitResult, FitOptions, FitSpec, CompressedRfm } from './models/shared/model-types.js';
export { fitMle } from './models/shared/fit-mle.js';
export { compressRfm, compressRows, distinctValues } from './models/shared/compress.js';
export { fitBgNbd } from './models/bg-nbd/index.js';
export { bgNbdLogLikelihood, type BgNbdParams } from './models/bg-nbd/index.js';
export { bgNbdPAlive, bgNbdExpectedPurchases, bgNbdExpectedPurchasesNew, bgNbdProbabilityOfPurchases } from './models/bg-nbd/index.js';
export { simulateBgNbd } from './models/bg-nbd/index.js';
export { fitMbgNbd } from './models/mbg-nbd/index.js';
export { mbgNbdLogLikelihood, type MbgNbdParams } from './models/mbg-nbd/index.js';
export { mbgNbdPAlive, mbgNbdExpectedPurchases, mbgNbdExpectedPurchasesNew, mbgNbdProbabilityOfPurchases } from './models/mbg-nbd/index.js';
export { simulateMbgNbd } from './models/mbg-nbd/index.js';
export { fitParetoNbd } from './models/pareto-nbd/index.js';
export { paretoNbdLogLikelihood, PARETO_NBD_PARAMS, type ParetoNbdParams } from './models/pareto-nbd/index.js';
export {
  paretoNbdPAlive,
  paretoNbdExpectedPurchases,
  paretoNbdExpectedPurchasesNew,
  paretoNbdProbabilityOfPurchases,
  paretoNbdDert,
} from './models/pareto-nbd/index.js';
export { fitGammaGamma } from './models/gamma-gamma/index.js';
export { gammaGammaLogLikelihood } from './models/gamma-gamma/index.js';
export { gammaGammaExpectedSpend } from './models/gamma-gamma/index.js';
export { simulateGammaGamma } from './models/gamma-gamma/index.js';
export { fitBgBb } from './models/bg-bb/index.js';
export { bgBbLogLikelihood, type BgBbData, type BgBbParams } from './models/bg-bb/index.js';
export {
  bgBbPAlive,
  bgBbExpectedTransactions,
  bgBbExpectedTransactionsNew,
  bgBbProbabilityOfTransactions,
  bgBbDert,
} from './models/bg-bb/index.js';
export { fitSbg } from './models/s-bg/index.js';
export { sbgLogLikelihood, type SbgParams } from './models/s-bg/index.js';
export { sbgChurnProbabilities, sbgProjectSurvivors, sbgRetentionRates, sbgSurvivalCurve } from './models/s-bg/index.js';
export { sbgDerl } from './models/s-bg/index.js';
export { simulateSbg } from './models/s-bg/index.js';
export { simulateBgBb } from './models/bg-bb/index.js';
export { simulateParetoNbd } from './models/pareto-nbd/index.js';
export { COUNT_MODELS, COUNT_MODEL_REGISTRY, type CountModel, type CountModelName } from './models/count-models.js';
export { pAliveHistory } from './scores/p-alive-history.js'; // the drill-down's P(alive) over time (issue 19: no summary definition outside core)
export { readSummaryFile, SUMMARY_ALIASES, type SummaryInput } from './inputs/summary-input.js';
export { readSurvivorsFile, type SurvivorsInput } from './inputs/survivors-input.js';

// scores
export { scoreCountModel, PERIODS_PER_YEAR, type ClvOptions, type CountScores } from './scores/clv.js';
export { predictCustomers, type PredictOptions, type Prediction } from './scores/predict.js';
// issue 16: scoring in the database (patterns scored in Node, joined back and finished per customer in SQL)
export { scoreInDatabase, type DatabaseScoreOptions, type DatabaseScores, type SpendFitReads } from './scores/score-in-database.js';
export { fitSpendInDatabase, type DatabaseSpendFit } from './scores/database-spend-fit.js';
export { fitGammaGammaInDatabase, type DatabaseGammaGammaFit } from './scores/gamma-gamma-in-database.js';
export { topDatabaseScores } from './scores/database-scores-write.js';
export { DATABASE_SCORE_COLUMNS } from './scores/database-scores-sql.js';
export { scorePatterns, fitSpendOnPatterns, historicPatternSpend, type PatternScores, type PatternSpend } from './scores/pattern-scores.js';
export { readCustomerValues, type AlignedValues } from './inputs/customer-values.js';

// validation
export { validateOnHoldout, type ValidationOptions, type ValidationReport } from './validation/validate.js';
export {
  validateCountModel,
  compareModels,
  trackingCurve,
  FREQUENCY_BUCKETS,
  type ModelValidation,
  type ModelComparison,
  type TrackingCurve,
} from './validation/holdout.js';

// segments
export { computeRfm, type RfmInputs, type RfmOptions, type RfmResult } from './segments/rfm.js';
export { scoreColumn, type ScoreBand, type ScoreOptions, type ScoreResult } from './segments/rfm-score.js';
export { RFM_SEGMENT_RULES, RFM_SEGMENTS, rfmSegmentIndex, type RfmSegmentRule } from './segments/rfm-segments.js';
// issue 20: RFM label against lifecycle stage
export { rfmStageConflict, RFM_CLAIMS, type RfmClaim, type RfmStageConflict } from './segments/rfm-stage-check.js';
export { valueTiers, DEFAULT_TIERS, type TierSpec, type TierRow, type TierResult } from './segments/value-tiers.js';
export { paretoShares, type ParetoPoint } from './segments/pareto.js';
export {
  lifecycleStages,
  lifecycleRules,
  LIFECYCLE_STAGES,
  LIFECYCLE_STAGE_WORDS,
  DEFAULT_RHYTHM_DAYS,
  type LifecycleStage,
  type LifecycleInputs,
  type LifecycleOptions,
  type LifecycleResult,
} from './segments/lifecycle.js';
export { crossTab, type GridCell } from './segments/segment-grid.js';
export { kmeans, type KMeansResult } from './math/cluster/kmeans.js';
export { silhouette } from './math/cluster/silhouette.js';
export { microSegments, type MicroFeature, type MicroOptions, type MicroSegment, type MicroResult } from './segments/micro-segments.js';
export { behaviourFeatures, microSegmentsOf } from './segments/behaviour-features.js';
export { segmentSummary, type CustomerHistory, type ValueKind, type SegmentOptions, type Segmentation } from './segments/segmentation.js';
export { segmentAsOf, loadHistory, withMix, type SegmentAsOfOptions } from './segments/segment-as-of.js';
export {
  saveSnapshot,
  listSnapshots,
  loadSnapshot,
  requireSnapshot,
  segmentationRules,
  type SnapshotInfo,
  type StoredSnapshot,
} from './segments/snapshots.js';
export { buildTransitionMatrix, type TransitionCell, type TransitionMatrix } from './segments/transition-matrix.js';
export {
  migrateSnapshots,
  markovView,
  segmentFlows,
  type MigrationOptions,
  type MigrationReport,
  type Downgrade,
  type MarkovView,
  type SegmentFlow,
} from './segments/migration.js';
export { MIGRATION_DIMENSIONS, type MigrationDimension } from './segments/migration-sql.js';
export {
  transitionsTable,
  migrationCellsTable,
  cellsTable as migrationCellsReportTable,
  markovValueTable,
  markovTable,
  downgradesSpec,
  downgradesTable,
} from './segments/migration-tables.js'; // the migration's tables for the CLI, the API and the web (issue 19)
export { rowShareTable, valueMovedTable } from './segments/migration-matrix-tables.js';
export { quarterEnds } from './segments/quarter-ends.js';
export { ensureSnapshot, type SnapshotUse } from './segments/ensure-snapshot.js';
export { markovCustomerValue, type MarkovValueOptions } from './segments/markov-value.js';

// cohorts
export { cohortReport, type CohortOptions, type CohortReport } from './cohorts/cohorts.js';
export { buildCohortTable, type RetentionMode, type CohortRow, type CohortTable } from './cohorts/cohort-table.js';
export { COHORT_PERIODS, type CohortPeriod } from './cohorts/cohort-periods.js';
export { COHORT_LONG_COLUMNS, cohortLongTable } from './cohorts/cohort-long-table.js';
export { COHORT_METRICS, cohortMatrixTable, type CohortMetric } from './cohorts/cohort-matrix-table.js'; // the triangle for the CLI and the web (issue 19) // one long-form cohort table for the CLI and the API (issue 19)

// profitability
export {
  loadCostModel,
  parseCostModel,
  type CostModel,
  type CostPool,
  type ProductCost,
  type ProductCostModel,
} from './profitability/cost-model.js';
export { DRIVERS, DRIVER_NAMES, type DriverName } from './profitability/drivers.js';
export { loadActivities, type ActivityReport } from './profitability/activities.js';
export { ACTIVITY_QUARANTINE_REASONS, type ActivityQuarantineReason } from './profitability/activities-sql.js';
export {
  computeProfitability,
  type ProfitabilityOptions,
  type ProfitabilityResult,
  type CustomerPnl,
  type PoolResult,
  type Reconciliation,
  type UnassignedReason,
} from './profitability/profitability.js';
export { profitabilityReport, type ProfitabilityReport, type ProfitabilityReportOptions } from './profitability/profit-report.js';
export { whaleCurve, type WhaleCurve } from './profitability/whale-curve.js';
export {
  marginCostMatrix,
  QUADRANTS,
  QUADRANT_ORDER,
  type MarginMatrix,
  type Quadrant,
} from './profitability/margin-matrix.js';
export { profitByGroup, type GroupProfit } from './profitability/profit-by-group.js';
export { unprofitableCustomers, REMEDIES, REMEDY_LABELS, type Remedy, type UnprofitableCustomer } from './profitability/unprofitable.js';
export {
  costPoolsTable,
  poolsTable,
  POOLS_RULE,
  marginMatrixTable,
  profitMatrixTable,
  profitByTierTable,
  profitByChannelTable,
  profitBySegmentTable,
  profitGroupTables,
} from './profitability/profit-summary-tables.js'; // the pools, matrix and group tables for the CLI, the API and the web (issue 19)
export {
  unprofitableCustomersTable,
  unprofitableTable,
  whaleCurveTable,
  whaleTable,
  WHALE_RULE,
  pnlTableSpec,
  pnlTable,
  PNL_RULE,
  poolColumnKeys,
} from './profitability/profit-customer-tables.js'; // the unprofitable, whale and P&L tables for the CLI, the API and the web (issue 19)
export { profitClv, unitEconomicsFor, type ProfitClvInput } from './profitability/profit-clv.js';
export { loadSegments } from './profitability/segments-file.js';

// pipeline
export {
  runOverview,
  runModels,
  runModelsWithScores,
  type OverviewReport,
  type ModelsReport,
  type ModelsReportOptions,
  type ModelScores,
} from './pipeline.js';
export { runSegmentsReport, segmentWithScores, type SegmentsReport, type MigrationStep, type ScoresById } from './pipeline-segments.js';
export { runProfitSummary, type ProfitSummary } from './pipeline-profit.js';

// report layer: one declaration per table, one formatter, one CSV writer (also `@cvm/core/report`)
export {
  defineTable,
  columnHeading,
  tableRecords,
  normalizeCell,
  type DisplayKind,
  type Cell,
  type ReportColumn,
  type ReportTable,
  type ColumnSpec,
  type TableSpec,
} from './report/report-table.js';
export { csvCell, csvLine, csvNumber, csvQuoted, tableToCsv } from './report/csv.js';
export { formatValue, formatCell, formatNumber, formatMoney, formatPercent, type FormatOptions } from './report/format-value.js';

// ClickHouse engine (scale-out: workspace on a cluster, ingestion through DuckDB's validation,
// models on sufficient statistics pulled from the shards)
export { createClickHouseEngine, type ClickHouseEngine, type ClickHouseStats } from './engine/clickhouse/clickhouse-engine.js';
export { parseClickHouseUrl, type ClickHouseTarget } from './engine/clickhouse/clickhouse-url.js';
export {
  openClickHouseWorkspace,
  ingestLogFile,
  isClickHouseEngine,
  type ClickHouseWorkspaceOptions,
} from './engine/clickhouse/clickhouse-workspace.js';
export { ingestFileToClickHouse, type ClickHouseIngestOptions } from './engine/clickhouse/clickhouse-ingest.js';
export { ensureClickHouseWorkspace, dropClickHouseWorkspace } from './engine/clickhouse/clickhouse-schema.js';
export { summarizePatterns, summarizeSpendPatterns, type RfmPatterns } from './summary/summary-patterns.js';
// forecasts people can trust (issue 17): intervals, covariates, regular-timing model, regularity
export { countModelIntervals, type ForecastIntervals, type IntervalOptions, type Band } from './scores/intervals/customer-intervals.js';
export { predictionIntervals } from './scores/intervals/prediction-intervals.js';
export { mixtureInterval, type TotalInterval } from './scores/intervals/aggregate-interval.js';
export { drawParameters, type ParameterDraws } from './scores/intervals/parameter-draws.js';
export { conditionalMoments, type ConditionalMoments } from './scores/intervals/process-variance.js';
export { fitParetoNbdCovariates, paretoNbdCustomerParams } from './models/covariates/pareto-nbd-covariates.js';
export { fitBgNbdCovariates, bgNbdCustomerParams } from './models/covariates/bg-nbd-covariates.js';
export type { Covariates, CovariateSpec, CovariateEffect, CovariateFit, LikelihoodRatioTest } from './models/covariates/covariate-types.js';
export { fitMbgCnbdK, type MbgCnbdKFit, type MbgCnbdKParams, type RegularRfmData } from './models/mbg-cnbd-k/index.js';
export { mbgCnbdKPAlive, mbgCnbdKExpectedPurchases, mbgCnbdKParamsOf } from './models/mbg-cnbd-k/index.js';
export { simulateMbgCnbdK } from './models/mbg-cnbd-k/index.js';
export { mbgCnbdKCountModel } from './models/mbg-cnbd-k/index.js';
export { wheatMorrisonRegularity, type Regularity } from './models/mbg-cnbd-k/index.js';
export { covariateFitSection, covariateEffectsTable } from './models/covariates/covariate-report.js';
export { customerCovariates } from './inputs/customer-covariates.js';

// the main job: one analysis per workspace, one report, sections rendered by every surface
export { Analysis, type AnalysisOptions, type ModelsStage, type ProfitStage } from './analysis/analysis.js';
export { buildMainReport, mainReportSections, mainReportFigures, overviewSection, type MainReport } from './analysis/main-report.js';
export { validationSection, modelComparisonTable, byFrequencyTable, periodsText } from './validation/validation-tables.js';
export { segmentsSection, migrationSection, valueTiersTable, lifecycleTable, valueBasisText } from './segments/segments-tables.js';
export {
  rfmSegmentsTable,
  segmentRuleTables,
  rfmCutPointsSpec,
  rfmCutPointsTable,
  tierLifecycleTables,
  segmentTablesByName,
  SEGMENT_TABLE_NAMES,
  type SegmentTableName,
} from './segments/segment-rule-tables.js';
export { microSegmentsTable, microTable } from './segments/micro-segment-table.js'; // the segment tables for the CLI, the API and the web (issue 19)
export { profitSection } from './profitability/profit-tables.js';
export { overviewFiguresTable, quarantineByReasonTable } from './analysis/overview-tables.js'; // the overview's tables for the CLI, the API and the web (issue 19)
export { modelsSection, topCustomersTable, topCustomersOf } from './analysis/models-section.js';
export { matrixTable, type MatrixOptions } from './report/matrix-table.js';
export { NO_PROGRESS, type ReportSection, type Progress } from './report/report-section.js';
export { tablePage, tableCsvStream } from './tables/table-page.js';
export { compileTableQuery, parseFilter } from './tables/table-query-sql.js';
export {
  tableQuerySchema,
  filterSchema,
  FILTER_OPS,
  isNumericColumn,
  type ServedTable,
  type TableQuery,
  type TablePage,
  type Permutations,
  type FilterOp,
} from './tables/served-table.js';
export { loadCustomerTable, CUSTOMER_TABLE, type CustomerColumn } from './customers/customer-table.js';
export { summaryColumns, scoreColumns, segmentColumns, profitColumns } from './customers/customer-columns.js';
export { concentrationCurve, histogram } from './segments/value-distribution.js';
export {
  customerRow,
  customerDays,
  customerPurchaseDays,
  customerSnapshots,
  type CustomerDay,
  type CustomerSnapshotRow,
} from './customers/customer-detail.js';
export {
  customerProfileTable,
  customerPurchasesTable,
  customerSegmentHistorySpec,
  customerSegmentHistoryTable,
  SEGMENT_HISTORY_RULE,
  RFM_CHECK_NOTE,
} from './customers/customer-drill-tables.js'; // the drill-down's tables for the API and the web (issue 19)

// retention and win-back (issue 12): risk, timing, value at risk, the lists, the backtest, audiences, trends
export { waitingTimeQuantile, waitingTimeCdf } from './retention/waiting-time.js';
export { aliveReturnProbability, returnProbability } from './retention/return-probability.js';
export {
  retentionOptions,
  riskLabelOf,
  retentionRules,
  RISK_LABELS,
  RETENTION_DEFAULTS,
  type RetentionOptions,
  type RiskLabel,
} from './retention/retention-options.js';
export { loadRetentionHistory, type RetentionHistory } from './retention/retention-history.js';
export {
  computeRetention,
  RETENTION_LISTS,
  type RetentionInput,
  type CustomerRetention,
  type RetentionList,
} from './retention/retention-scores.js';
export { retentionReason, listReason, listReasons } from './retention/retention-reasons.js';
export { retentionColumns, retentionListTable, type ListName } from './retention/retention-columns.js';
export { runRetention, type RetentionStage, type RetentionReport, type RiskGroup } from './retention/retention-stage.js';
export { retentionAsOf, type RetentionAsOf } from './retention/retention-as-of.js';
export {
  retentionBacktest,
  readBacktestOutcomes,
  backtestFrom,
  type BacktestOptions,
  type BacktestOutcomes,
  type RetentionBacktest,
  type ScoreAuc,
} from './retention/backtest.js';
export { gainsCurve, calibrationBins, brierScore, rankOrder, type GainsPoint, type CalibrationBin } from './retention/backtest-metrics.js';
export { lifecycleTrends, type LifecycleTrends, type TrendMonth } from './retention/trends.js';
export {
  retentionSection,
  trendsSection,
  riskLabelsTable,
  valueAtRiskTable,
  valueAtRiskMatrix,
  trendsTable,
} from './retention/retention-tables.js';
export {
  backtestSection,
  backtestScoresTable,
  backtestPrecisionTable,
  backtestGainsTable,
  backtestCalibrationTable,
  backtestTimingTable,
  backtestValueTable,
  backtestListsTable,
} from './retention/backtest-tables.js';
export {
  saveAudience,
  listAudiences,
  getAudience,
  requireAudience,
  deleteAudience,
  audienceMembers,
  checkAudience,
  ensureAudienceTable,
  type Audience as SavedAudience,
} from './audiences/audiences.js';
// expansion: baskets, association rules (FP-growth), next best offer, up-sell headroom, backtest
export { basketSetFromLists, basketCount, itemCounts, basketsByItem, normaliseBaskets, type BasketSet } from './expansion/basket-set.js';
export { parseBasketCsv, readBasketFile } from './expansion/basket-csv.js';
export { loadBaskets, type LogBaskets, type LogBasketOptions, type BasketFacts } from './expansion/baskets.js';
export { readProductCatalog, catalogFromPairs, type ProductCatalog } from './expansion/product-catalog.js';
export { toCategoryLevel } from './expansion/category-level.js';
export { frequentItemsets, minCountFor, type FrequentItemsets, type FrequentItemsetOptions } from './expansion/fp-growth.js';
export { associationRules, RULE_MEASURES, type RuleSet, type RuleOptions, type RuleMeasure } from './expansion/association-rules.js';
export { queryRules, itemsetLabel, type RuleQuery } from './expansion/rule-query.js';
export { RULES_TABLE, ruleRows, rulesNotes, rulesTable, type RuleRow } from './expansion/rules-table.js';
export {
  mineRules,
  rulesReport,
  RULE_DEFAULTS,
  type MineOptions,
  type RulesReport,
  type RulesReportOptions,
} from './expansion/rules-report.js';
export { loadItemFacts, type ItemValues, type ItemFacts } from './expansion/item-values.js';
export { itemNeighbours, type ItemNeighbours, type NeighbourOptions } from './expansion/co-occurrence.js';
export { ownedItems, type OwnedItems } from './expansion/owned-items.js';
export { buildOfferModel, type OfferModel } from './expansion/offer-model.js';
export { nextBestOffers, checkOfferOptions, type Offers, type OfferOptions } from './expansion/offers.js';
export { popularityOffers } from './expansion/popularity.js';
export { offerReason, listInWords } from './expansion/offer-reason.js';
export { offerHits, scoreHits, compareOffers, type OfferScore, type OfferComparison } from './expansion/offer-evaluation.js';
export { fitOffers, OFFER_DEFAULTS, type OfferFit, type OfferFitOptions } from './expansion/offer-fit.js';
export { backtestOffers, futureNewItems, type OfferBacktest, type OfferBacktestOptions } from './expansion/offers-backtest.js';
export { offersReport, offerRows, type OffersReport, type OffersReportOptions } from './expansion/offers-report.js';
export { OFFERS_TABLE, OFFER_BACKTEST_TABLE, type OfferRow, type BacktestRow } from './expansion/offers-table.js';
export {
  upsellHeadroom,
  quantileSorted,
  type HeadroomInput,
  type HeadroomOptions,
  type HeadroomResult,
  type HeadroomGroup,
} from './expansion/headroom.js';
export { headroomReport, type HeadroomReport, type HeadroomReportOptions } from './expansion/headroom-report.js';
export { HEADROOM_GROUPS_TABLE, HEADROOM_CUSTOMERS_TABLE, type HeadroomCustomerRow } from './expansion/headroom-table.js';
// expansion in the analysis (issue 13 item 6): stages, pages for the API and the dashboard, customer-table columns
export {
  HEADROOM_GROUPINGS,
  notComputedFrom,
  notComputedFromAny,
  type ExpansionOptions,
  type RuleThresholds,
  type OfferStageOptions,
  type HeadroomStageOptions,
  type HeadroomGrouping,
  type StageNotComputed,
  type BasketsStage,
  type RulesResult,
  type RulesStage,
  type OffersResult,
  type OffersStage,
  type HeadroomStageResult,
  type HeadroomStage,
  type OfferBacktestStage,
} from './expansion/expansion-stage.js';
export {
  readBasketsStage,
  ruleThresholds,
  computeRules,
  computeOffers,
  computeBacktest,
  computeHeadroom,
  middleDay,
  type HeadroomInputs,
} from './expansion/expansion-run.js';
export {
  RULE_SORT_KEYS,
  selectRules,
  ruleItems,
  rulesPage,
  rulesCsvTable,
  type RuleSortKey,
  type RulesQuery,
  type RulesPageJson,
} from './expansion/rules-page.js';
export {
  offerCustomerOrder,
  offersPage,
  offersCsvChunks,
  customerOfferTable,
  type OffersQuery,
  type OffersPageJson,
} from './expansion/offers-page.js';
export { offerColumns, headroomColumns } from './customers/expansion-columns.js';
export { RecentMemo } from './expansion/recent-memo.js';
export {
  expansionNotComputed,
  headroomJson,
  backtestJson,
  customerOffersJson,
  type ExpansionNotComputedJson,
  type HeadroomJson,
  type BacktestJson,
  type CustomerHeadroomJson,
  type CustomerOffersJson,
} from './expansion/expansion-json.js';
export {
  offersBacktestSection,
  offersSection,
  headroomSection,
  rulesSection,
  notComputedSection,
  type OffersSectionInput,
} from './expansion/expansion-sections.js';
export { expansionSections, type ExpansionReportOptions } from './analysis/expansion-report.js';
// transactions: ingest hardening (issue 21): quarantine records for re-ingest, reason check, value bound
export { quarantineRecords, checkQuarantineReason, QUARANTINE_RECORD_COLUMNS } from './transactions/quarantine.js';
export { MAX_ABS_VALUE } from './transactions/schema.js';
// campaigns: randomised control groups, uplift in value, flat experiment files (issue 14)
export {
  parseCampaign,
  loadCampaign,
  readIdList,
  campaignIdOf,
  addDays,
  type Campaign,
  type CampaignTarget,
} from './campaigns/campaign-definition.js';
export {
  parseAudienceRule,
  compileAudienceRule,
  type RuleCondition,
  type RuleOp,
  type RuleColumnType,
  type CompiledRule,
} from './campaigns/audience-rule.js';
export { assignArms, hashUnit, GLOBAL_HOLDOUT_SALT, ARMS, type Assignment, type ArmName } from './campaigns/assignment.js';
export { AUDIENCE_COLUMNS, SEGMENT_COLUMNS } from './campaigns/campaign-sql.js';
export {
  saveCampaign,
  deleteCampaign,
  getCampaign,
  listCampaigns,
  saveAssignments,
  loadAssignments,
  customerCampaigns,
  campaignStatus,
  ensureCampaignTables,
  type StoredCampaign,
  type CampaignListRow,
  type CampaignStatus,
  type CustomerCampaign,
} from './campaigns/campaign-store.js';
export { createCampaign, selectAudience, type Audience, type CreatedCampaign } from './campaigns/campaign-audience.js';
export {
  campaignPower,
  campaignBaseRates,
  powerForCampaign,
  type BaseRates,
  type PowerEffects,
  type PowerRow,
  type CampaignPower,
} from './campaigns/campaign-power.js';
export {
  campaignResults,
  type CampaignResults,
  type CampaignResultsOptions,
  type CampaignOverlap,
  type ClvInput,
} from './campaigns/campaign-results.js';
export { loadCampaignResponses, type ResponseFileOptions, type ResponseFileReport } from './campaigns/campaign-responses.js';
export { analyzeExperiment, type ExperimentAnalysis, type ArmSummary, type ArmVerdict } from './campaigns/analyze-experiment.js';
export type {
  ExperimentData,
  ExperimentOutcome,
  ExperimentSegment,
  AnalysisOptions as ExperimentAnalysisOptions,
  OutcomeKind,
} from './campaigns/experiment-types.js';
export type { Comparison, BootstrapIntervals } from './campaigns/compare-arms.js';
export type { ArmOutcome } from './campaigns/arm-moments.js';
export { sampleRatioCheck, type SampleRatioCheck } from './campaigns/sample-ratio.js';
export { armVerdict } from './campaigns/verdict.js';
export {
  upliftBySegment,
  MAX_SEGMENTS,
  type SegmentUplift,
  type SegmentComparison,
  type Heterogeneity,
} from './campaigns/segment-uplift.js';
export {
  fitUpliftModel,
  type UpliftModelInput,
  type UpliftModelOptions,
  type UpliftModelResult,
  type QiniPoint,
} from './campaigns/uplift-model.js';
export { buildDesign, type FeatureColumn, type Design } from './campaigns/uplift-features.js';
export { qiniCurve, qiniCoefficient, qiniAt, type QiniCurve } from './campaigns/qini.js';
export {
  analyzeExperimentFile,
  type ExperimentFileOptions,
  type ExperimentFileResult,
  type QuarantinedExperimentRow,
} from './campaigns/experiment-file.js';
export { EXPERIMENT_QUARANTINE_REASONS, type ExperimentQuarantineReason } from './campaigns/experiment-file-sql.js';
export { experimentArmsTable, upliftRatesTable, upliftMeansTable, verdictsTable, sampleRatioTable } from './campaigns/experiment-tables.js';
export { segmentUpliftTable, heterogeneityTable, qiniTable, experimentQuarantineTable } from './campaigns/segment-tables.js';
export { experimentTables, upliftModelTable } from './campaigns/experiment-report.js';
export {
  campaignTables,
  campaignListTable,
  assignmentListTable,
  assignmentTable,
  campaignPowerTable,
  powerTable,
  overlapTable,
  incrementalTable,
} from './campaigns/campaign-tables.js';
export { newcombeInterval, wilsonInterval, twoProportionPValue, type Interval } from './math/stats/proportion-intervals.js';
export { welchTest, type WelchResult, type GroupMoments } from './math/stats/welch.js';
export { bootstrapMeanDifference, type BootstrapOptions, type BootstrapResult } from './math/stats/bootstrap-mean-difference.js';
export { mdeMeans, mdeProportion, controlShareFor, type PowerOptions } from './math/stats/power.js';
export { holm, bonferroni } from './math/stats/adjust-p-values.js';
export { normalCdf, normalQuantile, normalSf } from './math/stats/normal-distribution.js';
export { studentTCdf, studentTQuantile, studentTTwoSided } from './math/stats/student-t.js';
export { chiSquareSf } from './math/stats/chi-square.js';
export { chiSquareGoodnessOfFit, type GoodnessOfFit } from './math/stats/goodness-of-fit.js';
// inputs beside the log (customers, marketing spend, prospects), dimensions, acquisition, look-alikes, demo (issue 11)
export { ingestInputFile, ensureInputTables, type InputIngestOptions, type InputIngestReport } from './inputs/input-ingest.js';
export { INPUT_QUARANTINE_REASONS, INPUT_KINDS, type InputKind, type InputQuarantineReason } from './inputs/input-schema.js';
export { listInputQuarantine, type InputQuarantineRow } from './inputs/input-quarantine.js';
export { ATTRIBUTION_RULES, ATTRIBUTION_TEXT, type AttributionRule } from './inputs/attribution-sql.js';
export {
  customerDimension,
  dimensionNames,
  dimensionQuery,
  numericBands,
  type CustomerDimension,
  type DimensionOptions,
  type DimensionQuery,
} from './inputs/dimension.js';
export { breakdownBy, breakdownTable, type BreakdownRow, type BreakdownOptions } from './inputs/breakdown.js';
export {
  acquisitionReport,
  requireAcquisitionInputs,
  type AcquisitionOptions,
  type AcquisitionReport,
  type AcquisitionRow,
} from './acquisition/acquisition.js';
export { acquisitionChannelsTable, acquisitionCohortsTable } from './acquisition/acquisition-tables.js';
export {
  lookalikeReport,
  requireLookalikeInputs,
  type LookalikeOptions,
  type LookalikeReport,
  type AttributeEffect,
} from './lookalikes/lookalikes.js';
export {
  lookalikeValidationTable,
  lookalikeCalibrationTable,
  lookalikeEffectsTable,
  lookalikeProspectsTable,
  lookalikeUnseenTable,
  prospectRows,
  type ProspectRow,
} from './lookalikes/lookalike-tables.js';
export { purchaseCurve, discountedPurchases, type PurchaseCurve } from './scores/purchase-curve.js';
export { fitLogisticL2, logisticLinearPredictor, type LogisticFit, type SparseRows } from './math/stats/logistic-l2.js';
export { aucDeLong, type AucResult } from './math/stats/auc-delong.js';
export { generateDemoBusiness, type DemoOptions, type DemoReport } from './demo/demo.js';
// breakdowns of segments, cohorts, profitability and CLV by channel or attribute (--by); acquisition and look-alike sections and analysis stages (issue 11)
export { breakdownMeasures, levelCrossTable, type BreakdownMeasure } from './breakdowns/measure-breakdown.js';
export { segmentsBy, profitBy, clvBy } from './breakdowns/report-breakdowns.js';
export { acquisitionSection } from './acquisition/acquisition-section.js';
export { lookalikeSection } from './lookalikes/lookalike-section.js';
export {
  acquisitionStage,
  lookalikeStage,
  type GrowthStage,
  type AcquisitionStageOptions,
  type LookalikeStageOptions,
} from './analysis/growth-stages.js';
export { inputQuarantineTable, inputQuarantineReport } from './inputs/input-quarantine-table.js';
// issue 21 (no silent wrong answers): fit verdicts, spend estimate, numeric limits, returns netting
export {
  assessFit,
  assessCountFit,
  NO_DROPOUT_P_ALIVE,
  type FitAssessment,
  type FitIssue,
  type FitTrust,
} from './models/shared/fit-assessment.js';
export { estimateSpend, type SpendEstimate } from './scores/spend.js';
export {
  checkNumber,
  rangeText,
  limitSchema,
  limitOfSchema,
  NUMERIC_LIMITS,
  MAX_HORIZON_YEARS,
  type NumericLimit,
  type NumericParam,
} from './numeric-limits.js';
export { nettingCtes, hasReturnsSql, type NettingSqlOptions } from './summary/returns-netting-sql.js';
export { MIN_MODEL_CUSTOMERS, MIN_REPEAT_BUYERS } from './pipeline-models.js';
// campaigns: create from audience filters, preview with power, report sections (issue 14, campaigns-ui)
export { audienceRuleFromFilters, EVERY_CUSTOMER_RULE } from './campaigns/audience-filters.js';
export { campaignFromForm, type CampaignForm } from './campaigns/campaign-form.js';
export { previewCampaign, type CampaignPreview } from './campaigns/campaign-preview.js';
export {
  campaignPlanSection,
  campaignResultsSection,
  campaignUpliftSection,
  campaignListSection,
  customerCampaignTable,
} from './campaigns/campaign-sections.js';
export { formatPoints, formatPValue } from './report/format-value.js';
// feedback: survey responses, NPS and CSAT, non-response bias, the satisfaction-profit chain (issue 15)
export { feedbackReport, hasSurveyTable, type FeedbackInputs, type FeedbackOptions, type FeedbackResult } from './feedback/feedback.js';
export type {
  FeedbackReport,
  FeedbackBreakdown,
  NonResponseRow,
  NpsClassValue,
  ChainPart,
  LatestAnswers,
} from './feedback/feedback-types.js';
export { runFeedbackStage, feedbackColumns, type FeedbackStage } from './feedback/feedback-stage.js';
export {
  feedbackSection,
  feedbackTables,
  feedbackByTables,
  nonResponseTable,
  tierMixTable,
  npsClassValueTable,
  chainTable,
  FEEDBACK_DIMENSIONS,
} from './feedback/feedback-tables.js';
export { estimateChain, chainSentences, CHAIN_MIN_PER_CLASS } from './feedback/chain.js';
export type { ChainInput, ChainEstimate, ChainEffect, ChainAsymmetry, ChainOutcome } from './feedback/chain-types.js';
export { loadChainData, type ChainData } from './feedback/chain-data.js';
export { scoreGroups, overallScores, type ScoreGroup } from './feedback/score-groups.js';
export { npsInterval, npsClass, type NpsEstimate } from './math/stats/nps-interval.js';
export { fitPoissonLog, type PoissonFit } from './math/stats/poisson-regression.js';
export { glmSandwich, quadraticForm, type GlmCovariance, type CanonicalFamily } from './math/stats/glm-sandwich.js';
// loyalty programme: tiers over time, moves, retention, spend, cost against margin (issue 15)
export { requireScores } from './pipeline-models.js';
export { loadLoyaltyProgram, parseLoyaltyProgram, tierOf, type LoyaltyProgram, type LoyaltyTier } from './loyalty/loyalty-program.js';
export {
  loyaltyReport,
  loadPurchaseDays,
  type LoyaltyReport,
  type LoyaltyOptions,
  type TierOutcomeRow,
  type TierReviewRow,
} from './loyalty/loyalty.js';
export { groupPurchases, monthEndReviews, tiersOverTime, NOT_YET, NO_TIER, type PurchaseDays } from './loyalty/loyalty-tiers.js';
export {
  loyaltySection,
  loyaltyTierTable,
  loyaltyOverTimeTable,
  loyaltyTotalsTable,
  programTotals,
  type ProgramTotalsRow,
} from './loyalty/loyalty-tables.js';
// issue 17: prediction band of the holdout tracking curve (chart-17 branch)
export { trackingBand, type TrackingBand, type TrackingBandOptions, type TrackingHoldout } from './validation/tracking-band.js';
export { newCustomerIncrementMoments, productDensityIntegrals, type CountMoments } from './scores/intervals/new-customer-moments.js';
export { trackingTable, trackingRows, trackingNotes, trackingReportTable, type TrackingRow } from './validation/validation-tables.js';
// issue 12: the customers of one migration cell (chart-17 branch)
export { migrationCellSql, migrationCellTable, type MigrationCell } from './segments/migration-cell.js';
// the customer value plan: discover, commit, create, assess, improve (issue 15, plan)
export { buildPlan, planFromContext } from './plan/plan.js';
export { planContext, type PlanContext, type PlanOptions } from './plan/plan-context.js';
export {
  chooseGoals,
  goalRuleText,
  PLAN_GOALS,
  type PlanGoal,
  type GoalInputs,
  type GoalRuleOptions,
  type SegmentGoal,
} from './plan/goal-rule.js';
export { sizeProposal, type ProposalInput, type ProposalSize } from './plan/proposal.js';
export { savePlan, listPlans, previousPlan, type StoredPlan } from './plan/plan-store.js';
export { planSections, planFiguresTable, stepLines } from './plan/plan-tables.js';
export { checkGoals } from './plan/plan-improve.js';
export { DEFAULT_ASSUMED } from './plan/plan-create.js';
export {
  PLAN_STEPS,
  type PlanReport,
  type PlanStep,
  type PlanFigure,
  type PlanMissing,
  type PlanSegment,
  type ProposedCampaign,
  type PastCampaign,
  type GoalCheck,
  type PlanStepId,
} from './plan/plan-types.js';
// the loyalty stage for the API and the dashboard (issue 15)
export { loyaltyStage, NO_PROGRAM, type LoyaltyStage } from './loyalty/loyalty-stage.js';
// the Data page's sources on either engine (issue 16: the server over ClickHouse)
export { dataSources, hasTransactions, quarantineCounts, type DataSource, type QuarantineCount } from './transactions/data-sources.js';

// ── issue 19: the typed registry of all seven models ──────────────────────────
export { MODEL_REGISTRY, type ModelEntry, type ModelName, type ModelSignatures } from './models/model-registry.js';

// ── issue 16: incremental refresh after an append, scoring with the previous fit between re-fits ──
export { LiveAnalysis, type RefreshInfo } from './refresh/live-analysis.js';
export { readWorkspaceStamp, sameStamp, type WorkspaceStamp } from './refresh/workspace-stamp.js';
export { refreshCustomers, type RefreshBase, type RefreshResult } from './refresh/refresh.js';
export { scoringFitOf, scoreWithFit, fitStamp, type ScoringFit, type FitScores } from './refresh/scoring-fit.js';
export { mergeSummary, type SummaryMerge } from './refresh/merge-summary.js';
export { compareCustomerIds } from './refresh/customer-order.js';
export { readSummary } from './summary/summary.js';
export { overviewOfSummary } from './pipeline.js';
export { parseDuration } from './refresh/duration.js';
