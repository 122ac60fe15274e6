/**
 * Schema of the core's `LoyaltyReport` as GET /api/loyalty serves it (one per programme, without
 * each customer's current tier). Per-member figures of a tier with no member at the outcome review,
 * and CLV without models, arrive as null; the top tier's open upper bound (Infinity) arrives as null.
 */
import { z } from 'zod';
import { maybeNumber } from './models.js';

const perMember = (what: string) =>
  maybeNumber.describe(`${what} per member over the horizonDays after the outcome review (currency); null without members`);

/** A validated loyalty programme (`LoyaltyProgram`). */
export const loyaltyProgramSchema = z.strictObject({
  name: z.string().describe('name of the programme'),
  qualify: z.enum(['spend', 'points']).describe('what qualifies for a tier: gross spend or points earned over windowDays'),
  windowDays: z.number().int().describe('rolling qualifying window (days)'),
  pointsPerUnit: z.number().describe('points earned per unit of currency spent'),
  pointCost: z.number().describe('cost of one point redeemed (currency)'),
  redemptionRate: z.number().describe('share of earned points that are redeemed (share 0–1)'),
  margin: z.number().describe('gross margin on spend (share 0–1)'),
  tiers: z
    .array(
      z.strictObject({
        name: z.string().describe('tier name'),
        min: z.number().describe('qualifying measure from which the tier starts (currency, or points)'),
        max: maybeNumber.describe('up to (not including) this value; null for the top tier (no upper bound)'),
        benefitCostPerYear: z.number().describe('cost of the benefits per member per year (currency)'),
      }),
    )
    .describe('tiers in ascending order of their qualifying range'),
  source: z.string().describe('the file it came from (basename)'),
});

/** The core's `LoyaltyReport` without `current`. */
export const loyaltyReportSchema = z
  .strictObject({
    program: loyaltyProgramSchema.describe('the programme run over the log'),
    asOf: z.string().describe('last day of data used (ISO date)'),
    reviews: z.array(z.string()).describe('review days: month ends (ISO dates)'),
    overTime: z
      .array(
        z.strictObject({
          review: z.string().describe('month end (ISO date)'),
          tier: z.string().describe('tier name'),
          members: z.number().int().describe('customers in the tier at the review (count)'),
          joined: z.number().int().describe('of them, first purchase since the previous review (count)'),
          movedUp: z.number().int().describe('of them, in a lower tier at the previous review (count)'),
          movedDown: z.number().int().describe('of them, in a higher tier at the previous review (count)'),
          kept: z.number().int().describe('of them, in the same tier at the previous review: requalified (count)'),
        }),
      )
      .describe('members of each tier at every review and how they got there'),
    outcomeReview: z
      .string()
      .nullable()
      .describe('the review whose following horizonDays are in the data (ISO date); null when the log is too short'),
    horizonDays: z.number().int().describe('outcome window after the outcome review (days)'),
    byTier: z
      .array(
        z.strictObject({
          tier: z.string().describe('tier name'),
          members: z.number().int().describe('customers in the tier at the outcome review (count)'),
          retained: maybeNumber.describe('share of the members with a purchase in the window (share 0–1); null without members'),
          retainedLower: maybeNumber.describe('lower end of its 95% Wilson interval (share 0–1); null without members'),
          retainedUpper: maybeNumber.describe('upper end of its 95% Wilson interval (share 0–1); null without members'),
          spend: perMember('gross spend'),
          margin: perMember('margin (spend × programme margin)'),
          pointsEarned: maybeNumber.describe('points earned per member over the window (points); null without members'),
          benefitCost: perMember('benefit cost'),
          pointsCost: perMember('cost of the points redeemed'),
          netMargin: perMember('margin − benefit cost − points cost'),
          currentMembers: z.number().int().describe('customers in the tier at the last review (count)'),
          clvPerMember: maybeNumber.describe('their mean predicted CLV (currency, over the model horizon); null without models or members'),
        }),
      )
      .describe('what the members of each tier did after the outcome review, and what they cost'),
    totals: z
      .strictObject({
        members: z.number().int().describe('customers in any tier at the outcome review (count)'),
        spend: z.number().describe('their gross spend over the window (currency)'),
        margin: z.number().describe('their margin over the window (currency)'),
        benefitCost: z.number().describe('benefit cost over the window (currency)'),
        pointsCost: z.number().describe('cost of the points redeemed over the window (currency)'),
        programCost: z.number().describe('benefit + points cost (currency)'),
        costShareOfMargin: maybeNumber.describe("programme cost / members' margin (share); null when the margin is not positive"),
        netMargin: z.number().describe('margin − programme cost (currency)'),
      })
      .describe('over the window after the outcome review, members of any tier'),
    rules: z.array(z.string()).describe('how tiers, moves and outcomes are computed, in words'),
    warnings: z.array(z.string()).describe('what limits the numbers'),
  })
  .meta({ id: 'LoyaltyReport', description: 'A loyalty programme run over the log: tiers over time, outcomes and cost by tier' });
