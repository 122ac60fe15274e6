/** Schema of GET /api/migration (see server routes/migration.ts and core/segments/migration.ts). */
import { z } from 'zod';
import { ok, reportTableSchema, tablePageSchema } from './common.js';

/** The dimension a migration is counted on (the `by` query parameter). */
export const migrationDimensionSchema = z.enum(['tier', 'lifecycle', 'rfm']);

/** A stored segment snapshot (`SnapshotInfo`). */
export const snapshotInfoSchema = z.strictObject({
  asOf: z.string(),
  computedAt: z.string(),
  customers: z.number().int(),
  valueKind: z.string(),
});
/** A snapshot a report used, stored before or computed for it (`SnapshotUse`). */
export const snapshotUseSchema = z.strictObject({ asOf: z.string(), source: z.enum(['stored', 'computed']), computedAt: z.string() });

/** A customer who moved down a revenue tier or into at risk. */
export const downgradeSchema = z.strictObject({
  customerId: z.string(),
  fromTier: z.string(),
  toTier: z.string(),
  fromStage: z.string(),
  toStage: z.string(),
  valueFrom: z.number(),
  valueTo: z.number(),
  reason: z.string(),
});

/** GET /api/migration: transition matrix between two snapshot days, value moved, downgrades, Markov value per state. */
export const migrationResponseSchema = z
  .strictObject({
    status: ok,
    from: z.string(),
    to: z.string(),
    by: migrationDimensionSchema,
    /** The snapshot column behind `by`. */
    dimension: z.enum(['value_tier', 'lifecycle_stage', 'rfm_segment', 'micro_segment']),
    quarterEnds: z.array(z.string()),
    stored: z.array(snapshotInfoSchema),
    snapshots: z.array(snapshotUseSchema),
    fromComputedAt: z.string(),
    toComputedAt: z.string(),
    rule: z.string(),
    matrix: z.strictObject({
      fromStates: z.array(z.string()),
      toStates: z.array(z.string()),
      counts: z.array(z.array(z.number())),
      rowShare: z.array(z.array(z.number())),
      valueFrom: z.array(z.array(z.number())),
      valueTo: z.array(z.array(z.number())),
      rowTotals: z.array(z.number()),
      columnTotals: z.array(z.number()),
    }),
    fromCounts: z.record(z.string(), z.number().int()),
    toCounts: z.record(z.string(), z.number().int()),
    moved: z.number().int(),
    stayed: z.number().int(),
    valueMoved: z.strictObject({ value: z.number(), unit: z.string() }),
    downgrades: z.strictObject({
      count: z.number().int(),
      tierDown: z.number().int(),
      intoAtRiskOnly: z.number().int(),
      shown: z.number().int(),
      rows: z.array(downgradeSchema),
    }),
    markov: z.strictObject({
      periodDays: z.number(),
      discountRate: z.number(),
      horizonYears: z.number(),
      periods: z.number().int(),
      states: z.array(z.string()),
      lostState: z.string(),
      transition: z.array(z.array(z.number())),
      reward: z.array(z.number()),
      value: z.array(z.number()),
      /** Historic value per state; null where no customer gives one. */
      historic: z.array(z.number().nullable()),
      historicSpanDays: z.number(),
      lostReturnShare: z.number(),
      warnings: z.array(z.string()),
      rule: z.string(),
      unit: z.string(),
    }),
    /** The transition counts, row shares, value moved, the Markov value per state and the listed downgrades as the core declares them (`cvm migrate`'s tables). */
    tables: z
      .strictObject({
        transitions: reportTableSchema,
        rowShare: reportTableSchema,
        valueMoved: reportTableSchema,
        markov: reportTableSchema,
        downgrades: reportTableSchema,
      })
      .describe(
        "The transition counts, row shares, value moved, the Markov value per state and the listed downgrades as report tables declared once in core: cvm migrate's tables; rowShare, valueMoved, markov and downgrades are the columns of format=csv&table=row_share|value_moved|markov|downgrades",
      ),
  })
  .meta({ id: 'Migration' });

export type ApiMigration = z.infer<typeof migrationResponseSchema>;

/** GET /api/migration/customers: a page of the customers of one transition cell (the customer table). */
export const migrationCustomersResponseSchema = tablePageSchema
  .extend({
    cell: z.strictObject({
      from: z.string(),
      to: z.string(),
      by: migrationDimensionSchema,
      fromState: z.string(),
      toState: z.string(),
      customers: z.number().int(),
    }),
  })
  .meta({ id: 'MigrationCustomers' });
export type ApiMigrationCustomers = z.infer<typeof migrationCustomersResponseSchema>;
