import type { z } from 'zod';
import {
  audienceDeletedResponseSchema,
  audienceMembersResponseSchema,
  audienceSavedResponseSchema,
  audiencesResponseSchema,
} from './audiences.js';
import {
  campaignAssignmentsResponseSchema,
  campaignAssignResponseSchema,
  campaignPlanResponseSchema,
  campaignResultsResponseSchema,
  campaignsResponseSchema,
  campaignUpliftResponseSchema,
  customerCampaignsResponseSchema,
} from './campaigns.js';
import { cohortsResponseSchema } from './cohorts.js';
import { refitResponseSchema } from './fit.js';
import {
  customerModelResponseSchema,
  customerResponseSchema,
  customerSegmentsResponseSchema,
  customersPageResponseSchema,
} from './customers.js';
import { breakdownsResponseSchema } from './breakdowns.js';
import {
  dataSourcesResponseSchema,
  eventsResponseSchema,
  inputQuarantineResponseSchema,
  quarantinePageResponseSchema,
  uploadResponseSchema,
} from './data.js';
import {
  customerOffersResponseSchema,
  expansionReportResponseSchema,
  headroomResponseSchema,
  offersBacktestResponseSchema,
  offersResponseSchema,
  rulesResponseSchema,
} from './expansion.js';
import { openApiResponseSchema } from './openapi.js';
import {
  retentionBacktestResponseSchema,
  retentionListResponseSchema,
  retentionResponseSchema,
  retentionTrendsResponseSchema,
} from './retention.js';
import { acquisitionResponseSchema, feedbackResponseSchema, lookalikesResponseSchema, loyaltyResponseSchema } from './growth.js';
import { migrationCustomersResponseSchema, migrationResponseSchema } from './migration.js';
import { modelsResponseSchema } from './models.js';
import { healthResponseSchema, overviewResponseSchema, settingsResponseSchema } from './overview.js';
import { planListResponseSchema, planResponseSchema, planSavedResponseSchema } from './plan.js';
import { profitabilityResponseSchema } from './profitability.js';
import { microSegmentsResponseSchema, segmentsResponseSchema } from './segments.js';
import { clvResponseSchema, valueResponseSchema } from './value.js';

/** One route's JSON answer: method, OpenAPI path, success status and the schema of its body. */
export interface ApiRoute {
  method: 'get' | 'post' | 'delete';
  path: string;
  status: 200 | 201;
  schema: z.ZodType;
}

const get = (path: string, schema: z.ZodType): ApiRoute => ({ method: 'get', path, status: 200, schema });

/**
 * Every route whose JSON answer has a declared schema. The OpenAPI document puts these schemas in
 * its components and refers to them from the route's success response; the server tests parse the
 * real answers with them.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  get('/api/health', healthResponseSchema),
  get('/api/settings', settingsResponseSchema),
  get('/api/overview', overviewResponseSchema),
  get('/api/value', valueResponseSchema),
  get('/api/value/clv', clvResponseSchema),
  get('/api/segments', segmentsResponseSchema),
  get('/api/segments/micro', microSegmentsResponseSchema),
  get('/api/models', modelsResponseSchema),
  get('/api/customers', customersPageResponseSchema),
  get('/api/customers/{id}', customerResponseSchema),
  get('/api/customers/{id}/model', customerModelResponseSchema),
  get('/api/customers/{id}/segments', customerSegmentsResponseSchema),
  get('/api/customers/{id}/campaigns', customerCampaignsResponseSchema),
  get('/api/cohorts', cohortsResponseSchema),
  get('/api/profitability', profitabilityResponseSchema),
  get('/api/migration', migrationResponseSchema),
  get('/api/migration/customers', migrationCustomersResponseSchema),
  get('/api/data/sources', dataSourcesResponseSchema),
  get('/api/data/input-quarantine', inputQuarantineResponseSchema),
  { method: 'post', path: '/api/data/upload', status: 200, schema: uploadResponseSchema },
  get('/api/plan', planResponseSchema),
  { method: 'post', path: '/api/plan/save', status: 200, schema: planSavedResponseSchema },
  get('/api/plan/saved', planListResponseSchema),
  get('/api/audiences', audiencesResponseSchema),
  { method: 'post', path: '/api/audiences', status: 201, schema: audienceSavedResponseSchema },
  get('/api/audiences/{name}', audienceMembersResponseSchema),
  { method: 'delete', path: '/api/audiences/{name}', status: 200, schema: audienceDeletedResponseSchema },
  get('/api/campaigns', campaignsResponseSchema),
  { method: 'post', path: '/api/campaigns/preview', status: 200, schema: campaignPlanResponseSchema },
  { method: 'post', path: '/api/campaigns', status: 201, schema: campaignPlanResponseSchema },
  { method: 'post', path: '/api/campaigns/{id}/assign', status: 200, schema: campaignAssignResponseSchema },
  get('/api/campaigns/{id}/assignments', campaignAssignmentsResponseSchema),
  get('/api/campaigns/{id}/results', campaignResultsResponseSchema),
  get('/api/campaigns/{id}/uplift', campaignUpliftResponseSchema),
  get('/api/acquisition', acquisitionResponseSchema),
  get('/api/prospects/lookalikes', lookalikesResponseSchema),
  get('/api/loyalty', loyaltyResponseSchema),
  get('/api/feedback', feedbackResponseSchema),
  get('/api/retention', retentionResponseSchema),
  get('/api/retention/at-risk', retentionListResponseSchema),
  get('/api/retention/win-back', retentionListResponseSchema),
  get('/api/retention/backtest', retentionBacktestResponseSchema),
  get('/api/retention/trends', retentionTrendsResponseSchema),
  get('/api/expansion/rules', rulesResponseSchema),
  get('/api/expansion/offers', offersResponseSchema),
  get('/api/expansion/headroom', headroomResponseSchema),
  get('/api/expansion/backtest', offersBacktestResponseSchema),
  get('/api/expansion/report', expansionReportResponseSchema),
  get('/api/customers/{id}/offers', customerOffersResponseSchema),
  get('/api/data/quarantine', quarantinePageResponseSchema),
  get('/api/breakdowns', breakdownsResponseSchema),
  { method: 'post', path: '/api/events', status: 200, schema: eventsResponseSchema },
  { method: 'post', path: '/api/refit', status: 200, schema: refitResponseSchema },
  get('/api/openapi.json', openApiResponseSchema),
];
