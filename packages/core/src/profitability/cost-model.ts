import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isoDateOrNull } from '../engine/sql.js';
import { InputError } from '../errors.js';
import { DRIVER_NAMES, DRIVERS, type DriverName } from './drivers.js';

/** One activity cost pool: the period's total cost of an activity and the driver that spreads it. */
export interface CostPool {
  name: string;
  /** Total cost of the pool for the cost period, in the model's currency. */
  cost: number;
  driver: DriverName;
  /** `delivery` only: the order channel this pool ships (all orders when absent). */
  channel: string | null;
  /** Activity-file drivers: the activity name counted, lower-case (defaults to the driver name). */
  activity: string | null;
  description: string | null;
}

/** Cost of one product: a cost per unit, or a gross margin in percent of its net revenue. */
export interface ProductCost {
  unitCost: number | null;
  marginPct: number | null;
}

export interface ProductCostModel {
  /** Default gross margin, percent of net revenue (COGS = (1 − marginPct/100) × amount); null = none. */
  marginPct: number | null;
  /** Per-product costs, keyed by the log's product id. */
  products: Map<string, ProductCost>;
  /** How to read the log's `cost` column when present: `line` (cost of the row) or `unit` (per unit); null = ignore it. */
  logCost: 'line' | 'unit' | null;
}

/** A validated cost model (see `data/cdnow/cost-model.example.yaml` for the file format). */
export interface CostModel {
  name: string;
  currency: string;
  illustrative: boolean;
  /** Cost period, ISO dates inclusive; null = the whole log. Pool costs are totals for this period. */
  period: { start: string; end: string } | null;
  /**
   * The activity file the model's activity pools count (support contacts, …), when the model names
   * one (`activities:`); `loadCostModel` resolves it against the cost model's folder. An explicit
   * `--activities FILE` wins. Null when not named.
   */
  activitiesFile: string | null;
  productCost: ProductCostModel;
  pools: CostPool[];
}

const isoDate = z.string().refine((s) => isoDateOrNull(s) !== null, { message: 'must be a date YYYY-MM-DD' });
const money = z.number().finite().nonnegative();
const percent = z.number().finite().min(0).max(100);

const productSchema = z
  .strictObject({ unit_cost: money.optional(), margin_pct: percent.optional(), description: z.string().optional() })
  .refine((p) => (p.unit_cost === undefined) !== (p.margin_pct === undefined), { message: 'needs exactly one of unit_cost or margin_pct' });

const poolSchema = z.strictObject({
  name: z.string().min(1),
  cost: money,
  driver: z.enum(DRIVER_NAMES as [DriverName, ...DriverName[]]),
  channel: z.string().min(1).optional(),
  activity: z.string().min(1).optional(),
  description: z.string().optional(),
});

const modelSchema = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  currency: z.string().min(1).optional(),
  illustrative: z.boolean().optional(),
  period: z.strictObject({ start: isoDate, end: isoDate }).optional(),
  activities: z.string().min(1).optional(),
  product_cost: z.strictObject({
    margin_pct: percent.optional(),
    products: z.record(z.string(), productSchema).optional(),
    log_cost: z.enum(['line', 'unit']).optional(),
  }),
  pools: z.array(poolSchema).min(1),
});

/** The value at a path of the parsed document, for "got …" in messages. */
function at(root: unknown, path: PropertyKey[]): unknown {
  let v = root;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const fieldName = (path: PropertyKey[]): string =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '') || '(top level)';

/** One issue as a sentence naming the field, what was found and what is allowed. */
function describe(issue: z.core.$ZodIssue, root: unknown): { field: string; problem: string; text: string } {
  const field = fieldName(issue.path);
  const value = at(root, issue.path);
  const got = `got ${JSON.stringify(value)}`;
  if (value === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') {
    const hint = issue.path.at(-1) === 'driver' ? `; use one of ${DRIVER_NAMES.join(', ')}` : '';
    return { field, problem: 'missing', text: `${field} is missing${hint}` };
  }
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => fieldName([...issue.path, k]));
      return {
        field: keys[0]!,
        problem: 'unknown_field',
        text: `unknown field ${keys.join(', ')} (check the spelling; see the example cost model)`,
      };
    }
    case 'invalid_value':
      if (issue.path.at(-1) === 'driver')
        return {
          field,
          problem: 'unknown_driver',
          text: `${field} "${String(value)}" is not a driver; use one of ${DRIVER_NAMES.join(', ')}`,
        };
      return { field, problem: 'invalid_value', text: `${field} must be one of ${issue.values.map(String).join(', ')}; ${got}` };
    case 'too_small':
      if (issue.origin === 'number')
        return {
          field,
          problem: 'negative',
          text: `${field} must be ≥ ${String(issue.minimum)} (costs and margins cannot be negative); ${got}`,
        };
      if (issue.origin === 'array') return { field, problem: 'empty', text: `${field} needs at least one cost pool` };
      return { field, problem: 'empty', text: `${field} must not be empty` };
    case 'too_big':
      return { field, problem: 'too_big', text: `${field} must be ≤ ${String(issue.maximum)} (a percentage); ${got}` };
    case 'invalid_type':
      return {
        field,
        problem: 'wrong_type',
        text: `${field} must be a ${issue.expected === 'record' ? 'map' : issue.expected}${issue.expected === 'number' ? ' (a plain number, no currency sign)' : ''}; ${got}`,
      };
    default:
      return {
        field,
        problem: 'invalid',
        text: `${field} ${issue.message}${value !== undefined && typeof value !== 'object' ? `; ${got}` : ''}`,
      };
  }
}

const fail = (file: string, field: string, problem: string, text: string): never => {
  throw new InputError('bad_cost_model', `${file}: ${text}`, { file, field, problem });
};

/**
 * Parses and validates a cost model (YAML, or JSON, which is YAML too). Only the first problem is
 * reported, as one line naming the field: a missing or unknown driver, a negative cost, an unknown
 * field, a duplicate pool name, a `channel` on a non-delivery pool, no way to cost products, ….
 *
 * @throws InputError `bad_cost_model` (context: file, field, problem).
 * @example
 * parseCostModel('product_cost: {margin_pct: 30}\npools: [{name: picking, cost: 1000, driver: unit}]').pools[0].driver; // 'unit'
 */
export function parseCostModel(text: string, file = 'cost model'): CostModel {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    return fail(
      file,
      '(file)',
      'syntax',
      `not valid YAML/JSON: ${String((error as Error).message)
        .split('\n')[0]!
        .replace(/:\s*$/, '')}`,
    );
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return fail(file, '(file)', 'syntax', 'must be a map with product_cost and pools');
  const parsed = modelSchema.safeParse(doc);
  if (!parsed.success) {
    const d = describe(parsed.error.issues[0]!, doc);
    return fail(file, d.field, d.problem, d.text);
  }
  const m = parsed.data;
  const names = new Set<string>();
  m.pools.forEach((p, i) => {
    if (names.has(p.name))
      fail(file, `pools[${i}].name`, 'duplicate', `pools[${i}].name "${p.name}" is used by another pool; pool names must be unique`);
    names.add(p.name);
    if (p.channel !== undefined && p.driver !== 'delivery')
      fail(
        file,
        `pools[${i}].channel`,
        'misplaced',
        `pools[${i}].channel applies to the delivery driver only; pool "${p.name}" has driver ${p.driver}`,
      );
    if (p.activity !== undefined && DRIVERS[p.driver].source !== 'activity')
      fail(
        file,
        `pools[${i}].activity`,
        'misplaced',
        `pools[${i}].activity applies to activity-file drivers only (support_contact, campaign_contact, activity); pool "${p.name}" has driver ${p.driver}`,
      );
    if (p.driver === 'activity' && p.activity === undefined)
      fail(
        file,
        `pools[${i}].activity`,
        'missing',
        `pools[${i}].activity is missing: driver "activity" needs the activity name to count from the activity file`,
      );
  });
  const products = new Map<string, ProductCost>();
  for (const [id, p] of Object.entries(m.product_cost.products ?? {}))
    products.set(id, { unitCost: p.unit_cost ?? null, marginPct: p.margin_pct ?? null });
  if (m.product_cost.margin_pct === undefined && products.size === 0 && m.product_cost.log_cost === undefined) {
    fail(
      file,
      'product_cost',
      'missing',
      "product_cost needs margin_pct (a default gross margin in %), products (cost per product) or log_cost (use the log's cost column)",
    );
  }
  if (m.period && m.period.end < m.period.start)
    fail(file, 'period.end', 'order', `period.end (${m.period.end}) is before period.start (${m.period.start})`);
  return {
    name: m.name ?? basename(file),
    currency: m.currency ?? 'USD',
    illustrative: m.illustrative ?? false,
    period: m.period ?? null,
    activitiesFile: m.activities ?? null,
    productCost: { marginPct: m.product_cost.margin_pct ?? null, products, logCost: m.product_cost.log_cost ?? null },
    pools: m.pools.map((p) => ({
      name: p.name,
      cost: p.cost,
      driver: p.driver,
      channel: p.channel ?? null,
      activity: DRIVERS[p.driver].source === 'activity' ? (p.activity ?? p.driver).toLowerCase() : null,
      description: p.description ?? null,
    })),
  };
}

/**
 * Reads and validates a cost model file.
 * @throws InputError `cost_model_unreadable` when the file cannot be read; `bad_cost_model` as {@link parseCostModel}.
 */
export async function loadCostModel(path: string): Promise<CostModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError('cost_model_unreadable', `Cannot read the cost model ${path}: ${(error as Error).message}`, { path });
  }
  const model = parseCostModel(text, basename(path));
  if (model.activitiesFile !== null) model.activitiesFile = resolve(dirname(path), model.activitiesFile);
  return model;
}
