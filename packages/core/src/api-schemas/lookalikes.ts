/**
 * Schema of the core's `LookalikeReport` as GET /api/prospects/lookalikes serves it: the ranked
 * prospects themselves are the section's table (`prospectCount` of them in all); the validation's
 * calibration edges arrive as a plain array. Statistics with nothing to divide by arrive as null.
 */
import { z } from 'zod';
import { maybeNumber } from './models.js';

/** AUC with its DeLong standard error and 95% interval (`AucResult`); null (every field) when a class is empty. */
export const aucSchema = z.strictObject({
  auc: maybeNumber.describe('area under the ROC curve (0–1; 0.5 = chance)'),
  se: maybeNumber.describe('DeLong standard error of the AUC'),
  low: maybeNumber.describe('lower end of the 95% interval (0–1)'),
  high: maybeNumber.describe('upper end of the 95% interval (0–1)'),
  positives: z.number().int().describe('top-tier customers scored (count)'),
  negatives: z.number().int().describe('other customers scored (count)'),
});

/** How well a ranking separates the top tier on held-out customers (`ModelCheck`). */
export const modelCheckSchema = z.strictObject({
  label: z.string().describe('which model: attributes model, or channel only'),
  auc: aucSchema.describe('AUC of the out-of-fold probabilities'),
  liftTopDecile: maybeNumber.describe('top-tier rate among the 10% scored highest over the base rate (×); null without top-tier customers'),
});

/** The k-fold validation (`LookalikeValidation`, edges as an array). */
export const lookalikeValidationSchema = z.strictObject({
  folds: z.number().int().describe('cross-validation folds'),
  baseRate: maybeNumber.describe('share of customers in the top tier (share 0–1)'),
  model: modelCheckSchema.describe('the attributes model'),
  baseline: modelCheckSchema.nullable().describe('channel only; null without a channel attribute (random ranking is AUC 0.5, lift 1)'),
  calibration: z
    .array(
      z.strictObject({
        bin: z.number().int().describe('decile of the out-of-fold probability (1–10)'),
        low: z.number().describe('lowest probability in the bin (0–1)'),
        high: z.number().describe('highest probability in the bin (0–1)'),
        customers: z.number().int().describe('customers in the bin (count)'),
        meanPredicted: z.number().describe('mean predicted probability of the top tier (0–1)'),
        observedTop: z.number().describe('share of the bin in the top tier (share 0–1)'),
        meanClv: z.number().describe('mean predicted CLV of the bin (currency, over target.clvUnits)'),
      }),
    )
    .describe('deciles of the held-out probabilities with at least one customer'),
  edges: z.array(z.number()).describe('upper edges of the calibration bins (9 probabilities, 0–1), for placing prospects'),
  signal: z.boolean().describe('true when the AUC interval lies above 0.5'),
  verdict: z.string().describe('whether the ranking can be trusted, in words'),
});

/** The core's `LookalikeReport` fields the route serves (all but `prospects` and `validation`, served apart). */
export const lookalikeReportShape = {
  computedAt: z.string().describe('when the report was computed (ISO timestamp)'),
  asOf: z.string().describe("report day (ISO date): the summary's calibration end"),
  target: z
    .strictObject({
      rule: z.string().describe('the top tier in words'),
      topShare: z.number().describe('share of customers in the top tier by predicted CLV (share 0–1)'),
      threshold: z.number().describe('predicted CLV at which the top tier starts (currency, over clvUnits)'),
      customers: z.number().int().describe('customers the model learns from (count)'),
      topCustomers: z.number().int().describe('of them in the top tier (count)'),
      clvUnits: z.string().describe('the horizon of predicted CLV, e.g. next 52 weeks'),
    })
    .describe('what the model learns to recognise'),
  attributes: z.array(z.string()).describe('attributes in the model (channel and the columns the customers and prospects files share)'),
  leftOut: z.array(z.string()).describe('attributes left out, each with why'),
  lambda: z.number().describe('L2 penalty of the logistic regression'),
  converged: z.boolean().describe('whether the fit on every customer converged'),
  effects: z
    .array(
      z.strictObject({
        attribute: z.string().describe('the attribute'),
        level: z.string().describe('its level; for a numeric attribute "+1 sd (…)" or "unknown"'),
        customers: z.number().int().describe('customers at the level (count)'),
        topRate: maybeNumber.describe('observed share of them in the top tier (share 0–1); null without customers'),
        oddsVsAverage: z.number().describe('odds of the top tier against the average customer (×)'),
      }),
    )
    .describe('what each attribute level (or one standard deviation of a number) does to the odds of the top tier'),
  notes: z.array(z.string()).describe('how the numbers were made'),
  validation: lookalikeValidationSchema.describe('the k-fold validation on held-out customers'),
  prospectCount: z.number().int().describe('prospects scored (count); the section table lists the best `limit`'),
  unseen: z
    .array(
      z.strictObject({
        attribute: z.string().describe('the attribute'),
        value: z.string().describe('a prospect value never seen among customers'),
        prospects: z.number().int().describe('prospects with it (count)'),
      }),
    )
    .describe('prospect attribute values never seen among customers (scored as for the average customer)'),
};
