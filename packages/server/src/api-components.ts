import { z } from 'zod';
import { API_ROUTES } from '@cvm/core/api';
import type { OpenApiPaths } from './routes/route-module.js';

/** Where the OpenAPI document keeps a named schema. */
const componentRef = (id: string): string => `#/components/schemas/${id}`;

/**
 * The OpenAPI components generated from the API's zod schemas (`@cvm/core/api`): every schema
 * with a `meta({ id })` becomes `#/components/schemas/<id>` (JSON Schema 2020-12, as OpenAPI 3.1
 * uses), and schemas refer to each other by those references.
 * @example
 * apiComponentSchemas().Overview.required; // → ['status', 'overview', 'activeShare', 'profit', 'predictedClv']
 */
export function apiComponentSchemas(): Record<string, Record<string, unknown>> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, { uri: componentRef, unrepresentable: 'any' });
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, s] of Object.entries(schemas)) {
    const { $schema: _schema, $id: _id, ...rest } = s as Record<string, unknown>;
    out[id] = rest;
  }
  return out;
}

/**
 * Points each declared route's success responses (JSON) at its component schema, keeping the route
 * module's description and any other content type (CSV). Returns new path items; `paths` is not changed.
 * Declared routes this server does not serve are skipped.
 * @throws Error when a declared route's schema has no id (a programming error).
 */
export function withResponseSchemas(paths: OpenApiPaths): OpenApiPaths {
  const out: OpenApiPaths = structuredClone(paths);
  for (const r of API_ROUTES) {
    const op = out[r.path]?.[r.method] as
      | { responses?: Record<string, { description?: string; content?: Record<string, unknown> }> }
      | undefined;
    const id = z.globalRegistry.get(r.schema)?.id;
    if (!op) continue; // a route this server was not started with
    if (id === undefined) throw new Error(`OpenAPI: the schema of ${r.method.toUpperCase()} ${r.path} has no meta id`);
    // route modules share fragments (oa.tableResponses), and structuredClone keeps the sharing: copy before writing
    const responses = (op.responses = { ...op.responses });
    const json = { 'application/json': { schema: { $ref: componentRef(id) } } };
    const current = responses[r.status] ?? responses[String(r.status)] ?? { description: 'ok' };
    responses[r.status] = { ...current, content: { ...current.content, ...json } };
    // another success status with a JSON answer (e.g. 200 "replaced" beside 201 "saved") answers the same schema
    for (const [status, res] of Object.entries(responses)) {
      if (/^2\d\d$/.test(status) && status !== String(r.status) && res.content?.['application/json'])
        responses[status] = { ...res, content: { ...res.content, ...json } };
    }
  }
  return out;
}
