/**
 * Schemas of the growth reports whose inputs are optional (acquisition, look-alikes, loyalty,
 * feedback): "not computed" with the reason and its code when the inputs are missing, else the core
 * report beside its section. The report objects are typed by the core (`AcquisitionReport`,
 * `LookalikeReport`, `LoyaltyReport`, `FeedbackReport`); these schemas pin the envelope and the section.
 */
import type { AcquisitionReport, FeedbackReport, LookalikeReport, LoyaltyReport } from '../index.js';
import { z } from 'zod';
import { notComputedCodeSchema, notComputedSchema, ok, reportSectionSchema } from './common.js';

const okWithSection = (id: string, description: string) =>
  z.looseObject({ status: ok, section: reportSectionSchema }).meta({ id, description });

/** GET /api/acquisition. */
export const acquisitionResponseSchema = z
  .union([okWithSection('AcquisitionOk', 'The core AcquisitionReport (without its cohorts) and its section'), notComputedCodeSchema])
  .meta({ id: 'Acquisition' });
/** GET /api/prospects/lookalikes. */
export const lookalikesResponseSchema = z
  .union([okWithSection('LookalikesOk', 'The core LookalikeReport (prospect count, unseen values) and its section'), notComputedCodeSchema])
  .meta({ id: 'Lookalikes' });
/** GET /api/loyalty. */
export const loyaltyResponseSchema = z
  .union([okWithSection('LoyaltyOk', 'The core LoyaltyReports (one per programme) and the loyalty section'), notComputedCodeSchema])
  .meta({ id: 'Loyalty' });
/** GET /api/feedback. */
export const feedbackResponseSchema = z
  .union([okWithSection('FeedbackOk', 'The core FeedbackReport and its section'), notComputedSchema])
  .meta({ id: 'Feedback' });

type NotComputedCode = z.infer<typeof notComputedCodeSchema>;
type Section = z.infer<typeof reportSectionSchema>;

/** GET /api/acquisition as the dashboard reads it. */
export type ApiAcquisition =
  | ({ status: 'ok'; section: Section; levels: AcquisitionReport['levels'] } & Omit<AcquisitionReport, 'cohorts' | 'levels'>)
  | NotComputedCode;
/** GET /api/prospects/lookalikes as the dashboard reads it. */
export type ApiLookalikes =
  | ({
      status: 'ok';
      section: Section;
      validation: Omit<LookalikeReport['validation'], 'edges'> & { edges: number[] };
      prospectCount: number;
      unseen: LookalikeReport['prospects']['unseen'];
    } & Omit<LookalikeReport, 'prospects' | 'validation'>)
  | NotComputedCode;
/** GET /api/loyalty as the dashboard reads it. */
export type ApiLoyalty = { status: 'ok'; section: Section; reports: Omit<LoyaltyReport, 'current'>[] } | NotComputedCode;
/** GET /api/feedback as the dashboard reads it. */
export type ApiFeedback = { status: 'ok'; section: Section; report: FeedbackReport } | z.infer<typeof notComputedSchema>;
