/** Schemas of the saved-audience routes (see server routes/audiences.ts). */
import { z } from 'zod';
import { ok, tablePageSchema } from './common.js';

/** POST /api/audiences body: a name, customer-table filters `column:op:value` and an optional description. */
export const audienceBodySchema = z
  .object({
    name: z.string().max(100),
    filters: z.array(z.string().max(600)).max(20),
    description: z.string().max(500).optional(),
  })
  .meta({ id: 'AudienceBody' });

/** A saved audience. */
export const audienceSchema = z.strictObject({
  name: z.string(),
  description: z.string(),
  filters: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** GET /api/audiences. */
export const audiencesResponseSchema = z.strictObject({ status: ok, audiences: z.array(audienceSchema) }).meta({ id: 'Audiences' });

/** POST /api/audiences (201 created, 200 replaced): the audience and its member count on the current data. */
export const audienceSavedResponseSchema = z
  .strictObject({ status: ok, audience: audienceSchema.extend({ replaced: z.boolean() }), members: z.number().int() })
  .meta({ id: 'AudienceSaved' });

/** GET /api/audiences/{name}: the audience and a page of its members (the customer table). */
export const audienceMembersResponseSchema = tablePageSchema.extend({ audience: audienceSchema }).meta({ id: 'AudienceMembers' });

/** DELETE /api/audiences/{name}. */
export const audienceDeletedResponseSchema = z.strictObject({ status: ok, deleted: z.string() }).meta({ id: 'AudienceDeleted' });

export type ApiAudienceBody = z.infer<typeof audienceBodySchema>;
export type ApiAudience = z.infer<typeof audienceSchema>;
export type ApiAudiences = z.infer<typeof audiencesResponseSchema>;
export type ApiAudienceSaved = z.infer<typeof audienceSavedResponseSchema>;
export type ApiAudienceMembers = z.infer<typeof audienceMembersResponseSchema>;
export type ApiAudienceDeleted = z.infer<typeof audienceDeletedResponseSchema>;
