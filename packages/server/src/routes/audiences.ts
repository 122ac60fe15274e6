import { z } from 'zod';
import { audienceMembers, deleteAudience, InputError, listAudiences, saveAudience, tablePage, tableQuerySchema } from '@cvm/core';
import { NotFoundError } from '../errors.js';
import { serveTable } from './retention.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import type { ApiAudienceDeleted, ApiAudienceMembers, ApiAudienceSaved, ApiAudiences } from '@cvm/core/api';

const audienceBody = z.object({
  name: z.string().max(100),
  filters: z.array(z.string().max(600)).max(20),
  description: z.string().max(500).optional(),
});
const nameParam = z.string().min(1).max(100);

/**
 * Saved audiences (issue 12): GET /api/audiences, POST /api/audiences (JSON only; like uploads it
 * passes the token check and is refused from another site's page, see app.ts), GET
 * /api/audiences/{name} (the members on the current data, paged, further filtered, CSV) and DELETE.
 */
export const audienceRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/audiences', async (c) => {
      const all = await listAudiences(state.engine);
      return c.json({ status: 'ok', audiences: all } satisfies ApiAudiences);
    });

    app.post('/api/audiences', async (c) => {
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
        throw new InputError(
          'bad_request',
          'Send the audience as JSON (content-type: application/json): {"name", "filters": ["column:op:value", …], "description"}',
          {},
        );
      }
      const raw = await c.req.json().catch(() => {
        throw new InputError('bad_request', 'The body is not valid JSON', {});
      });
      const body = audienceBody.safeParse(raw);
      if (!body.success)
        throw new InputError(
          'bad_audience',
          `Audience field ${body.error.issues[0]!.path.join('.')}: ${body.error.issues[0]!.message}`,
          {},
        );
      const table = await state.customerTable();
      const saved = await saveAudience(state.engine, body.data, { columns: table.columns });
      const { ids } = await audienceMembers(state, saved.name);
      return c.json({ status: 'ok', audience: saved, members: ids.length } satisfies ApiAudienceSaved, saved.replaced ? 200 : 201);
    });

    app.get('/api/audiences/:name', async (c) => {
      const name = nameParam.parse(c.req.param('name'));
      const q = parseQuery(c, tableQuerySchema, ['filter']);
      const { audience, table, filter } = await audienceMembers(state, name).catch((e: unknown) => {
        if (e instanceof InputError && e.code === 'audience_not_found') throw new NotFoundError(e.code, e.message, e.context);
        throw e;
      });
      const merged = { ...q, filter: [...filter, ...q.filter] };
      if (q.format === 'csv') return serveTable(c, state, table, merged, `audience-${name.replace(/[^\w.-]+/g, '_')}`);
      return c.json({ audience, ...(await tablePage(state.engine, table, merged)) } satisfies ApiAudienceMembers);
    });

    app.delete('/api/audiences/:name', async (c) => {
      const name = nameParam.parse(c.req.param('name'));
      if (!(await deleteAudience(state.engine, name)))
        throw new NotFoundError('audience_not_found', `No audience "${name}"; GET /api/audiences lists them`, { name });
      return c.json({ status: 'ok', deleted: name } satisfies ApiAudienceDeleted);
    });
  },
  paths: {
    '/api/audiences': {
      get: { summary: 'Saved audiences (name, filters, description, times)', responses: { 200: oa.json('Audiences') } },
      post: {
        summary:
          'Save (or replace) an audience: JSON {name, filters: ["column:op:value", …], description}; filters are checked against the customer table',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name', 'filters'],
                properties: {
                  name: { type: 'string' },
                  filters: { type: 'array', items: { type: 'string' } },
                  description: { type: 'string' },
                },
              },
            },
          },
        },
        responses: { 200: oa.json('Replaced'), 201: oa.json('Saved'), 400: oa.error, 403: oa.error },
      },
    },
    '/api/audiences/{name}': {
      get: {
        summary:
          "The audience's members on the current data (the customer table filtered by its rule): paged, sorted, further filtered; format=csv exports them",
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }, ...oa.tableParams],
        responses: { ...oa.tableResponses, 404: oa.error },
      },
      delete: {
        summary: 'Delete a saved audience',
        parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: oa.json('Deleted'), 403: oa.error, 404: oa.error },
      },
    },
  },
};
