/** Schema of the satisfaction-profit chain part of the feedback report (`ChainPart`, `ChainEstimate`). */
import { z } from 'zod';
import { maybeNumber } from './models.js';

const count = (what: string) => z.number().int().describe(`${what} (count)`);

/** The effect of being a detractor or a promoter against a passive on one outcome and window (`ChainEffect`). */
const chainEffectSchema = z.strictObject({
  outcome: z.enum(['stop', 'purchases', 'spend']).describe('no purchase in the window, purchase days in it, or gross spend in it'),
  window: z.number().int().describe('window after the response day (days)'),
  group: z.enum(['detractor', 'promoter']).describe('the group compared with the passives'),
  groupMean: z.number().describe('adjusted mean had every respondent been in the group (probability, purchase days or currency)'),
  passiveMean: z.number().describe('adjusted mean had every respondent been a passive (same unit)'),
  ratio: z.number().describe('groupMean / passiveMean (×)'),
  lower: maybeNumber.describe('lower end of its interval (×)'),
  upper: maybeNumber.describe('upper end of its interval (×)'),
  pValue: maybeNumber.describe('two-sided p-value (0–1)'),
  difference: z.number().describe('groupMean − passiveMean (same unit as the means)'),
  differenceLower: maybeNumber.describe('lower end of its interval'),
  differenceUpper: maybeNumber.describe('upper end of its interval'),
  rawGroupMean: z.number().describe("plain mean of the group's respondents, no controls"),
  rawPassiveMean: z.number().describe("plain mean of the passives' respondents, no controls"),
});

/** The satisfaction-profit chain (`ChainEstimate`). */
export const chainEstimateSchema = z.strictObject({
  respondents: z
    .strictObject({
      total: count('respondents'),
      detractors: count('detractors'),
      passives: count('passives'),
      promoters: count('promoters'),
    })
    .describe('respondents the chain is estimated from'),
  windows: z.array(z.number().int()).describe('outcome windows after the response day (days)'),
  controls: z.array(z.string()).describe('what respondents did before answering, controlled for, in words'),
  effects: z.array(chainEffectSchema).describe('detractors and promoters against passives by outcome and window'),
  asymmetry: z
    .strictObject({
      window: z.number().int().describe('the longest window (days)'),
      harm: z.number().describe('extra probability of stopping of a detractor over a passive (probability 0–1)'),
      help: z.number().describe('lower probability of stopping of a promoter under a passive (probability 0–1)'),
      difference: z.number().describe('harm − help (probability)'),
      lower: maybeNumber.describe('lower end of its interval (probability)'),
      upper: maybeNumber.describe('upper end of its interval (probability)'),
      verdict: z.enum(['harm_larger', 'help_larger', 'not_distinguishable']).describe('which is larger, if the interval says so'),
      text: z.string().describe('the asymmetry in words'),
    })
    .nullable()
    .describe('harm against help on stopping; null when stopping could not be estimated at the longest window'),
  sentences: z.array(z.string()).describe('the headline in plain words, then the details'),
  warnings: z.array(z.string()).describe('what limits the estimate'),
  level: z.number().describe('confidence level of the intervals (0–1)'),
});

/** The chain: estimated with how the sample was drawn, or why not (too few respondents, …). */
export const chainPartSchema = z
  .union([
    z.strictObject({
      status: z.literal('ok'),
      estimate: chainEstimateSchema.describe('the estimate'),
      sample: z
        .strictObject({
          respondents: count('respondents with an NPS answer'),
          inLog: count('of them in the log'),
          used: count('of them used (first answer with a complete window)'),
          lastResponse: z.string().describe('last response day with a complete window (ISO date)'),
          rule: z.string().describe('the sample in words'),
        })
        .describe('how the sample was drawn'),
    }),
    z.strictObject({
      status: z.literal('not_computed'),
      code: z.string().describe("the core's stable code of the reason"),
      reason: z.string().describe('why, in words'),
    }),
  ])
  .describe('the satisfaction-profit chain, or why it is not estimated');
