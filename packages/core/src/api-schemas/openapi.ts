/** Schema of GET /api/openapi.json: the OpenAPI 3.1 document itself (its inner objects follow the OpenAPI spec). */
import { z } from 'zod';

/** An OpenAPI operation: words, parameters, request body and responses by status. */
const operationSchema = z.looseObject({
  summary: z.string().optional(),
  parameters: z.array(z.looseObject({ name: z.string(), in: z.string() })).optional(),
  requestBody: z.looseObject({ content: z.record(z.string(), z.looseObject({})) }).optional(),
  responses: z.record(z.string(), z.looseObject({})),
});

/** GET /api/openapi.json. */
export const openApiResponseSchema = z
  .strictObject({
    openapi: z.literal('3.1.0'),
    info: z.strictObject({ title: z.string(), version: z.string(), description: z.string() }),
    servers: z.array(z.strictObject({ url: z.string() })),
    security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
    paths: z.record(z.string(), z.partialRecord(z.enum(['get', 'post', 'put', 'delete', 'patch']), operationSchema)),
    components: z.strictObject({
      securitySchemes: z.record(z.string(), z.looseObject({ type: z.string() })),
      responses: z.record(z.string(), z.looseObject({ description: z.string() })),
      schemas: z.record(z.string(), z.looseObject({})),
    }),
  })
  .meta({ id: 'OpenApiDocument', description: 'This document: OpenAPI 3.1, the component schemas generated from the zod schemas' });

export type ApiOpenApi = z.infer<typeof openApiResponseSchema>;
