// issue 18, item 5: `cvm serve` listens at once and fills its pages in the background. While work the
// server noted as under way runs, a read that is not ready within `answerComputingAfterMs` answers
// 202 Computing (Retry-After) instead of hanging, and the same read afterwards gets the real answer;
// liveness and downloads are never held back; without noted work (or without the option) reads wait.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { ingestFile, openWorkspace, type Engine } from '@cvm/core';
import { computingSchema } from '@cvm/core/api';
import { ComputingWork, createApp, startServer } from '../src/index.js';
import { SAMPLE, tempDir } from './helpers.js';
import { gatedEngine } from '../../core/test/helpers/gated-engine.js';

const base = await openWorkspace();
await ingestFile(base, SAMPLE, { mapping: { customer: 'sampleid', quantity: 'cds' } });
after(() => base.close());

const appOver = (engine: Engine, options: { afterMs?: number; computing?: ComputingWork } = {}) =>
  createApp(engine, { webDir: null, uploadDir: tempDir(), answerComputingAfterMs: options.afterMs, computing: options.computing });

/** A request's answer, or 'pending' if it has not come within `ms`. */
async function within(ms: number, answer: Promise<Response>): Promise<Response | 'pending'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'pending'>((r) => {
    timer = setTimeout(() => r('pending'), ms);
  });
  const first = await Promise.race([answer, late]);
  clearTimeout(timer);
  return first;
}

test('while noted work runs, a slow read answers 202 Computing; afterwards the same read gets the real answer', async () => {
  const reference = await (await appOver(base).request('/api/overview')).json();
  const gated = gatedEngine(base);
  const work = new ComputingWork();
  const app = appOver(gated.engine, { afterMs: 100, computing: work });
  await app.state.workspaceVersion(); // as `cvm serve` does before its report
  gated.close();
  let finish = (): void => {};
  void work.track(
    'the report',
    new Promise<void>((r) => {
      finish = r;
    }),
  );

  const res = await app.request('/api/overview');
  assert.equal(res.status, 202);
  assert.equal(res.headers.get('retry-after'), '2');
  assert.equal(res.headers.get('x-cvm-data-version'), null, 'no data stamp on an answer without data');
  const body = computingSchema.parse(await res.json());
  assert.equal(body.report, '/api/overview');
  assert.equal(body.computing, 'the report');
  assert.match(body.reason, /still computing the report \(since \d\d:\d\d:\d\d UTC\)/);

  // liveness is answered at once; a download waits for its data instead of a 202
  assert.equal((await app.request('/api/health')).status, 200);
  const download = app.request('/api/customers?format=csv');
  assert.equal(await within(400, Promise.resolve(download)), 'pending', 'a CSV download is not answered "computing"');

  gated.open();
  finish();
  const csv = await download;
  assert.equal(csv.status, 200);
  assert.equal((await csv.text()).trim().split('\n').length, 2357 + 1, 'every customer and the header');
  const again = await app.request('/api/overview');
  assert.equal(again.status, 200);
  const { computedAt: _a, ...got } = (await again.json()).overview;
  const { computedAt: _b, ...want } = reference.overview;
  assert.deepEqual(got, want, 'the same overview as a server that never waited (times aside)');
});

test('with nothing noted as under way, or without the option, a slow read waits for its answer', async () => {
  for (const [label, afterMs, noted] of [
    ['idle server', 50, false],
    ['option not set', undefined, true],
  ] as const) {
    const gated = gatedEngine(base);
    const work = new ComputingWork();
    const app = appOver(gated.engine, { afterMs, computing: work });
    await app.state.workspaceVersion();
    gated.close();
    if (noted) void work.track('the report', new Promise(() => {}));
    const answer = Promise.resolve(app.request('/api/overview'));
    assert.equal(await within(300, answer), 'pending', `${label}: held for its data`);
    gated.open();
    assert.equal((await answer).status, 200, label);
  }
});

test('the OpenAPI document says every read may answer 202 Computing, liveness excepted', async () => {
  const doc = await (await appOver(base).request('/api/openapi.json')).json();
  assert.deepEqual(doc.components.responses.Computing.content['application/json'].schema, { $ref: '#/components/schemas/Computing' });
  assert.deepEqual(doc.components.schemas.Computing.required.sort(), ['computing', 'reason', 'report', 'since', 'status']);
  assert.deepEqual(doc.paths['/api/overview'].get.responses['202'], { $ref: '#/components/responses/Computing' });
  assert.equal(doc.paths['/api/health'].get.responses['202'], undefined);
});

test('closing the server waits for the computation under way (the engine is closed next, and must not be closed under a query)', async () => {
  const gated = gatedEngine(base);
  gated.close();
  let warmStarts = (): void => {};
  const server = await startServer(gated.engine, {
    port: 0,
    webDir: null,
    uploadDir: tempDir(),
    warmAfter: new Promise<void>((r) => {
      warmStarts = r;
    }),
  });
  assert.equal(server.computing.current()?.label, 'the customer table and segments');
  warmStarts(); // the warm-up now runs its queries, held by the gate
  const closed = server.close();
  assert.equal(
    await within(
      300,
      closed.then(() => new Response()),
    ),
    'pending',
    'close waits for the queries under way',
  );
  gated.open();
  await closed;
  assert.equal(server.computing.current(), null, 'nothing is left running once close has resolved');
});
