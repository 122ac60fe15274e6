/**
 * `@cvm/core/api`: the HTTP API's request and response schemas, declared once with zod (issue 19,
 * "types end to end"). The server types its JSON bodies with them and generates its OpenAPI
 * components from them; the dashboard imports the inferred types (type-only, so nothing reaches its
 * bundle); the server tests parse every real response with them.
 */
export * from './common.js';
export * from './overview.js';
export * from './value.js';
export * from './segments.js';
export * from './models.js';
export * from './customers.js';
export * from './cohorts.js';
export * from './data.js';
export * from './profitability.js';
export * from './migration.js';
export * from './plan.js';
export * from './audiences.js';
export * from './campaigns.js';
export * from './growth.js';
export { API_ROUTES, type ApiRoute } from './routes.js';
