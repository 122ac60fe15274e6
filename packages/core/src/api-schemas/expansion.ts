/**
 * Schemas of the expansion routes (see server routes/expansion.ts and core expansion/expansion-json.ts):
 * association rules, next best offers, up-sell headroom, the offers backtest, the report sections
 * and one customer's offers. Each answers "not computed" with the core's code when the log has no
 * product ids (or too few baskets). Money is in the log's currency; ratios are plain shares.
 */
import { z } from 'zod';
import { maybeNumber } from './models.js';
import { ok, reportSectionSchema, reportTableSchema, tablePageSchema } from './common.js';

/** An expansion report that cannot be computed on this data (`ExpansionNotComputedJson`). */
export const expansionNotComputedSchema = z
  .strictObject({ status: z.literal('not_computed'), report: z.string(), code: z.string(), reason: z.string() })
  .meta({ id: 'ExpansionNotComputed', description: "Not computed, with the core's code and the reason in words" });

const withNotComputed = <S extends z.ZodType>(okSchema: S, id: string, description: string) =>
  z.union([okSchema, expansionNotComputedSchema]).meta({ id, description });

/** How headroom groups customers (`HeadroomGrouping`). */
export const headroomGroupingSchema = z.enum(['value_tier', 'lifecycle_stage', 'rfm_segment']);
const breadthBasisSchema = z.enum(['categories', 'products']).nullable();

/** GET /api/expansion/rules: a page of rules plus what was mined and how (`RulesPageJson`). */
export const rulesPageSchema = tablePageSchema
  .extend({
    status: ok,
    notes: z.array(z.string()),
    asOf: z.string(),
    thresholds: z.strictObject({ minSupport: z.number(), minConfidence: z.number(), minLift: z.number(), maxLength: z.number().int() }),
    baskets: z.number().int(),
    basketsBy: z.enum(['order', 'customer-day', 'mixed']),
    items: z.number().int(),
    itemsets: z.number().int(),
    rules: z.number().int(),
    item: z.string().nullable(),
    side: z.enum(['any', 'antecedent', 'consequent']),
    ruleItems: z.array(z.string()),
    valueKind: z.literal('margin').nullable(),
    currency: z.string().nullable(),
    warnings: z.array(z.string()),
    computedAt: z.string(),
  })
  .meta({ id: 'RulesPage' });
export const rulesResponseSchema = withNotComputed(rulesPageSchema, 'ExpansionRules', 'A page of association rules, or not_computed');

/** GET /api/expansion/offers: a page of customers' next best offers (`OffersPageJson`). */
export const offersPageSchema = z
  .strictObject({
    status: ok,
    asOf: z.string(),
    k: z.number().int(),
    table: reportTableSchema,
    customers: z.number().int(),
    withoutOffers: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    pages: z.number().int(),
    sort: z.enum(['score', 'customer']),
    product: z.string().nullable(),
    valueKind: z.enum(['margin', 'revenue']),
    currency: z.string().nullable(),
    sources: z.strictObject({ rule: z.number().int(), coOccurrence: z.number().int() }),
    notes: z.array(z.string()),
    warnings: z.array(z.string()),
    computedAt: z.string(),
  })
  .meta({ id: 'OffersPage' });
export const offersResponseSchema = withNotComputed(offersPageSchema, 'ExpansionOffers', 'A page of next best offers, or not_computed');

/** GET /api/expansion/headroom: up-sell headroom by segment and the customers with the most (`HeadroomJson`). */
export const headroomSchema = z
  .strictObject({
    status: ok,
    asOf: z.string(),
    from: z.string(),
    groupBy: headroomGroupingSchema,
    breadthBasis: breadthBasisSchema,
    quantile: z.number(),
    weightedByPAlive: z.boolean(),
    total: z.strictObject({ headroom: z.number(), expectedHeadroom: maybeNumber, customers: z.number().int() }),
    groups: reportTableSchema,
    top: reportTableSchema,
    warnings: z.array(z.string()),
    computedAt: z.string(),
  })
  .meta({ id: 'HeadroomOk' });
export const headroomResponseSchema = withNotComputed(headroomSchema, 'ExpansionHeadroom', 'Up-sell headroom, or not_computed');

const offerScoreSchema = z.strictObject({
  k: z.number().int(),
  customers: z.number().int(),
  hits: z.number().int(),
  hitRate: maybeNumber,
  precision: maybeNumber,
});
const intervalSchema = z.strictObject({ estimate: maybeNumber, low: maybeNumber, high: maybeNumber });
const verdictSchema = z.enum(['beats', 'worse', 'no_clear_difference']);

/** GET /api/expansion/backtest: the offers against the popularity baseline, the verdict in words first (`BacktestJson`). */
export const offersBacktestSchema = z
  .strictObject({
    status: ok,
    summary: z.string(),
    verdict: verdictSchema,
    calibrationEnd: z.string(),
    holdoutEnd: z.string(),
    k: z.number().int(),
    calibrationCustomers: z.number().int(),
    holdoutBuyers: z.number().int(),
    rules: z.number().int(),
    ruleShare: maybeNumber,
    comparison: z.strictObject({
      model: offerScoreSchema,
      baseline: offerScoreSchema,
      hitRateDifference: intervalSchema,
      precisionDifference: intervalSchema,
      verdict: verdictSchema,
      summary: z.string(),
    }),
    table: reportTableSchema,
    warnings: z.array(z.string()),
    computedAt: z.string(),
  })
  .meta({ id: 'OffersBacktestOk' });
export const offersBacktestResponseSchema = withNotComputed(
  offersBacktestSchema,
  'ExpansionBacktest',
  'The offers backtest, or not_computed',
);

/** GET /api/expansion/report: the expansion sections as the CLI prints them. */
export const expansionReportResponseSchema = z
  .strictObject({ sections: z.array(reportSectionSchema) })
  .meta({ id: 'ExpansionReport', description: 'The expansion report sections (rules, offers, headroom, backtest)' });

/** One customer's up-sell headroom (`CustomerHeadroomJson`); null where not measured. */
export const customerHeadroomSchema = z.strictObject({
  from: z.string(),
  asOf: z.string(),
  groupBy: headroomGroupingSchema,
  segment: z.string(),
  spend: z.number(),
  spendTarget: maybeNumber,
  gap: maybeNumber,
  breadthBasis: breadthBasisSchema,
  breadth: maybeNumber,
  breadthTarget: maybeNumber,
  breadthGap: maybeNumber,
  pAlive: maybeNumber,
  expectedGap: maybeNumber,
});

/** GET /api/customers/{id}/offers: one customer's offers with reasons and their headroom (`CustomerOffersJson`). */
export const customerOffersSchema = z
  .strictObject({
    status: ok,
    customerId: z.string(),
    asOf: z.string(),
    offers: reportTableSchema.nullable(),
    message: z.string().nullable(),
    headroom: customerHeadroomSchema.nullable(),
    headroomMessage: z.string().nullable(),
    valueKind: z.enum(['margin', 'revenue']),
    currency: z.string().nullable(),
  })
  .meta({ id: 'CustomerOffersOk' });
export const customerOffersResponseSchema = withNotComputed(
  customerOffersSchema,
  'CustomerOffers',
  "One customer's next best offers and up-sell headroom, or not_computed",
);

export type ApiExpansionNotComputed = z.infer<typeof expansionNotComputedSchema>;
export type ApiRulesPage = z.infer<typeof rulesPageSchema>;
export type ApiExpansionRules = z.infer<typeof rulesResponseSchema>;
export type ApiOffersPage = z.infer<typeof offersPageSchema>;
export type ApiExpansionOffers = z.infer<typeof offersResponseSchema>;
export type ApiHeadroom = z.infer<typeof headroomSchema>;
export type ApiExpansionHeadroom = z.infer<typeof headroomResponseSchema>;
export type ApiOffersBacktest = z.infer<typeof offersBacktestSchema>;
export type ApiExpansionBacktest = z.infer<typeof offersBacktestResponseSchema>;
export type ApiExpansionReport = z.infer<typeof expansionReportResponseSchema>;
export type ApiCustomerOffers = z.infer<typeof customerOffersResponseSchema>;
export type ApiCustomerOffersOk = z.infer<typeof customerOffersSchema>;
export type ApiHeadroomGrouping = z.infer<typeof headroomGroupingSchema>;
