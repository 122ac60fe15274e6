/**
 * The segments and cohorts API used by the CLI. Imports the core modules directly until the lead
 * adds these names to `@cvm/core`'s index; then this file becomes re-exports from '@cvm/core' (or
 * goes away).
 */
export { segmentAsOf, type SegmentAsOfOptions } from '../../core/src/segments/segment-as-of.js';
export type { Segmentation } from '../../core/src/segments/segmentation.js';
export { microSegmentsOf } from '../../core/src/segments/behaviour-features.js';
export type { MicroResult } from '../../core/src/segments/micro-segments.js';
export { saveSnapshot, listSnapshots, segmentationRules } from '../../core/src/segments/snapshots.js';
export { migrateSnapshots, type MigrationReport } from '../../core/src/segments/migration.js';
export { MIGRATION_DIMENSIONS, type MigrationDimension } from '../../core/src/segments/migration-sql.js';
export { LIFECYCLE_STAGES } from '../../core/src/segments/lifecycle.js';
export { DEFAULT_TIERS, type TierSpec } from '../../core/src/segments/value-tiers.js';
export { cohortReport, type CohortReport } from '../../core/src/cohorts/cohorts.js';
export type { CohortTable } from '../../core/src/cohorts/cohort-table.js';
