/** Schema of GET /api/profitability (see server routes/profitability.ts and core/profitability). */
import { z } from 'zod';
import { notComputedSchema, ok, periodSchema, reportColumnSchema, reportTableSchema } from './common.js';
import { maybeNumber } from './models.js';

/** Profit of a group of customers (value tier, channel). Percentages are null when net revenue ≤ 0. */
export const groupProfitSchema = z.strictObject({
  group: z.string(),
  customers: z.number().int(),
  netRevenue: z.number(),
  productCost: z.number(),
  costToServe: z.number(),
  profit: z.number(),
  profitPerCustomer: z.number(),
  marginPct: maybeNumber,
  costToServePct: maybeNumber,
  unprofitableShare: z.number(),
});

/** The four remedies of an unprofitable customer. */
export const remedySchema = z.enum(['minimum_order', 'channel_shift', 're_pricing', 'review_returns']);

/** A quadrant of the margin × cost-to-serve matrix with its action. */
export const quadrantSchema = z.strictObject({
  quadrant: z.string(),
  label: z.string(),
  rule: z.string(),
  action: z.string(),
  customers: z.number().int(),
  netRevenue: z.number(),
  grossMargin: z.number(),
  costToServe: z.number(),
  profit: z.number(),
});

/** GET /api/profitability when the server has a cost model. */
export const profitabilityOkSchema = z.strictObject({
  status: ok,
  computedAt: z.string(),
  model: z.strictObject({ name: z.string(), currency: z.string(), illustrative: z.boolean() }),
  currency: z.string(),
  period: periodSchema,
  units: z.strictObject({ money: z.string() }),
  totals: z.strictObject({
    customers: z.number().int(),
    grossRevenue: z.number(),
    returnsValue: z.number(),
    netRevenue: z.number(),
    productCost: z.number(),
    grossMargin: z.number(),
    costToServe: z.number(),
    unassignedCost: z.number(),
    profit: z.number(),
  }),
  pools: z.array(
    z.strictObject({
      name: z.string(),
      driver: z.string(),
      unit: z.string(),
      channel: z.string().nullable(),
      cost: z.number(),
      totalVolume: z.number(),
      rate: maybeNumber,
      assigned: z.number(),
      unassigned: z.number(),
      unassignedReason: z.string().nullable(),
    }),
  ),
  reconciliation: z.strictObject({ balanced: z.boolean(), poolCost: z.number(), assigned: z.number(), unassigned: z.number() }),
  warnings: z.array(z.string()),
  whale: z.strictObject({
    customers: z.number().int(),
    totalProfit: z.number(),
    peakProfit: z.number(),
    peakCustomers: z.number().int(),
    peakCustomerShare: z.number(),
    peakPctOfTotal: maybeNumber,
    unprofitableCustomers: z.number().int(),
    unprofitableShare: z.number(),
    profitDestroyed: z.number(),
    curve: z.array(
      z.strictObject({ customerShare: z.number(), customers: z.number(), cumulativeProfit: z.number(), pctOfTotal: maybeNumber }),
    ),
  }),
  matrix: z.strictObject({
    marginCutPct: z.number(),
    costToServeCutPct: z.number(),
    notes: z.array(z.string()),
    quadrants: z.array(quadrantSchema),
  }),
  byTier: z.array(groupProfitSchema),
  byChannel: z.array(groupProfitSchema).nullable(),
  unprofitable: z.strictObject({
    count: z.number().int(),
    profitDestroyed: z.number(),
    medianOrderValue: z.number(),
    byRemedy: z.record(remedySchema, z.number().int()),
    customers: z.array(
      z.strictObject({
        customerId: z.string(),
        netRevenue: z.number(),
        grossMargin: z.number(),
        costToServe: z.number(),
        profit: z.number(),
        orders: z.number().int(),
        averageOrderValue: z.number(),
        topDrivers: z.array(z.strictObject({ pool: z.string(), driver: z.string(), cost: z.number(), share: z.number() })),
        remedy: remedySchema,
        detail: z.string(),
      }),
    ),
  }),
  remedies: z.record(remedySchema, z.string()),
  /** The remedies in words for people (the unprofitable table's `codes` of its remedy column). */
  remedyLabels: z.record(remedySchema, z.string()),
  /**
   * The whale curve (every point) and the listed unprofitable customers as the core declares them
   * (`profit.whale`, `profit.unprofitable`): the same columns `cvm profit --view whale|unprofitable` and
   * `format=csv&table=whale|unprofitable` give.
   */
  tables: z
    .strictObject({
      whale: reportTableSchema,
      unprofitable: reportTableSchema,
      pools: reportTableSchema,
      matrix: reportTableSchema,
      byTier: reportTableSchema,
      byChannel: reportTableSchema.nullable(),
    })
    .describe(
      'The whale curve (all points), the listed unprofitable customers, the cost pools, the margin × cost-to-serve matrix and profit by value tier and main channel (null without channels) as report tables declared once in core: the columns of cvm profit --view whale|unprofitable|pools|matrix|tier|channel and of format=csv&table=whale|unprofitable|pools|quadrants|by_tier|by_channel',
    ),
  /** The columns of `format=csv&table=pnl` (one row per customer; `cvm profit --view pnl`): labels, kinds, units, meanings. */
  pnlColumns: z
    .array(reportColumnSchema)
    .describe('The columns of format=csv&table=pnl (one row per customer, as cvm profit --view pnl): keys, labels, kinds, units, meanings'),
  rules: z.strictObject({ profit: z.string(), whale: z.string(), matrix: z.string(), tiers: z.string() }),
});

/** GET /api/profitability: the report, or not computed without a cost model. */
export const profitabilityResponseSchema = z.union([profitabilityOkSchema, notComputedSchema]).meta({ id: 'Profitability' });

export type ApiProfitabilityOk = z.infer<typeof profitabilityOkSchema>;
export type ApiProfitability = z.infer<typeof profitabilityResponseSchema>;
export type ApiGroupProfit = z.infer<typeof groupProfitSchema>;
