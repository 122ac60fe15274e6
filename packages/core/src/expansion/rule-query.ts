import { InputError } from '../errors.js';
import { RULE_MEASURES, type RuleMeasure, type RuleSet } from './association-rules.js';

export interface RuleQuery {
  /** Keep rules that mention this item (its label, exactly). */
  item?: string;
  /** Where the item must appear (default `any`). */
  side?: 'any' | 'antecedent' | 'consequent';
  /** Sort measure, descending (default `lift`); ties by support, then by rule order. */
  sortBy?: RuleMeasure;
  /** Keep the first `limit` rules after sorting. */
  limit?: number;
}

/** An itemset as arules prints it: `{herbs}`, `{other vegetables, whole milk}`. */
export function itemsetLabel(items: readonly string[], members: Int32Array, from: number, to: number): string {
  const names: string[] = [];
  for (let k = from; k < to; k++) names.push(items[members[k]!]!);
  return `{${names.join(', ')}}`;
}

function mentions(members: Int32Array, offsets: Int32Array, r: number, item: number): boolean {
  for (let k = offsets[r]!; k < offsets[r + 1]!; k++) if (members[k] === item) return true;
  return false;
}

/**
 * Selects and orders rules: filter by an item, sort by a measure (descending), cut to a limit.
 * Returns rule indices.
 * @throws InputError `unknown_item` (with the closest labels), `bad_sort_measure`
 * @example
 * const top = queryRules(rules, { item: 'herbs', side: 'antecedent', sortBy: 'confidence', limit: 5 });
 * rules.confidence[top[0]]; // the most confident rule with herbs on the left
 */
export function queryRules(rules: RuleSet, q: RuleQuery = {}): Int32Array {
  const by = q.sortBy ?? 'lift';
  if (!RULE_MEASURES.includes(by))
    throw new InputError('bad_sort_measure', `Rules sort by one of ${RULE_MEASURES.join(', ')}; got "${String(by)}"`, { sortBy: by });
  let keep: number[] = Array.from({ length: rules.length }, (_, r) => r);
  if (q.item !== undefined) {
    const id = rules.items.indexOf(q.item);
    if (id < 0) {
      const t = q.item.toLowerCase();
      const close = rules.items.filter((s) => s.toLowerCase().includes(t)).slice(0, 5);
      throw new InputError(
        'unknown_item',
        `No item "${q.item}" in the baskets${close.length ? `; did you mean ${close.map((s) => `"${s}"`).join(', ')}?` : ` (${rules.items.length} items, e.g. ${rules.items.slice(0, 3).join(', ')})`}`,
        { item: q.item, close },
      );
    }
    const side = q.side ?? 'any';
    keep = keep.filter(
      (r) =>
        (side !== 'consequent' && mentions(rules.antecedents, rules.antecedentOffsets, r, id)) ||
        (side !== 'antecedent' && mentions(rules.consequents, rules.consequentOffsets, r, id)),
    );
  }
  const m = rules[by] as ArrayLike<number>;
  keep.sort((a, b) => (m[b]! === m[a]! ? 0 : m[b]! > m[a]! ? 1 : -1) || rules.support[b]! - rules.support[a]! || a - b);
  return Int32Array.from(q.limit === undefined ? keep : keep.slice(0, Math.max(0, q.limit)));
}
