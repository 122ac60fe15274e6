// Helpers of api-schemas.test.ts: call a route and parse its answer strictly with the declared
// schema (@cvm/core/api), and find the OpenAPI operations whose JSON answer names no real schema.
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { API_ROUTES } from '@cvm/core/api';
import { getJson } from './helpers.js';

type App = { request(url: string, init?: RequestInit): Response | Promise<Response> };
type JsonSchema = Record<string, unknown>;

/** An OpenAPI document as the tests read it. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> }>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** A JSON POST request. */
export const post = (body?: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

/** The declared schema of a route (method and OpenAPI path). */
export function schemaOf(method: string, path: string): z.ZodType {
  const r = API_ROUTES.find((x) => x.method === method && x.path === path);
  assert.ok(r, `no declared schema for ${method.toUpperCase()} ${path}`);
  return r.schema;
}

/**
 * A checker bound to the routes it has called: `run(app, method, path, url)` calls the route, expects
 * its declared status and parses the body with its schema (a failure names the path and the fields).
 */
export function routeChecker() {
  const checked = new Set<string>();
  async function run(app: App, method: string, path: string, url: string, init?: RequestInit): Promise<unknown> {
    checked.add(`${method} ${path}`);
    const { status, body } = await getJson<unknown>(app, url, init);
    const expected = API_ROUTES.find((x) => x.method === method && x.path === path)?.status ?? 200;
    assert.equal(status, expected, `${url}: ${JSON.stringify(body).slice(0, 300)}`);
    const r = schemaOf(method, path).safeParse(body);
    if (!r.success) {
      const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
      assert.fail(`${method.toUpperCase()} ${url} does not match its schema:\n  ${issues.join('\n  ')}`);
    }
    return body;
  }
  const missing = (): string[] => API_ROUTES.filter((r) => !checked.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`);
  return { run, missing };
}

/**
 * Why a JSON schema of the document describes nothing (null when it is real): an object needs
 * properties or a typed `additionalProperties` (a record); a union needs every branch real; a
 * `$ref` must resolve.
 */
function unreal(s: JsonSchema | undefined, doc: OpenApiDoc, seen = new Set<string>()): string | null {
  if (!s || Object.keys(s).length === 0) return 'an empty schema';
  const ref = s.$ref;
  if (typeof ref === 'string') {
    const id = ref.slice('#/components/schemas/'.length);
    if (seen.has(id)) return null;
    seen.add(id);
    return doc.components.schemas[id] ? unreal(doc.components.schemas[id], doc, seen) : `a dangling $ref ${ref}`;
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (Array.isArray(branches)) {
      for (const b of branches as JsonSchema[]) {
        const why = unreal(b, doc, seen);
        if (why) return why;
      }
      return null;
    }
  }
  if (s.type === 'object') {
    const props = s.properties as Record<string, unknown> | undefined;
    const extra = s.additionalProperties;
    if ((!props || Object.keys(props).length === 0) && (typeof extra !== 'object' || extra === null)) return 'an object with no properties';
  }
  return null;
}

/**
 * The operations of an OpenAPI document whose JSON success answer (200 or 201) names no real schema,
 * or that have no declared zod schema (API_ROUTES) for the tests to parse their answers with.
 */
export function schemaGaps(doc: OpenApiDoc): string[] {
  const gaps: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (!API_ROUTES.some((r) => r.method === method && r.path === path)) gaps.push(`${name}: no declared schema in @cvm/core/api`);
      const ok = op.responses['200'] ?? op.responses['201'];
      const json = ok?.content?.['application/json']?.schema;
      if (!json) {
        gaps.push(`${name}: no JSON success answer`);
        continue;
      }
      if (typeof json.$ref !== 'string') gaps.push(`${name}: its JSON answer is not a component`);
      const why = unreal(json, doc);
      if (why) gaps.push(`${name}: ${why}`);
    }
  }
  return gaps;
}
