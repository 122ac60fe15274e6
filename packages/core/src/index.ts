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

// pipeline
export { runOverview, type OverviewReport } from './pipeline.js';
