import type { MarkovView } from './markov-view.js';
import type { MigrationDimension } from './migration-sql.js';
import type { TransitionMatrix } from './transition-matrix.js';

/** What {@link migrateSnapshots} compares: two snapshot days (YYYY-MM-DD), a dimension, the Markov value's rate and horizon. */
export interface MigrationOptions {
  from: string;
  to: string;
  /** Snapshot column to compare (default `value_tier`). */
  dimension?: MigrationDimension;
  /** Annual discount rate for the Markov value (default 0.10), converted to the snapshot interval. */
  annualDiscountRate?: number;
  /** Horizon of the Markov value in years (default 1, as the CLV's 52 weeks), in whole snapshot intervals. */
  horizonYears?: number;
}

/** A customer who moved down a value tier or into at-risk between the two snapshots (values in currency). */
export interface Downgrade {
  customerId: string;
  fromTier: string;
  toTier: string;
  fromStage: string;
  toStage: string;
  valueFrom: number;
  valueTo: number;
  reason: string;
}

/** What {@link migrateSnapshots} returns. */
export interface MigrationReport {
  from: string;
  to: string;
  fromComputedAt: string;
  toComputedAt: string;
  dimension: MigrationDimension;
  matrix: TransitionMatrix;
  /** Customers per state in each snapshot (the matrix's row and column totals without the NOT_YET / GONE entries). */
  fromCounts: Record<string, number>;
  toCounts: Record<string, number>;
  downgrades: Downgrade[];
  markov: MarkovView;
}
