/**
 * Schema of the core's `FeedbackReport` as GET /api/feedback serves it. Scores, shares and
 * statistics with nothing to compute them from (no answers in a group, fewer than two for an
 * interval, CLV without models) arrive as null. Intervals are at `level` (0.95).
 */
import { z } from 'zod';
import { chainPartSchema } from './feedback-chain.js';
import { maybeNumber } from './models.js';

const count = (what: string) => z.number().int().describe(`${what} (count)`);

/** NPS and CSAT of one group of responses (`ScoreGroup`). */
export const scoreGroupSchema = z
  .strictObject({
    level: z.string().describe('the group (`all` overall)'),
    responses: count('responses in the group (with an NPS answer, a CSAT answer or both)'),
    npsAnswers: count('NPS answers'),
    promoters: count('answers 9–10'),
    passives: count('answers 7–8'),
    detractors: count('answers 0–6'),
    nps: maybeNumber.describe('Net Promoter Score (points, −100 to 100); null without NPS answers'),
    npsLower: maybeNumber.describe('lower end of its adjusted-Wald interval (points)'),
    npsUpper: maybeNumber.describe('upper end of its adjusted-Wald interval (points)'),
    csatAnswers: count('CSAT answers'),
    csatMean: maybeNumber.describe('mean CSAT (1–5); null without CSAT answers'),
    csatLower: maybeNumber.describe('lower end of its t interval, clipped to 1 (1–5); null with fewer than two answers'),
    csatUpper: maybeNumber.describe('upper end of its t interval, clipped to 5 (1–5); null with fewer than two answers'),
    satisfiedShare: maybeNumber.describe('share of CSAT answers that are 4 or 5 (share 0–1); null without CSAT answers'),
    satisfiedLower: maybeNumber.describe('lower end of its Wilson interval (share 0–1)'),
    satisfiedUpper: maybeNumber.describe('upper end of its Wilson interval (share 0–1)'),
  })
  .meta({ id: 'FeedbackScoreGroup', description: 'NPS (points) and CSAT (1–5) of a group of survey responses, with intervals' });

/** Respondents against everyone on one per-customer measure (`NonResponseRow`). */
const nonResponseRowSchema = z.strictObject({
  metric: z.string().describe('machine name of the measure'),
  label: z.string().describe('the measure in words'),
  unit: z.string().describe('unit of the measure, e.g. "currency to 2024-12-31", "days"'),
  kind: z.enum(['money', 'count', 'duration', 'probability']).describe('how the measure is shown'),
  respondents: maybeNumber.describe("respondents' mean (in unit); null without respondents"),
  everyone: maybeNumber.describe("everyone's mean (in unit)"),
  nonRespondents: maybeNumber.describe("non-respondents' mean (in unit); null without non-respondents"),
  ratio: maybeNumber.describe("respondents' mean / everyone's (×)"),
  difference: maybeNumber.describe('respondents − non-respondents (in unit)'),
  lower: maybeNumber.describe('lower end of its Welch interval (in unit); null with fewer than two in a group'),
  upper: maybeNumber.describe('upper end of its Welch interval (in unit)'),
  pValue: maybeNumber.describe('two-sided p-value of the difference (0–1)'),
});

const idsSample = (what: string) =>
  z
    .strictObject({
      responses: count('responses'),
      customers: count('customers'),
      examples: z.array(z.string()).describe('up to 5 customer ids'),
    })
    .describe(what);

/** The core's `FeedbackReport`. */
export const feedbackReportSchema = z
  .strictObject({
    asOf: z.string().describe('analysis day (ISO date)'),
    computedAt: z.string().describe('when the report was computed (ISO timestamp)'),
    level: z.number().describe('confidence level of every interval (0–1)'),
    responses: z
      .strictObject({
        total: count('rows of the survey file accepted at ingest'),
        used: count('responses used: from customers in the log, dated on or before asOf'),
        npsAnswers: count('NPS answers used'),
        csatAnswers: count('CSAT answers used'),
        respondents: count('customers with a used response'),
        firstDate: z.string().nullable().describe('first response used (ISO date); null without one'),
        lastDate: z.string().nullable().describe('last response used (ISO date); null without one'),
        afterAsOf: count('responses dated after asOf, left out'),
        unknown: idsSample('responses from ids not in the log up to asOf, left out'),
        noPurchaseDay: idsSample('responses from customers with no purchase day up to asOf (every purchase returned), left out'),
      })
      .describe('the survey responses read and the ones left out'),
    overall: scoreGroupSchema.describe('every used response'),
    breakdowns: z
      .array(
        z.strictObject({
          dimension: z
            .enum(['value_tier', 'rfm_segment', 'lifecycle_stage', 'survey_channel', 'acquisition_channel', 'cohort', 'month'])
            .describe('machine name of the dimension'),
          label: z.string().describe('the dimension in words'),
          rule: z.string().describe('how a response gets its level, in words'),
          rows: z.array(scoreGroupSchema).describe('one group per level'),
        }),
      )
      .describe('NPS and CSAT by the levels of each dimension'),
    responseRate: z
      .strictObject({
        base: count('customers whose first purchase is on or before the last response'),
        respondents: count('of them with a response'),
        rate: maybeNumber.describe('respondents / base (share 0–1); null without a base'),
        lower: z.number().describe('lower end of its Wilson interval (share 0–1)'),
        upper: z.number().describe('upper end of its Wilson interval (share 0–1)'),
        rule: z.string().describe('the base in words'),
      })
      .describe('who answered'),
    nonResponse: z
      .strictObject({
        rows: z.array(nonResponseRowSchema).describe('respondents against everyone, one measure a row'),
        tierMix: z
          .array(
            z.strictObject({
              tier: z.string().describe('value tier'),
              customers: count('customers of the base in the tier'),
              baseShare: maybeNumber.describe("the tier's share of the base (share 0–1)"),
              respondents: count('respondents in the tier'),
              respondentShare: maybeNumber.describe("the tier's share of the respondents (share 0–1); null without respondents"),
              nps: maybeNumber.describe("the tier's NPS (points); null without NPS answers"),
            }),
          )
          .describe('tier mix of the base and of the respondents'),
        weighted: z
          .strictObject({
            nps: z.number().describe("NPS post-stratified to the base's value tiers (points)"),
            lower: z.number().describe('lower end of its interval (points)'),
            upper: z.number().describe('upper end of its interval (points)'),
            rule: z.string().describe('the weighting in words'),
          })
          .nullable()
          .describe('NPS reweighted to the base; null when a tier of the base has no NPS answer'),
        verdict: z.string().describe('whether respondents look like everyone, in words'),
      })
      .describe('non-response bias'),
    byNpsClass: z
      .array(
        z.strictObject({
          npsClass: z.enum(['detractor', 'passive', 'promoter']).describe('class of the latest NPS answer'),
          customers: count('customers'),
          clv: maybeNumber.describe('their predicted CLV (currency, units.clv); null without models'),
          clvPerCustomer: maybeNumber.describe('per customer (currency); null without models or customers'),
          clvShare: maybeNumber.describe("share of the base's predicted CLV (share 0–1); null without models"),
          pAlive: maybeNumber.describe('mean P(alive) (probability 0–1); null without models or customers'),
          netRevenue: z.number().describe('their net revenue to asOf (currency)'),
        }),
      )
      .describe('customers by the class of their latest NPS answer and what they are worth'),
    detractorValue: z
      .strictObject({
        customers: count("customers whose latest answer is a detractor's"),
        clv: z.number().describe("their predicted CLV (currency, over the unit's horizon)"),
        share: maybeNumber.describe("share of the base's predicted CLV (share 0–1)"),
        unit: z.string().describe('currency and CLV horizon'),
        text: z.string().describe('the value at stake, in words'),
      })
      .nullable()
      .describe("the detractors' predicted CLV; null without models"),
    chain: chainPartSchema,
    units: z
      .strictObject({
        clv: z.string().nullable().describe('horizon of predicted CLV; null without models'),
        money: z.string().describe('the currency of amounts'),
      })
      .describe('units of the amounts'),
    warnings: z.array(z.string()).describe('what limits the numbers'),
  })
  .meta({
    id: 'FeedbackReport',
    description: 'NPS and CSAT tied to value: by tier, segment, channel, cohort and month; non-response; the chain',
  });
