/**
 * Schema of the core's `AcquisitionReport` as GET /api/acquisition serves it (without its cohort
 * rows: they are the section's second table). Money is in the log's currency (the cost model's when
 * the server has one); a ratio or amount with nothing to divide by arrives as null.
 */
import { z } from 'zod';
import { maybeNumber } from './models.js';

const maybeMoney = (what: string) => maybeNumber.describe(`${what} (currency); null when it cannot be computed`);

/** One row of the acquisition report (`AcquisitionRow`): a channel over the cohorts of the spend window, or every channel (`all`). */
export const acquisitionRowSchema = z
  .strictObject({
    level: z.string().describe('the channel (or attribute level); `all` for the overall row'),
    cohort: z.string().nullable().describe('YYYY-MM or YYYY-Qn; null for a level over all cohorts and for the overall row'),
    newCustomers: z.number().int().describe('customers acquired in the row (count)'),
    spend: maybeMoney('marketing spend of the row; null when none is recorded or the rows are not channels'),
    cac: maybeMoney('spend / new customers; null without spend or without new customers'),
    realisedPerCustomer: maybeMoney('margin realised to date per acquired customer; null without new customers'),
    predictedPerCustomer: maybeMoney(
      'predicted remaining CLV per acquired customer over horizonMonths, discounted; null without new customers',
    ),
    ltvPerCustomer: maybeMoney('realised + predicted per acquired customer; null without new customers'),
    ltvToCac: maybeNumber.describe('LTV per customer / CAC (ratio, ×); null without a positive CAC'),
    ltvToCacLow: maybeNumber.describe('lower end of the 95% percentile bootstrap interval of LTV:CAC (×); null without a positive CAC'),
    ltvToCacHigh: maybeNumber.describe('upper end of the 95% percentile bootstrap interval of LTV:CAC (×); null without a positive CAC'),
    paybackMonths: z
      .number()
      .int()
      .nullable()
      .describe(
        'months after the acquisition month until cumulative margin per customer covers CAC (0 = within it); null when not reached',
      ),
    paybackProjected: z
      .boolean()
      .describe('true when the payback month lies beyond what some of the customers have lived (from the model)'),
    note: z.string().describe('what a reader should know about the row, in words; empty when nothing'),
  })
  .meta({ id: 'AcquisitionRow', description: 'A channel (or every channel) of the acquisition report; money in currency per customer' });

/** The core's `AcquisitionReport` fields GET /api/acquisition serves (all but `cohorts`). */
export const acquisitionReportShape = {
  asOf: z.string().describe("report day (ISO date): the summary's calibration end"),
  computedAt: z.string().describe('when the report was computed (ISO timestamp)'),
  cohort: z.enum(['month', 'quarter']).describe('acquisition cohorts by month or quarter'),
  by: z.string().describe('dimension of the rows: channel or a customer attribute (then no CAC)'),
  attribution: z.string().describe('the attribution rule in words'),
  basis: z.string().describe('the margin basis in words'),
  horizonMonths: z.number().int().describe('horizon of the predicted remaining CLV (months)'),
  annualDiscountRate: z.number().describe('annual discount rate of the predicted CLV (share 0–1 a year)'),
  paybackHorizonMonths: z.number().int().describe('a channel whose payback takes longer than this is flagged (months)'),
  projectionMonths: z.number().int().describe('how far payback is projected with the model (months since acquisition)'),
  resamples: z.number().int().describe('bootstrap resamples of the LTV:CAC intervals (count)'),
  seed: z.number().int().describe('seed of the bootstrap'),
  model: z
    .strictObject({
      name: z.string().describe('the count model of the predicted CLV (e.g. bg-nbd)'),
      params: z.record(z.string(), z.number()).describe('its fitted parameters by name'),
    })
    .describe('the fitted model behind the predicted CLV'),
  spendWindow: z
    .strictObject({
      first: z.string().describe('first month of the spend file (YYYY-MM)'),
      last: z.string().describe('last month (YYYY-MM)'),
    })
    .nullable()
    .describe('months covered by the spend file; null without spend (or when the rows are not channels)'),
  levels: z.array(acquisitionRowSchema).describe('one row per level over the cohorts of the spend window, best LTV:CAC first'),
  overall: acquisitionRowSchema.describe('every level together'),
  flags: z.array(z.string()).describe('findings in words: LTV:CAC below 1, payback beyond the horizon, spend without customers, …'),
  notes: z.array(z.string()).describe('how the numbers were made (rules, units, exclusions)'),
  warnings: z.array(z.string()).describe('what limits the numbers'),
};
