import type { OpenApiPaths } from './routes/route-module.js';

/** The OpenAPI 3.1 document: the route modules' own path descriptions plus shared components. */
export function openApiDocument(paths: OpenApiPaths, options: { tokenRequired: boolean }): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'cvm API',
      version: '0.1.0',
      description:
        "Customer value management reports over one workspace. Every number is in the log's currency or the summary period named in the answer. Errors carry the core's stable code.",
    },
    servers: [{ url: '/' }],
    ...(options.tokenRequired ? { security: [{ bearer: [] }] } : {}),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Required when the server was started with --token or CVM_TOKEN (always when bound beyond 127.0.0.1)',
        },
      },
      responses: {
        Error: {
          description: "An error with the core's code",
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, context: { type: 'object' } },
            },
          },
        },
        TablePage: {
          type: 'object',
          required: ['table', 'columns', 'rows', 'total', 'page', 'pageSize', 'pages', 'sort', 'dir'],
          properties: {
            table: { type: 'string' },
            columns: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  name: { type: 'string' },
                  kind: { enum: ['string', 'number'] },
                  unit: { type: 'string' },
                  description: { type: 'string' },
                },
              },
            },
            rows: { type: 'array', items: { type: 'array', items: { type: ['string', 'number', 'null'] } } },
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
            pages: { type: 'integer' },
            sort: { type: 'string' },
            dir: { enum: ['asc', 'desc'] },
          },
        },
        Overview: {
          type: 'object',
          properties: {
            status: { const: 'ok' },
            overview: {
              type: 'object',
              description:
                'The core OverviewReport: computedAt, period, calibrationEnd, dateRange, customers, transactions, purchaseDays, grossRevenue, returnsValue, netRevenue, repeatBuyers, repeatBuyerShare, quarantine',
            },
            activeShare: { type: 'object' },
            profit: {
              description: 'total profit under the cost model, or NotComputed without --costs',
              oneOf: [
                { type: 'object', properties: { status: { const: 'ok' }, value: { type: 'number' }, currency: { type: 'string' } } },
                { $ref: '#/components/schemas/NotComputed' },
              ],
            },
            predictedClv: { type: 'object', description: 'where predicted CLV is served (/api/models)' },
          },
        },
        NotComputed: {
          type: 'object',
          properties: { status: { const: 'not_computed' }, report: { type: 'string' }, reason: { type: 'string' } },
        },
      },
    },
  };
}
