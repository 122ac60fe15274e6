import { SEGMENT_COLUMNS } from '@cvm/core';
import { oa, type OpenApiPaths } from './route-module.js';

/** The OpenAPI description of the campaign routes (see campaigns.ts); `form` is the create form's JSON Schema. */
export function campaignPaths(form: Record<string, unknown>): OpenApiPaths {
  return {
    '/api/campaigns': {
      get: {
        summary: 'Campaigns of the workspace with their status (defined, assigned, in window, complete)',
        responses: { 200: oa.json('campaigns and the list section'), 400: oa.error },
      },
      post: {
        summary:
          'Create a campaign: audience as customer-table filters column:op:value, control share (default 0.1), global holdout share, seed; assigns by hashing (seed, customer id) and returns the power before launch. 201 Created',
        requestBody: { required: true, content: { 'application/json': { schema: form } } },
        responses: { 201: oa.json('the campaign, its groups, the power and the plan section'), 400: oa.error },
      },
    },
    '/api/campaigns/preview': {
      post: {
        summary:
          'What creating the campaign would do, without storing it: audience size, groups and the power (minimum detectable effects at 80% power, 5% two-sided; control share needed for effectRate/effectRevenue)',
        requestBody: { required: true, content: { 'application/json': { schema: form } } },
        responses: { 200: oa.json('the groups, the power and the plan section'), 400: oa.error },
      },
    },
    '/api/campaigns/{id}/assign': {
      post: {
        summary: 'Re-evaluate the audience on the current data and assign it again (same seed: a customer keeps the arm)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: oa.json('counts per arm'), 400: oa.error },
      },
    },
    '/api/campaigns/{id}/assignments': {
      get: {
        summary: 'The target and control lists (customer, arm, hash number); format=csv downloads all, JSON shows the first 1,000',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'] } },
        ],
        responses: { 200: oa.json('the assignment table'), 400: oa.error },
      },
    },
    '/api/campaigns/{id}/results': {
      get: {
        summary:
          'Results per arm: response rate, revenue and margin per customer; lift with Newcombe (rates) and Welch/bootstrap (means) 95% intervals, p-values, incremental totals, the sample-ratio-mismatch check and the verdict in words; by= breaks the uplift down by segment',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          {
            name: 'by',
            in: 'query',
            schema: { type: 'array', items: { type: 'string', enum: [...SEGMENT_COLUMNS] } },
            style: 'form',
            explode: true,
          },
          { name: 'bootstrap', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 10000, default: 1000 } },
          { name: 'seed', in: 'query', schema: { type: 'integer', default: 1 } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
          { name: 'table', in: 'query', schema: { type: 'string' }, description: 'table id for format=csv (default experiment.verdicts)' },
        ],
        responses: { 200: oa.json('the results and the results section'), 400: oa.error },
      },
    },
    '/api/customers/{id}/campaigns': {
      get: {
        summary: 'The campaigns a customer was in and the group (target, control or global holdout), by send date',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: oa.json('the campaigns and their table'), 400: oa.error },
      },
    },
    '/api/campaigns/{id}/uplift': {
      get: {
        summary:
          'Uplift model of the campaign (whom to target next time): two-model or transformed-outcome ridge regressions on the snapshot scores, Qini curve and coefficient on a held-out 30% against random targeting',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'outcome', in: 'query', schema: { type: 'string', enum: ['responded', 'revenue'], default: 'responded' } },
          { name: 'method', in: 'query', schema: { type: 'string', enum: ['two-model', 'transformed-outcome'], default: 'two-model' } },
          { name: 'seed', in: 'query', schema: { type: 'integer', default: 1 } },
        ],
        responses: { 200: oa.json('the model (Qini points every 10%) and the uplift section'), 400: oa.error },
      },
    },
  };
}
