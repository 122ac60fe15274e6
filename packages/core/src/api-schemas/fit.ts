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
