import { z } from 'zod';
import { HEADROOM_GROUPINGS, RULE_SORT_KEYS } from '@cvm/core';
import { isoDate } from '../report-csv.js';

/** The query parameters of the expansion routes (issue 13), validated by `parseQuery`. */
const page = z.coerce.number().int().min(1).max(1e9).default(1);
const format = z.enum(['json', 'csv']).default('json');

/** GET /api/expansion/rules: thresholds, item filter, sort and page. */
export const rulesQuerySchema = z.object({
  item: z.string().min(1).max(500).optional(),
  side: z.enum(['any', 'antecedent', 'consequent']).default('any'),
  minSupport: z.coerce.number().gt(0).max(1).optional(),
  minConfidence: z.coerce.number().min(0).max(1).optional(),
  minLift: z.coerce.number().min(0).max(1e6).optional(),
  maxLength: z.coerce.number().int().min(2).max(10).optional(),
  sort: z.enum(RULE_SORT_KEYS).default('lift'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page,
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  format,
});

/** GET /api/expansion/offers. */
export const offersQuerySchema = z.object({
  sort: z.enum(['score', 'customer']).default('score'),
  product: z.string().min(1).max(500).optional(),
  page,
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
  format,
});

/** GET /api/expansion/headroom. */
export const headroomQuerySchema = z.object({
  by: z.enum(HEADROOM_GROUPINGS).default('value_tier'),
  top: z.coerce.number().int().min(0).max(100).default(20),
  table: z.enum(['groups', 'top']).default('groups'),
  format,
});

/** GET /api/expansion/backtest. */
export const backtestQuerySchema = z.object({
  calibrationEnd: isoDate.optional(),
  holdoutEnd: isoDate.optional(),
  k: z.coerce.number().int().min(1).max(20).optional(),
  format,
});

/** GET /api/expansion/report. */
export const reportQuerySchema = z.object({
  customers: z.coerce.number().int().min(0).max(500).default(20),
  by: z.enum(HEADROOM_GROUPINGS).default('value_tier'),
  calibrationEnd: isoDate.optional(),
  holdoutEnd: isoDate.optional(),
  k: z.coerce.number().int().min(1).max(20).optional(),
});
