import { z } from 'zod';

/**
 * Which fit a model-based answer uses (issue 16): between re-fits new data is scored with the
 * previous parameters, so every such answer names the data version and time they were fitted at.
 */
export const fitStampSchema = z
  .strictObject({
    model: z.string(),
    dataVersion: z.number().int(),
    fittedAt: z.string(),
    calibrationEnd: z.string(),
    customers: z.number().int(),
    rule: z.string(),
  })
  .meta({ id: 'FitStamp' });

export type ApiFitStamp = z.infer<typeof fitStampSchema>;

/** POST /api/refit: the new fit and the data version it was made at (`status` is the models stage's; no fit when it is not ok). */
export const refitResponseSchema = z
  .strictObject({
    status: z.enum(['ok', 'fallback', 'skipped']),
    dataVersion: z.number().int(),
    fit: fitStampSchema.nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'Refit', description: 'The models re-fitted on the full data: the new fit stamp, or why there is none' });

export type ApiRefit = z.infer<typeof refitResponseSchema>;
