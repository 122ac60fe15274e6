/**
 * Schemas of the growth reports whose inputs are optional (acquisition, look-alikes, loyalty,
 * feedback): the core report beside its section, or "not computed" with the reason and the core's
 * stable code when an input is missing. Every object is strict, so a field added, dropped or renamed
 * on either side fails the server's schema tests; the reports' fields are in acquisition.ts,
 * lookalikes.ts, loyalty.ts and feedback.ts of this folder.
 */
import { z } from 'zod';
import { acquisitionReportShape } from './acquisition.js';
import { notComputedCodeSchema, ok, reportSectionSchema, reportTableSchema } from './common.js';
import { feedbackReportSchema } from './feedback.js';
import { lookalikeReportShape } from './lookalikes.js';
import { loyaltyReportSchema } from './loyalty.js';

const section = reportSectionSchema;

/** GET /api/acquisition when computed: the core `AcquisitionReport` without its cohort rows (the section's second table). */
export const acquisitionOkSchema = z
  .strictObject({ status: ok, ...acquisitionReportShape, section })
  .meta({ id: 'AcquisitionOk', description: 'CAC, LTV:CAC and payback by channel (currency per acquired customer), and the section' });
/** GET /api/acquisition. */
export const acquisitionResponseSchema = z
  .union([acquisitionOkSchema, notComputedCodeSchema])
  .meta({ id: 'Acquisition', description: 'Acquisition economics, or not_computed (with code) without spend, channels or models' });

/** GET /api/prospects/lookalikes when computed: the core `LookalikeReport`, the prospects counted (the ranked ones are the section's table). */
export const lookalikesOkSchema = z
  .strictObject({ status: ok, ...lookalikeReportShape, section })
  .meta({ id: 'LookalikesOk', description: 'The held-out validation verdict, attribute effects and the prospect count, and the section' });
/** GET /api/prospects/lookalikes. */
export const lookalikesResponseSchema = z
  .union([lookalikesOkSchema, notComputedCodeSchema])
  .meta({ id: 'Lookalikes', description: 'Look-alike prospects, or not_computed (with code) without attributes, prospects or models' });

/** GET /api/loyalty when computed: one report per programme (the first is the one given with --program) and the section. */
export const loyaltyOkSchema = z
  .strictObject({
    status: ok,
    reports: z.array(loyaltyReportSchema).describe('one per programme, the compared ones after the first'),
    section,
    tables: z
      .strictObject({ overTime: reportTableSchema })
      .describe(
        "the first programme's tiers at its last 12 month ends (the core's loyalty.over_time table; format=csv&table=over_time has every month)",
      ),
  })
  .meta({ id: 'LoyaltyOk', description: 'The loyalty reports (one per programme) and the loyalty section' });
/** GET /api/loyalty. */
export const loyaltyResponseSchema = z
  .union([loyaltyOkSchema, notComputedCodeSchema])
  .meta({ id: 'Loyalty', description: 'Loyalty programmes run over the log, or not_computed (with code) without a programme' });

/** GET /api/feedback when computed: the core `FeedbackReport` and its section. */
export const feedbackOkSchema = z
  .strictObject({ status: ok, report: feedbackReportSchema, section })
  .meta({ id: 'FeedbackOk', description: 'The feedback report and its section' });
/** GET /api/feedback. */
export const feedbackResponseSchema = z
  .union([feedbackOkSchema, notComputedCodeSchema])
  .meta({ id: 'Feedback', description: 'Customer feedback tied to value, or not_computed (with code) without survey responses' });

/** GET /api/acquisition as the dashboard reads it. */
export type ApiAcquisition = z.infer<typeof acquisitionResponseSchema>;
/** An acquisition row (a channel, or every channel). */
export type ApiAcquisitionRow = ApiAcquisitionOk['levels'][number];
export type ApiAcquisitionOk = z.infer<typeof acquisitionOkSchema>;
/** GET /api/prospects/lookalikes as the dashboard reads it. */
export type ApiLookalikes = z.infer<typeof lookalikesResponseSchema>;
/** GET /api/loyalty as the dashboard reads it. */
export type ApiLoyalty = z.infer<typeof loyaltyResponseSchema>;
/** One programme's loyalty report. */
export type ApiLoyaltyReport = z.infer<typeof loyaltyReportSchema>;
/** GET /api/feedback as the dashboard reads it. */
export type ApiFeedback = z.infer<typeof feedbackResponseSchema>;
/** The core's feedback report as served. */
export type ApiFeedbackReport = z.infer<typeof feedbackReportSchema>;
