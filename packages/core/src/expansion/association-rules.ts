import { InputError } from '../errors.js';
import type { FrequentItemsets } from './fp-growth.js';
import { ensureFloat64, ensureInt32 } from './growable.js';
import { buildItemsetIndex } from './itemset-index.js';

export interface RuleOptions {
  /** Minimum confidence P(Y | X) in [0, 1] (default 0.8, as arules). */
  minConfidence?: number;
  /** Minimum lift (default 0: no limit). */
  minLift?: number;
  /** Smallest rule, antecedent plus consequent items (default 2: no rule with an empty antecedent). */
  minLength?: number;
  /** Largest consequent (default 1: single-item consequents, as arules' apriori). */
  maxConsequentLength?: number;
  /** Stop with an error past this many rules (default 5,000,000). */
  maxRules?: number;
}

/**
 * Association rules X ⇒ Y in CSR layout (rule r: antecedent items `antecedents[antecedentOffsets[r]
 * .. antecedentOffsets[r + 1])`, consequent likewise), with their measures. Shares are of all baskets.
 */
export interface RuleSet {
  readonly items: readonly string[];
  readonly basketCount: number;
  readonly minSupport: number;
  readonly minConfidence: number;
  readonly minLift: number;
  readonly length: number;
  readonly antecedentOffsets: Int32Array;
  readonly antecedents: Int32Array;
  readonly consequentOffsets: Int32Array;
  readonly consequents: Int32Array;
  /** Baskets holding X ∪ Y, X, and Y. */
  readonly count: Int32Array;
  readonly antecedentCount: Int32Array;
  readonly consequentCount: Int32Array;
  /** supp(X ∪ Y) = count / baskets. */
  readonly support: Float64Array;
  /** conf = supp(X ∪ Y) / supp(X). */
  readonly confidence: Float64Array;
  /** lift = conf / supp(Y). */
  readonly lift: Float64Array;
  /** leverage = supp(X ∪ Y) − supp(X) · supp(Y). */
  readonly leverage: Float64Array;
  /** conviction = (1 − supp(Y)) / (1 − conf); +Infinity when conf = 1. */
  readonly conviction: Float64Array;
}

/** The rule measures, for sorting and display. */
export const RULE_MEASURES = ['support', 'confidence', 'lift', 'leverage', 'conviction', 'count'] as const;
export type RuleMeasure = (typeof RULE_MEASURES)[number];

/** All k-subsets of {0..L−1} as bit masks, in increasing order (Gosper's hack). */
function* masksOfSize(L: number, k: number): Generator<number> {
  if (k > L) return;
  let m = (1 << k) - 1;
  while (m < 1 << L) {
    yield m;
    const c = m & -m,
      r = m + c;
    m = (((r ^ m) >>> 2) / c) | r;
  }
}

/**
 * Association rules from frequent itemsets (Agrawal, Imieliński & Swami 1993; measures as in
 * arules, Hahsler et al.): for each frequent itemset Z with |Z| ≥ minLength and each consequent
 * Y ⊂ Z (1 ≤ |Y| ≤ maxConsequentLength, X = Z \ Y non-empty), the rule X ⇒ Y with
 * support = supp(Z), confidence = supp(Z)/supp(X), lift = confidence/supp(Y), leverage
 * (Piatetsky-Shapiro 1991) = supp(Z) − supp(X)supp(Y), conviction (Brin et al. 1997) =
 * (1 − supp(Y))/(1 − confidence), kept when confidence ≥ minConfidence and lift ≥ minLift. X and Y
 * are frequent because Z is, so their counts come from the itemsets themselves (a hash index).
 *
 * @throws InputError `bad_min_confidence`, `bad_min_lift`, `bad_consequent_length`, `too_many_rules`
 * @example
 * const sets = frequentItemsets(groceries, { minSupport: 0.006 });
 * associationRules(sets, { minConfidence: 0.25 }).length; // → 463 (arules / Lantz 2015, ch. 8)
 */
export function associationRules(sets: FrequentItemsets, options: RuleOptions = {}): RuleSet {
  const { minConfidence = 0.8, minLift = 0, minLength = 2, maxConsequentLength = 1, maxRules = 5_000_000 } = options;
  if (!(minConfidence >= 0 && minConfidence <= 1))
    throw new InputError('bad_min_confidence', `The minimum confidence must be in [0, 1], e.g. 0.25; got ${minConfidence}`, {
      minConfidence,
    });
  if (!(minLift >= 0))
    throw new InputError('bad_min_lift', `The minimum lift must be ≥ 0 (1 = no better than chance); got ${minLift}`, { minLift });
  if (!(Number.isInteger(maxConsequentLength) && maxConsequentLength >= 1))
    throw new InputError('bad_consequent_length', `The maximum consequent length must be a whole number ≥ 1; got ${maxConsequentLength}`, {
      maxConsequentLength,
    });
  const n = sets.basketCount;
  const { offsets, members, counts } = sets;
  const index = buildItemsetIndex(offsets, members);
  let aOff = new Int32Array(1024),
    aIt = new Int32Array(2048),
    cOff = new Int32Array(1024),
    cIt = new Int32Array(1024);
  let cnt = new Int32Array(1024),
    xCnt = new Int32Array(1024),
    yCnt = new Int32Array(1024);
  let supp = new Float64Array(1024),
    conf = new Float64Array(1024),
    lift = new Float64Array(1024),
    lev = new Float64Array(1024),
    conv = new Float64Array(1024);
  let r = 0,
    aUsed = 0,
    cUsed = 0;
  const count = (from: number, to: number, skip: number): number => {
    const s = index.find(members, from, to, skip);
    if (s < 0) throw new Error('associationRules: a subset of a frequent itemset is missing from the itemsets');
    return counts[s]!;
  };
  for (let s = 0; s + 1 < offsets.length; s++) {
    const from = offsets[s]!,
      to = offsets[s + 1]!,
      L = to - from;
    if (L < Math.max(2, minLength) || L > 30) continue;
    const z = counts[s]!;
    for (let k = 1; k <= Math.min(maxConsequentLength, L - 1); k++) {
      for (const ym of masksOfSize(L, k)) {
        const xc = count(from, to, ym);
        const c = z / xc;
        if (c < minConfidence) continue;
        const yc = k === 1 ? sets.itemCounts[members[from + 31 - Math.clz32(ym)]!]! : count(from, to, ~ym & ((1 << L) - 1));
        const sy = yc / n,
          li = c / sy;
        if (li < minLift) continue;
        if (r >= maxRules)
          throw new InputError(
            'too_many_rules',
            `More than ${maxRules.toLocaleString('en-US')} rules at minimum confidence ${minConfidence} and lift ${minLift}: raise the minimum confidence or lift (or the minimum support)`,
            { maxRules, threshold: 'minConfidence' },
          );
        if (r + 2 > aOff.length || r + 1 > cnt.length) {
          // every per-rule array grows to the same capacity
          aOff = ensureInt32(aOff, r + 2);
          cOff = ensureInt32(cOff, r + 2);
          const cap = aOff.length;
          cnt = ensureInt32(cnt, cap);
          xCnt = ensureInt32(xCnt, cap);
          yCnt = ensureInt32(yCnt, cap);
          supp = ensureFloat64(supp, cap);
          conf = ensureFloat64(conf, cap);
          lift = ensureFloat64(lift, cap);
          lev = ensureFloat64(lev, cap);
          conv = ensureFloat64(conv, cap);
        }
        aIt = ensureInt32(aIt, aUsed + L);
        cIt = ensureInt32(cIt, cUsed + k);
        for (let t = 0; t < L; t++) {
          if (((ym >>> t) & 1) === 0) aIt[aUsed++] = members[from + t]!;
          else cIt[cUsed++] = members[from + t]!;
        }
        aOff[r + 1] = aUsed;
        cOff[r + 1] = cUsed;
        cnt[r] = z;
        xCnt[r] = xc;
        yCnt[r] = yc;
        supp[r] = z / n;
        conf[r] = c;
        lift[r] = li;
        lev[r] = z / n - (xc / n) * sy;
        conv[r] = c === 1 ? Infinity : (1 - sy) / (1 - c);
        r++;
      }
    }
  }
  return {
    items: sets.items,
    basketCount: n,
    minSupport: sets.minSupport,
    minConfidence,
    minLift,
    length: r,
    antecedentOffsets: aOff.slice(0, r + 1),
    antecedents: aIt.slice(0, aUsed),
    consequentOffsets: cOff.slice(0, r + 1),
    consequents: cIt.slice(0, cUsed),
    count: cnt.slice(0, r),
    antecedentCount: xCnt.slice(0, r),
    consequentCount: yCnt.slice(0, r),
    support: supp.slice(0, r),
    confidence: conf.slice(0, r),
    lift: lift.slice(0, r),
    leverage: lev.slice(0, r),
    conviction: conv.slice(0, r),
  };
}
