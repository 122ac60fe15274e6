import { timingSafeEqual, createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { serialEngine, type Engine, type SummaryOptions } from '@cvm/core';
import { AccessError, ForbiddenError, NotFoundError } from './errors.js';
import { httpError } from './http-status.js';
import { openApiDocument } from './openapi.js';

import { encodedBody, loadStaticFiles } from './static-files.js';
import { WorkspaceState } from './workspace-state.js';
import { eventRoutes } from './routes/events.js'; // issue 16
import { customerRoutes } from './routes/customers.js';
import { tablePage, tableQuerySchema } from '@cvm/core';
import { dataRoutes } from './routes/data.js';
import { overviewRoutes } from './routes/overview.js';
import { cohortRoutes } from './routes/cohorts.js';
import { migrationRoutes } from './routes/migration.js';
import { profitability, profitabilityRoutes } from './routes/profitability.js';
import { segmentation, segmentRoutes } from './routes/segments.js';
import { valueRoutes } from './routes/value.js';
import { modelRoutes } from './routes/models.js';
import { expansionRoutes } from './routes/expansion.js'; // expansion (issue 13)
import type { RouteModule } from './routes/route-module.js';
// issue #20: display settings (currency)
import { settingsRoutes } from './routes/settings.js';
// issue 11: acquisition economics and look-alike prospects
import { acquisitionRoutes } from './routes/acquisition.js';
import { lookalikeRoutes } from './routes/lookalikes.js';
import { inputQuarantineRoutes } from './routes/input-quarantine.js';
import { breakdownRoutes } from './routes/breakdowns.js';
// issue 12: retention lists, backtest, trends and saved audiences
import { retentionRoutes } from './routes/retention.js';
import { audienceRoutes } from './routes/audiences.js';
// campaigns (issue 14, campaigns-ui)
import { campaignRoutes } from './routes/campaigns.js';
// feedback (issue 15)
import { feedbackRoutes } from './routes/feedback.js';
// the customer value plan (issue 15)
import { planRoutes } from './routes/plan.js';
import { loyaltyRoutes } from './routes/loyalty.js';
import { ComputingWork, computingAnswer } from './computing.js'; // issue 18
import type { ApiHealth } from '@cvm/core/api';

export interface AppOptions {
  /** Summary options for every report (period, calibration and holdout ends). */
  summary?: SummaryOptions;
  /** Bearer token every /api call must carry; none means no check (loopback only: see `startServer`). */
  token?: string;
  /** Where uploads are written under generated names (default: a directory under the OS temp dir). */
  uploadDir?: string;
  /** Largest accepted upload in bytes (default 100 MiB). */
  maxUploadBytes?: number;
  /** Calibration end of the models' holdout validation (default: the middle of the log). */
  validateAt?: string;
  /** The built dashboard (default: packages/web/dist); null serves no pages. */
  webDir?: string | null;
  /** Cost model file (YAML/JSON, see `loadCostModel`): enables profitability and total profit. */
  costs?: string;
  /** Fit the CLV models (default true; `--no-models`). */
  models?: boolean;
  /** The workspace state to serve (default: a new one over `engine`); `cvm serve` passes the one its printed report used. */
  state?: WorkspaceState;
  /**
   * Host names (without port) a request may be addressed to; others get 403. `startServer` sets
   * the loopback names when bound to loopback, so a page on another site cannot reach the API
   * through DNS rebinding. Default: any host.
   */
  allowedHosts?: readonly string[];
  /** Currency shown with amounts, e.g. "$" or "EUR" (default: the cost model's; issue #20). */
  currency?: string;
  /** Loyalty programme file (YAML, see `loadLoyaltyProgram`) for /api/loyalty, and programmes to compare with it (issue 15). */
  program?: string;
  comparePrograms?: readonly string[];
  /**
   * issue 18: while work noted in the app's `computing` is under way, a read not answered within this
   * many milliseconds answers 202 Computing (see `computingAnswer`). Default: reads always wait.
   */
  answerComputingAfterMs?: number;
  /** The work under way that reads wait for (default: a new, idle one; `cvm serve` passes the one its report is noted in). */
  computing?: ComputingWork;
}

/** The report modules, in dashboard order. A new report is one more module here. */
export const routeModules = (options: AppOptions): readonly RouteModule[] => [
  overviewRoutes,
  valueRoutes,
  modelRoutes(options.validateAt),
  customerRoutes,
  segmentRoutes,
  migrationRoutes,
  cohortRoutes,
  profitabilityRoutes(options.costs),
  retentionRoutes,
  audienceRoutes, // issue 12
  expansionRoutes, // expansion (issue 13): rules, offers, headroom, backtest
  dataRoutes,
  settingsRoutes(options),
  /* issue 11 */ acquisitionRoutes,
  lookalikeRoutes,
  inputQuarantineRoutes,
  breakdownRoutes,
  campaignRoutes, // campaigns (issue 14)
  feedbackRoutes, // feedback (issue 15)
  planRoutes, // the customer value plan (issue 15)
  loyaltyRoutes([...(options.program ? [options.program] : []), ...(options.comparePrograms ?? [])]), // loyalty (issue 15)
  eventRoutes, // continuous ingestion (issue 16): POST /api/events
];

export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * Builds the HTTP app over a workspace engine: the JSON API under /api and the dashboard pages.
 * Binds no port (see `startServer` in main.ts); test it with `app.request()`.
 *
 * @example
 * const app = createApp(await openWorkspace({ dir: '.cvm' }));
 * const res = await app.request('/api/overview'); // → 200 { status: 'ok', overview: { customers: 2357, … } }
 */
export function createApp(
  engine: Engine,
  options: AppOptions = {},
): Hono & { state: WorkspaceState; warm(): Promise<void>; computing: ComputingWork } {
  const state =
    options.state ??
    new WorkspaceState(serialEngine(engine), {
      summary: options.summary,
      validateAt: options.validateAt,
      costs: options.costs,
      models: options.models,
    });
  const ctx = {
    state,
    uploadDir: options.uploadDir ?? join(tmpdir(), 'cvm-uploads'),
    maxUploadBytes: options.maxUploadBytes ?? 100 * 1024 * 1024,
    validateAt: options.validateAt,
    costs: options.costs,
  };
  const app = new Hono();

  app.onError((error, c) => {
    const { status, body } = httpError(error);
    return c.json(body, status);
  });

  if (options.allowedHosts) {
    const allowed = new Set(options.allowedHosts.map((x) => x.toLowerCase()));
    app.use('*', async (c, next) => {
      const host = new URL(c.req.url).hostname.toLowerCase();
      if (!allowed.has(host)) {
        throw new ForbiddenError(
          'bad_host',
          `This cvm server answers only requests addressed to ${[...allowed].join(', ')}; got host "${host}". Open the URL cvm serve printed`,
          { host },
        );
      }
      await next();
    });
  }

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    if (!c.req.path.startsWith('/api/')) {
      c.header(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
      );
    }
  });

  if (options.token) {
    const expected = digest(`Bearer ${options.token}`);
    app.use('/api/*', async (c, next) => {
      const given = digest(c.req.header('authorization') ?? '');
      if (!timingSafeEqual(given, expected)) {
        throw new AccessError(
          'unauthorized',
          'This cvm server needs its token: send "Authorization: Bearer TOKEN" (the token given with --token or CVM_TOKEN)',
          {},
        );
      }
      await next();
    });
  }

  // issue 12: calls that change the workspace (uploads, saving and deleting audiences) are refused
  // when a browser says they come from another site's page (Origin or Sec-Fetch-Site), so a page
  // elsewhere cannot make the user's browser change the workspace (CSRF); clients without those
  // headers (curl, scripts) are unaffected, and the token check above still applies.
  app.use('/api/*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const host = new URL(c.req.url).host;
      let foreign = c.req.header('sec-fetch-site') === 'cross-site';
      if (origin !== undefined) {
        try {
          foreign ||= new URL(origin).host !== host;
        } catch {
          foreign = true; // "null" (sandboxed or file pages) and malformed origins
        }
      }
      if (foreign)
        throw new ForbiddenError(
          'bad_origin',
          `This cvm server accepts changes only from its own pages (origin ${origin ?? 'unknown'} is not ${host}); use the dashboard it serves, or call the API without a browser`,
          { origin: origin ?? null },
        );
    }
    await next();
  });

  // issue 16: every API answer says which data it reflects (the workspace's data version, the newest
  // ingest) and when the stages it read were computed, so a report is never mistaken for a fresher one
  app.use('/api/*', async (c, next) => {
    const computedAt = await state.trackStages(next);
    if (c.res.status >= 400 || c.res.status === 202) return; // an error, or "still computing" (issue 18): no data to stamp
    const v = await state.workspaceVersion().catch(() => null);
    if (v === null) return; // a workspace without its tables: the answer itself says what is wrong
    c.header('X-Cvm-Data-Version', String(v.version));
    if (v.lastIngestAt !== null) c.header('X-Cvm-Last-Ingest', `${v.lastIngestAt.replace(' ', 'T')}Z`);
    if (computedAt !== undefined) c.header('X-Cvm-Computed-At', computedAt);
  });
  const computing = options.computing ?? new ComputingWork();
  if (options.answerComputingAfterMs !== undefined) app.use('/api/*', computingAnswer(computing, options.answerComputingAfterMs));

  const paths: Record<string, Record<string, unknown>> = {};
  for (const m of routeModules(options)) {
    m.register(app, ctx);
    Object.assign(paths, m.paths);
  }
  paths['/api/health'] = {
    get: {
      summary:
        'Liveness and the data version: the newest ingest (dataVersion), files, transactions and last ingest time. Every /api answer also carries X-Cvm-Data-Version, X-Cvm-Last-Ingest and (when it read computed stages) X-Cvm-Computed-At headers',
      responses: { 200: { description: 'ok' } },
    },
  };
  paths['/api/openapi.json'] = { get: { summary: 'This description', responses: { 200: { description: 'OpenAPI 3.1 document' } } } };
  app.get('/api/health', async (c) => {
    const data = await state.workspaceVersion();
    return c.json({ status: 'ok', dataVersion: data.version, data } satisfies ApiHealth);
  });
  const doc = openApiDocument(paths, { tokenRequired: Boolean(options.token) });
  app.get('/api/openapi.json', (c) => c.json(doc));
  app.all('/api/*', (c) => {
    throw new NotFoundError('no_such_route', `No API route ${c.req.method} ${c.req.path}; see /api/openapi.json`, { path: c.req.path });
  });

  const files = options.webDir === null ? null : loadStaticFiles(options.webDir ?? DEFAULT_WEB_DIR);
  app.get('*', (c) => {
    if (!files) {
      return c.html(
        '<!doctype html><title>cvm</title><p>The dashboard is not built. Run <code>npm run build -w @cvm/web</code> (npm install does it) and restart; the JSON API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>',
        200,
      );
    }
    const file =
      files.get(c.req.path === '/' ? '/index.html' : c.req.path) ?? (c.req.path.includes('.') ? undefined : files.get('/index.html'));
    if (!file) return c.text('Not found', 404);
    // issue 18: the build's Brotli or gzip copy when the browser takes it
    const { body, encoding } = encodedBody(file, c.req.header('accept-encoding'));
    return c.body(body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': file.type,
      'cache-control': c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
  });

  /** Computes what the first requests need (overview, customer table and its default order, segments, profitability with a cost model); errors such as an empty log are left for the requests to report. */
  const warm = async (): Promise<void> => {
    try {
      await segmentation(state);
      await tablePage(state.engine, await state.customerTable(), tableQuerySchema.parse({}), state.permutations);
      await profitability(state, options.costs);
    } catch {
      // reported by the requests themselves
    }
  };
  return Object.assign(app, { state, warm, computing });
}
