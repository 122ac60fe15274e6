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
export { COUNT_MODELS, COUNT_MODEL_REGISTRY, type CountModel, type CountModelName } from './models/count-models.js';
export { readSummaryFile, SUMMARY_ALIASES, type SummaryInput } from './models/summary-input.js';

// scores
export { scoreCountModel, PERIODS_PER_YEAR, type ClvOptions, type CountScores } from './scores/clv.js';
export { predictCustomers, type PredictOptions, type Prediction } from './scores/predict.js';

// validation
export { validateOnHoldout, type ValidationOptions, type ValidationReport } from './validation/validate.js';
export { validateCountModel, compareModels, trackingCurve, FREQUENCY_BUCKETS, type ModelValidation, type ModelComparison, type TrackingCurve } from './validation/holdout.js';

// pipeline
export { runOverview, runModels, type OverviewReport, type ModelsReport, type ModelsReportOptions } from './pipeline.js';
