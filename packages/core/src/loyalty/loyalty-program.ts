/**
 * A loyalty programme defined in YAML or JSON (issue 15): tiers with a qualifying range on spend or
 * points over a rolling window, points earned per unit spent, the cost of each tier's benefits and of
 * each point redeemed, and the gross margin on spend.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { InputError } from '../errors.js';

const tierSchema = z
  .object({
    name: z.string().min(1),
    /** Qualifying measure over the window from which the tier starts (spend in currency, or points). */
    min: z.number().nonnegative(),
    /** Up to (not including) this value; omitted for the top tier. */
    max: z.number().positive().optional(),
    /** Cost of the tier's benefits per member per year (currency). */
    benefit_cost_per_year: z.number().nonnegative().default(0),
  })
  .strict();

const programSchema = z
  .object({
    name: z.string().min(1).default('loyalty programme'),
    /** What qualifies: gross spend in the window, or points earned in it. */
    qualify: z.enum(['spend', 'points']).default('spend'),
    window_days: z.number().int().min(1).max(3650).default(365),
    points_per_unit: z.number().nonnegative().default(1),
    /** Cost to the business of one point redeemed (currency). */
    point_cost: z.number().nonnegative().default(0),
    /** Share of earned points that are redeemed (0..1). */
    redemption_rate: z.number().min(0).max(1).default(1),
    /** Gross margin as a share of spend (0..1). */
    margin: z.number().gt(0).max(1),
    tiers: z.array(tierSchema).min(1),
  })
  .strict();

/** A tier of a loyalty programme. */
export interface LoyaltyTier {
  name: string;
  min: number;
  /** Infinity for the top tier. */
  max: number;
  benefitCostPerYear: number;
}

/** A validated loyalty programme; tiers in ascending order of their qualifying range. */
export interface LoyaltyProgram {
  name: string;
  qualify: 'spend' | 'points';
  /** Rolling qualifying window, days. */
  windowDays: number;
  pointsPerUnit: number;
  pointCost: number;
  redemptionRate: number;
  margin: number;
  tiers: LoyaltyTier[];
  /** The file it came from (basename), for tables. */
  source: string;
}

const range = (t: LoyaltyTier): string =>
  `${t.min.toLocaleString('en-US')}–${Number.isFinite(t.max) ? t.max.toLocaleString('en-US') : '…'}`;

/**
 * Validates a parsed programme document: field types, unique tier names, and qualifying ranges that
 * neither overlap nor leave a gap (each tier's max is the next tier's min; the top tier has no max).
 *
 * @throws InputError `bad_loyalty_program` naming the field, or the two tiers that overlap or leave a gap
 * @example
 * parseLoyaltyProgram({ margin: 0.3, tiers: [{ name: 'Member', min: 0, max: 500 }, { name: 'Gold', min: 500 }] }, 'p.yaml').tiers[1].max; // => Infinity
 */
export function parseLoyaltyProgram(doc: unknown, source: string): LoyaltyProgram {
  const r = programSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new InputError('bad_loyalty_program', `Loyalty programme ${source}: ${issue.path.join('.') || '(document)'}: ${issue.message}`, {
      issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const p = r.data;
  const tiers: LoyaltyTier[] = p.tiers
    .map((t) => ({ name: t.name, min: t.min, max: t.max ?? Infinity, benefitCostPerYear: t.benefit_cost_per_year }))
    .sort((a, b) => a.min - b.min);
  const names = new Set<string>();
  for (const t of tiers) {
    if (names.has(t.name))
      throw new InputError('bad_loyalty_program', `Loyalty programme ${source}: two tiers are named "${t.name}"`, { tier: t.name });
    names.add(t.name);
    if (!(t.max > t.min))
      throw new InputError(
        'bad_loyalty_program',
        `Loyalty programme ${source}: tier ${t.name} has max ${t.max} not above its min ${t.min}`,
        { tier: t.name },
      );
  }
  for (let k = 0; k + 1 < tiers.length; k++) {
    const a = tiers[k]!,
      b = tiers[k + 1]!;
    if (a.max > b.min)
      throw new InputError(
        'bad_loyalty_program',
        `Loyalty programme ${source}: tiers ${a.name} (${range(a)}) and ${b.name} (${range(b)}) overlap, so a customer at ${b.min.toLocaleString('en-US')} would be in both; set ${a.name}'s max to ${b.name}'s min (${b.min})`,
        { tiers: [a.name, b.name] },
      );
    if (a.max < b.min)
      throw new InputError(
        'bad_loyalty_program',
        `Loyalty programme ${source}: between tiers ${a.name} (${range(a)}) and ${b.name} (${range(b)}) there is a gap, so a customer at ${a.max.toLocaleString('en-US')} would be in no tier; set ${a.name}'s max to ${b.name}'s min (${b.min})`,
        { tiers: [a.name, b.name] },
      );
  }
  const top = tiers[tiers.length - 1]!;
  if (Number.isFinite(top.max))
    throw new InputError(
      'bad_loyalty_program',
      `Loyalty programme ${source}: the top tier ${top.name} has a max (${top.max}); leave it out so that every customer above ${top.min} has a tier`,
      { tier: top.name },
    );
  return {
    name: p.name,
    qualify: p.qualify,
    windowDays: p.window_days,
    pointsPerUnit: p.points_per_unit,
    pointCost: p.point_cost,
    redemptionRate: p.redemption_rate,
    margin: p.margin,
    tiers,
    source,
  };
}

/**
 * Reads a loyalty programme file (YAML or JSON) and validates it ({@link parseLoyaltyProgram}).
 *
 * @throws InputError `loyalty_program_unreadable` when the file cannot be read or parsed; `bad_loyalty_program` when invalid
 * @example
 * const p = await loadLoyaltyProgram('data/loyalty/three-tiers.yaml'); p.tiers.map((t) => t.name); // ['Member', 'Silver', 'Gold']
 */
export async function loadLoyaltyProgram(path: string): Promise<LoyaltyProgram> {
  let doc: unknown;
  try {
    doc = parseYaml(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError(
      'loyalty_program_unreadable',
      `Cannot read the loyalty programme ${path}: ${(error as Error).message.split('\n')[0]}`,
      { path },
    );
  }
  return parseLoyaltyProgram(doc, path.split('/').pop() ?? path);
}

/** The index of the tier whose range holds `measure` (tiers ascending); −1 below the lowest tier. */
export function tierOf(tiers: readonly LoyaltyTier[], measure: number): number {
  for (let k = tiers.length - 1; k >= 0; k--) if (measure >= tiers[k]!.min) return k;
  return -1;
}
