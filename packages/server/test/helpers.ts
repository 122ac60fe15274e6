import { join } from 'node:path';
import { ingestFile, openWorkspace } from '@cvm/core';
import { createApp, type AppOptions } from '../src/index.js';
import { tempDir as makeTempDir } from '../../core/test/helpers/temp-dir.js';

export const ROOT = new URL('../../../', import.meta.url).pathname;
export const SAMPLE = join(ROOT, 'data/cdnow/cdnow_sample_elog.csv');

/** A fresh upload directory, removed when the test process exits. */
export const tempDir = (): string => makeTempDir('cvm-server-');

/** An app over an in-memory workspace holding the bundled CDNOW sample. */
export async function sampleApp(options: AppOptions = {}) {
  const engine = await openWorkspace();
  await ingestFile(engine, SAMPLE, { mapping: { customer: 'sampleid', quantity: 'cds' } });
  const app = createApp(engine, { webDir: null, uploadDir: tempDir(), ...options });
  return { app, engine };
}

// biome-ignore lint/suspicious/noExplicitAny: about 170 older assertions read untyped JSON; new tests pass T (a zod-inferred type from @cvm/core/api)
export async function getJson<T = any>(
  app: { request(url: string, init?: RequestInit): Response | Promise<Response> },
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const res = await app.request(url, init);
  return { status: res.status, body: (await res.json()) as T };
}
