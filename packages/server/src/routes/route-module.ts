import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { checkNumber, InputError, limitOfSchema, tableQuerySchema } from '@cvm/core';
import type { WorkspaceState } from '../workspace-state.js';

/** What every route module gets: the workspace state and the server's limits. */
export interface ServerContext {
  state: WorkspaceState;
  /** Directory uploads are written to (under generated names). */
  uploadDir: string;
  /** Largest accepted upload, bytes. */
  maxUploadBytes: number;
  /** Calibration end of the models' holdout validation (undefined: the middle of the log). */
  validateAt?: string;
  /** Cost model file for profitability (undefined: profit is not computed). */
  costs?: string;
}

/** An OpenAPI 3.1 path item map (hand-written beside the routes it describes). */
export type OpenApiPaths = Record<string, Record<string, unknown>>;

/** A report's server side: its routes and their OpenAPI description, kept in one small file. */
export interface RouteModule {
  register(app: Hono, ctx: ServerContext): void;
  paths: OpenApiPaths;
}

/**
 * Validates query parameters with a zod schema; repeated keys listed in `arrays` arrive as arrays.
 * @throws InputError `bad_query`, or a limit's own code (e.g. `bad_bands`) for a field made by `limitSchema`.
 */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S, arrays: string[] = []): z.infer<S> {
  const raw: Record<string, unknown> = { ...c.req.query() };
  for (const k of arrays) {
    const v = c.req.queries(k);
    if (v !== undefined) raw[k] = v;
    else delete raw[k];
  }
  // a parameter with a declared limit gets its own code and sentence, as on the CLI (`checkNumber`)
  if (schema instanceof z.ZodObject)
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const param = limitOfSchema(field);
      if (param !== undefined && typeof raw[key] === 'string') checkNumber(param, raw[key], key);
    }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InputError('bad_query', `Query parameter ${issue.path.join('.') || '(query)'}: ${issue.message}`, {
      issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return r.data;
}

/**
 * The OpenAPI query parameters of a zod query schema (the one `parseQuery` validates with), so the
 * document and the validation cannot drift apart: types, bounds, enums and defaults come from the
 * schema; `descriptions` adds the words. Arrays are repeated keys (`filter=…&filter=…`).
 * @example
 * queryParams(z.object({ by: z.enum(['week', 'month']).default('month') }))[0];
 * // → { name: 'by', in: 'query', schema: { default: 'month', type: 'string', enum: ['week', 'month'] } }
 */
export function queryParams(schema: z.ZodObject, descriptions: Record<string, string> = {}): Record<string, unknown>[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>> };
  return Object.entries(json.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query',
    schema: prop,
    ...(prop.type === 'array' ? { style: 'form', explode: true } : {}),
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
  }));
}

/** Reusable OpenAPI fragments. */
export const oa = {
  json: (description: string, schema: Record<string, unknown> = { type: 'object' }) => ({
    description,
    content: { 'application/json': { schema } },
  }),
  error: { $ref: '#/components/responses/Error' },
  tableParams: queryParams(tableQuerySchema, {
    sort: 'a column name',
    q: 'substring of the id column (case-insensitive)',
    filter: 'column:op:value, op one of eq ne gt gte lt lte in contains (in: values joined by |); repeatable (AND)',
    format: 'csv downloads the whole filtered, sorted table',
  }),
  tableResponses: {
    200: {
      description: 'One page (JSON) or the whole table (CSV)',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/TablePage' } }, 'text/csv': { schema: { type: 'string' } } },
    },
    400: { $ref: '#/components/responses/Error' },
  },
};
