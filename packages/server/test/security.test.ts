// Token, binding rules, error mapping in one place, static files without path traversal, OpenAPI
// describing every route.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConvergenceError, DataQualityError, EngineError, InputError, openWorkspace } from '@cvm/core';
import { AccessError, createApp, httpError, NotFoundError, PayloadTooLargeError, startServer } from '../src/index.js';
import { getJson, sampleApp, tempDir } from './helpers.js';

const { app, engine } = await sampleApp({ token: 's3cret-token' });
after(() => engine.close());

test('with a token every API call must carry it; pages do not', async () => {
  const none = await getJson(app, '/api/overview');
  assert.equal(none.status, 401);
  assert.equal(none.body.error.code, 'unauthorized');
  const wrong = await getJson(app, '/api/overview', { headers: { authorization: 'Bearer nope' } });
  assert.equal(wrong.status, 401);
  const ok = await getJson(app, '/api/overview', { headers: { authorization: 'Bearer s3cret-token' } });
  assert.equal(ok.status, 200);
  assert.equal((await app.request('/api/openapi.json')).status, 401);
  assert.equal((await app.request('/')).status, 200);
});

test('startServer refuses a non-loopback host without a token (before binding anything)', async () => {
  const e = await openWorkspace();
  await assert.rejects(
    startServer(e, { host: '0.0.0.0', port: 0, webDir: null }),
    (err: unknown) => err instanceof InputError && err.code === 'token_required',
  );
  await e.close();
});

test('error classes map to HTTP statuses in one place; engine errors do not echo SQL', () => {
  const cases: [unknown, number][] = [
    [new InputError('x', 'm'), 400],
    [new AccessError('x', 'm'), 401],
    [new NotFoundError('x', 'm'), 404],
    [new PayloadTooLargeError('x', 'm'), 413],
    [new DataQualityError('x', 'm'), 422],
    [new ConvergenceError('x', 'm'), 422],
    [new EngineError('query_failed', 'm', { sql: 'SELECT secret' }), 500],
    [new Error('boom'), 500],
  ];
  for (const [error, status] of cases) assert.equal(httpError(error).status, status);
  assert.equal(httpError(new EngineError('query_failed', 'm', { sql: 'SELECT secret' })).body.error.context, undefined);
  assert.equal(httpError(new Error('boom')).body.error.code, 'internal');
});

test('static files come from an in-memory map: traversal attempts never reach the file system', async () => {
  const web = tempDir();
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>cvm</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  const e = await openWorkspace();
  const a = createApp(e, { webDir: web });
  assert.match(await (await a.request('/')).text(), /<title>cvm/);
  assert.equal((await a.request('/assets/app.js')).headers.get('content-type'), 'text/javascript; charset=utf-8');
  for (const p of ['/assets/..%2f..%2f..%2fetc%2fpasswd', '/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/package.json']) {
    const res = await a.request(p);
    const text = await res.text();
    assert.ok(!text.includes('root:') && !text.includes('"workspaces"'), p);
  }
  assert.match((await a.request('/')).headers.get('content-security-policy') ?? '', /script-src 'self'/);
  await e.close();
});

test('OpenAPI describes every API route with its method, and nothing that is not a route', async () => {
  const doc = (await getJson(app, '/api/openapi.json', { headers: { authorization: 'Bearer s3cret-token' } })).body;
  assert.equal(doc.openapi, '3.1.0');
  const routes = app.routes
    .filter((r) => r.path.startsWith('/api/') && !r.path.includes('*') && r.method !== 'ALL')
    .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
  assert.ok(routes.length >= 12, routes.join(', '));
  const described = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
    Object.keys(ops).map((m) => `${m} ${p}`),
  );
  assert.deepEqual([...new Set(routes)].sort(), described.sort());
});
