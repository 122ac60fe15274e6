import { oa, type RouteModule } from './route-module.js';
import { notComputed } from './not-computed.js';

/** Reports whose core is not wired into the server yet: each answers "not computed" with the reason. */
const PENDING = {
  migration: 'Segment migration between two dates needs segment snapshots, which the server does not wire yet.',
  cohorts: 'Cohort tables (acquisition cohort × period) are not in the core yet.',
  profitability: 'The whale curve and margin × cost-to-serve matrix need the profitability model (cost-to-serve), which is not in the core yet.',
} as const;

export const pendingRoutes: RouteModule = {
  register(app) {
    for (const [name, reason] of Object.entries(PENDING)) app.get(`/api/${name}`, (c) => c.json(notComputed(name, reason)));
  },
  paths: Object.fromEntries(Object.keys(PENDING).map((name) => [`/api/${name}`, {
    get: { summary: `${name}: answers status "not_computed" with the reason until the core provides it`, responses: { 200: oa.json('Report or not_computed') } },
  }])),
};
