import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromium, type BrowserContext } from 'playwright-core';
import { ingestFile, openWorkspace, type Engine } from '@cvm/core';
import { startServer } from '@cvm/server';
import { tempDir } from '../../core/test/helpers/temp-dir.js';

export const ROOT = new URL('../../../', import.meta.url).pathname;
export const WEB = join(ROOT, 'packages/web');
export const ARTIFACTS = join(ROOT, 'test-artifacts');

export { tempDir };

/** Newest modification time under a directory (ms). */
function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

/** Builds the dashboard when dist/ is missing or older than src/ (npm install builds it; this covers a bare checkout and edited pages). */
export function ensureBuilt(): void {
  const index = join(WEB, 'dist/index.html');
  // the dashboard bundles the core's pure report layer too
  if (
    existsSync(index) &&
    statSync(index).mtimeMs >=
      Math.max(newest(join(WEB, 'src')), newest(join(ROOT, 'packages/core/src/report')), statSync(join(WEB, 'index.html')).mtimeMs)
  )
    return;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: WEB, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr}`);
}

/** Debian's chromium path, or the reason the browser tests are skipped (never skipped in CI). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SKIP: string | false =
  existsSync(CHROMIUM) || process.env.CI ? false : `no browser at ${CHROMIUM}: apt-get install chromium (CI installs it)`;

/** Debian's chromium, headless, with a fresh profile. */
export async function launch(): Promise<BrowserContext> {
  const executablePath = CHROMIUM;
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launchPersistentContext(tempDir('cvm-chromium-'), {
    executablePath,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface SampleDashboard {
  engine: Engine;
  server: { url: string; close(): Promise<void> };
  browser: BrowserContext;
  close(): Promise<void>;
}

/** The bundled CDNOW sample with the example cost model, served on a free port (holdout from 1997-09-30), and a headless browser. */
export async function sampleDashboard(): Promise<SampleDashboard> {
  ensureBuilt();
  const engine = await openWorkspace();
  await ingestFile(engine, join(ROOT, 'data/cdnow/cdnow_sample_elog.csv'), { mapping: { customer: 'sampleid', quantity: 'cds' } });
  const server = await startServer(engine, {
    port: 0,
    validateAt: '1997-09-30',
    costs: join(ROOT, 'data/cdnow/cost-model.example.yaml'),
    uploadDir: tempDir('cvm-web-up-'),
  });
  const browser = await launch();
  return {
    engine,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await engine.close();
    },
  };
}

/**
 * GET (or any method) on a test server, the JSON answer as is. The answers' shapes are checked
 * against the declared schemas in server/test/api-schemas.test.ts; these browser tests compare the
 * page with a few fields of them, so the body is left untyped here.
 */
export async function fetchJson(base: { url: string }, path: string, init?: RequestInit) {
  // biome-ignore lint/suspicious/noExplicitAny: untyped JSON read by the page-versus-API assertions; the shapes are checked by api-schemas.test.ts
  return (await fetch(base.url + path.slice(1), init)).json() as Promise<any>;
}
