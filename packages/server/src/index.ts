/** @cvm/server: the HTTP API and dashboard host. `createApp` builds the app; `startServer` binds a port. */
export { createApp, routeModules, DEFAULT_WEB_DIR, type AppOptions } from './app.js';
export {
  startServer,
  checkBinding,
  DEFAULT_PORT,
  DEFAULT_REFIT_EVERY_MS,
  scheduledRefit,
  noticeOtherIngests,
  describeRefresh,
  type ServeOptions,
} from './main.js';
export { httpError, type ErrorBody } from './http-status.js';
export { AccessError, ForbiddenError, NotFoundError, PayloadTooLargeError } from './errors.js';
export { WorkspaceState } from './workspace-state.js';
export { watchFolder, describeWatchEvent, type FolderWatch, type WatchEvent } from './watch-folder.js';
export { ComputingWork, computingAnswer, type WorkUnderWay } from './computing.js'; // issue 18
