import * as crypto from 'node:crypto';
import type { Campaign } from './campaign-definition.js';

/** Salt of the global holdout: fixed, so a customer in it stays there across campaigns. */
export const GLOBAL_HOLDOUT_SALT = 'cvm-global-holdout';

/** Arm codes of an assignment, and their names. */
export const ARMS = ['target', 'control', 'holdout'] as const;
/** An arm of a campaign: target (receives the action), control, or the global holdout. */
export type ArmName = (typeof ARMS)[number];

const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = oneShot
  ? (s: string): string => oneShot('sha256', s, 'hex')
  : (s: string): string => crypto.createHash('sha256').update(s).digest('hex');

/**
 * A customer's uniform number in [0, 1) for a salt: the first 13 hex digits (52 bits) of
 * SHA-256 of the UTF-8 text `salt:id`, divided by 16¹³. Anyone can recompute it, e.g. in a shell
 * `printf 'salt:42' | sha256sum` or in SQL `sha256('salt:' || id)`; the same salt and id always give
 * the same number, different salts give independent ones.
 *
 * @example
 * hashUnit('spring-2024', '42'); // => 0.08009784486175597 (SHA-256 starts 14814ad8294c8…)
 */
export function hashUnit(salt: string, id: string): number {
  return parseInt(sha256Hex(`${salt}:${id}`).slice(0, 13), 16) / 4503599627370496;
}

/**
 * The ids without duplicates, first occurrence kept. A sorted list (as SQL returns it) is checked in
 * one pass of neighbour comparisons; any other goes through a Set.
 */
function distinct(ids: readonly string[]): string[] {
  let sorted = true;
  let dup = false;
  for (let i = 1; i < ids.length && sorted; i++) {
    if (ids[i]! < ids[i - 1]!) sorted = false;
    else if (ids[i] === ids[i - 1]) dup = true;
  }
  if (sorted) return dup ? ids.filter((id, i) => i === 0 || id !== ids[i - 1]) : [...ids];
  return [...new Set(ids)];
}

/** An assignment of an audience to arms. */
export interface Assignment {
  ids: string[];
  /** Per customer: 0 target, 1 control, 2 holdout (see {@link ARMS}). */
  arm: Uint8Array;
  /** Per customer: the hash number of the campaign salt that decided target/control (NaN in the holdout). */
  u: Float64Array;
  counts: Record<ArmName, number>;
  /** Planned shares of target, control and holdout (for the sample-ratio check). */
  planned: [number, number, number];
  /** Duplicate ids dropped from the audience. */
  duplicates: number;
}

/**
 * Assigns an audience deterministically: a customer whose {@link hashUnit} under the fixed
 * {@link GLOBAL_HOLDOUT_SALT} is below `holdoutShare` is in the global holdout (nested across
 * campaigns: at a larger share the same customers stay in); every other customer is in the control
 * group when `hashUnit(salt, id) < controlShare`, else in the target group. No state, no randomness
 * beyond the hash: the same ids and salt always give the same groups.
 *
 * @param ids - audience (duplicates are dropped, first kept)
 * @example
 * assignArms(['1', '2', '3', '4', '5', '6'], { salt: 'x', controlShare: 0.5, holdoutShare: 0 }).counts; // => { target: 1, control: 5, holdout: 0 }
 */
export function assignArms(ids: readonly string[], options: Pick<Campaign, 'salt' | 'controlShare' | 'holdoutShare'>): Assignment {
  const unique = distinct(ids);
  const n = unique.length;
  const arm = new Uint8Array(n),
    u = new Float64Array(n);
  const counts = { target: 0, control: 0, holdout: 0 };
  const { salt, controlShare, holdoutShare } = options;
  for (let i = 0; i < n; i++) {
    const id = unique[i]!;
    if (holdoutShare > 0 && hashUnit(GLOBAL_HOLDOUT_SALT, id) < holdoutShare) {
      arm[i] = 2;
      counts.holdout++;
      u[i] = NaN;
      continue;
    }
    u[i] = hashUnit(salt, id);
    if (u[i]! < controlShare) {
      arm[i] = 1;
      counts.control++;
    } else counts.target++;
  }
  const h = holdoutShare;
  return { ids: unique, arm, u, counts, planned: [(1 - h) * (1 - controlShare), (1 - h) * controlShare, h], duplicates: ids.length - n };
}
