import type { OpenApiPaths } from './routes/route-module.js';
import { apiComponentSchemas, withResponseSchemas } from './api-components.js';
import { ALWAYS_ANSWERED } from './computing.js';

/**
 * The OpenAPI 3.1 document: the route modules' own path descriptions, each declared route's JSON
 * answer referring to its component, and the components generated from the API's zod schemas.
 */
export function openApiDocument(paths: OpenApiPaths, options: { tokenRequired: boolean }): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'cvm API',
      version: '0.1.0',
      description:
        "Customer value management reports over one workspace. Every number is in the log's currency or the summary period named in the answer. Errors carry the core's stable code. While `cvm serve` is still computing (at start-up, after new data), a read that is not ready within a few seconds answers 202 Computing with Retry-After; ask again.",
    },
    servers: [{ url: '/' }],
    ...(options.tokenRequired ? { security: [{ bearer: [] }] } : {}),
    paths: withComputingAnswers(withResponseSchemas(paths)),
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Required when the server was started with --token or CVM_TOKEN (always when bound beyond 127.0.0.1)',
        },
      },
      responses: {
        Computing: {
          description: 'Still computing: ask again after Retry-After seconds',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Computing' } } },
        },
        Error: {
          description: "An error with the core's code",
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      schemas: apiComponentSchemas(),
    },
  };
}

/** Every read that can be held back (see `computingAnswer`) may answer 202 Computing; paths are changed in place. */
function withComputingAnswers(paths: OpenApiPaths): OpenApiPaths {
  for (const [path, item] of Object.entries(paths)) {
    const get = item.get as { responses?: Record<string, unknown> } | undefined;
    if (get && !ALWAYS_ANSWERED.has(path)) (get.responses ??= {})['202'] = { $ref: '#/components/responses/Computing' };
  }
  return paths;
}
