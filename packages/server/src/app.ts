import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serialEngine, type Engine, type SummaryOptions } from '@cvm/core';
import { NotFoundError } from './errors.js';
import { httpError } from './http-status.js';
import { openApiDocument } from './openapi.js';
import { serveDashboard } from './dashboard-pages.js';
import { useDataVersionHeaders } from './data-version-headers.js';
import { useSecurity } from './security-middleware.js';
import { WorkspaceState } from './workspace-state.js';
import { eventRoutes } from './routes/events.js'; // issue 16
import { refitRoutes } from './routes/refit.js'; // issue 16
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
  /** Refresh only the customers an appended batch touched (default true; issue 16, see `LiveAnalysis`). */
  incremental?: boolean;
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
  refitRoutes, // issue 16: POST /api/refit
];

export { DEFAULT_WEB_DIR } from './dashboard-pages.js';

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
      incremental: options.incremental,
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
  useSecurity(app, options);
  useDataVersionHeaders(app, state);
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
        'Liveness and the data version: the newest ingest (dataVersion), files, transactions and last ingest time. Every /api answer also carries X-Cvm-Data-Version, X-Cvm-Last-Ingest, X-Cvm-Reflects-Version (the oldest data version among the stages it read: older than the data version when an incremental refresh carried them over until the next re-fit) and (when it read computed stages) X-Cvm-Computed-At headers; answers that read the models add X-Cvm-Fit-Version and X-Cvm-Fitted-At (the data version and time the parameters were fitted at)',
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

  serveDashboard(app, options.webDir);

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
