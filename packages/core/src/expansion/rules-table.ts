import { defineTable, type ReportTable } from '../report/report-table.js';
import type { RuleSet } from './association-rules.js';
import type { ItemValues } from './item-values.js';
import { itemsetLabel } from './rule-query.js';

/** One rule as a table row. */
export interface RuleRow {
  antecedent: string;
  consequent: string;
  count: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  conviction: number;
  /** Value of one purchase of the consequent (margin when product costs are known, else revenue); null when unknown. */
  consequentValue: number | null;
  /** confidence × consequentValue: what a basket holding the antecedent is expected to add through the consequent. */
  expectedValue: number | null;
}

/** The rules table, declared once for every surface. */
export const RULES_TABLE = defineTable<RuleRow>('expansion.rules', 'Association rules', [
  {
    key: 'antecedent',
    label: 'If a basket holds',
    kind: 'text',
    value: (r) => r.antecedent,
    description: 'The antecedent X of the rule X ⇒ Y.',
  },
  { key: 'consequent', label: 'It also holds', kind: 'text', value: (r) => r.consequent, description: 'The consequent Y.' },
  { key: 'baskets', label: 'Baskets', kind: 'count', value: (r) => r.count, description: 'Baskets holding X and Y together.' },
  { key: 'support', label: 'Support', kind: 'share', value: (r) => r.support, description: 'Share of all baskets holding X and Y.' },
  {
    key: 'confidence',
    label: 'Confidence',
    kind: 'probability',
    value: (r) => r.confidence,
    description: 'Share of the baskets holding X that also hold Y: P(Y | X).',
  },
  {
    key: 'lift',
    label: 'Lift',
    kind: 'ratio',
    value: (r) => r.lift,
    description: 'Confidence divided by the share of all baskets holding Y: how many times the usual rate.',
  },
  {
    key: 'leverage',
    label: 'Leverage',
    kind: 'number',
    unit: 'share of baskets',
    value: (r) => r.leverage,
    description: 'supp(X ∪ Y) − supp(X)·supp(Y): the share of baskets above independence.',
  },
  {
    key: 'conviction',
    label: 'Conviction',
    kind: 'ratio',
    value: (r) => r.conviction,
    description: '(1 − supp(Y)) / (1 − confidence); empty when the rule never fails (infinite).',
  },
  {
    key: 'consequent_value',
    label: 'Value of Y',
    kind: 'money',
    unit: 'per purchase',
    value: (r) => r.consequentValue,
    description: 'Mean gross margin (or revenue when costs are unknown) of a basket line of Y.',
  },
  {
    key: 'expected_value',
    label: 'Expected value',
    kind: 'money',
    unit: 'per basket with X',
    value: (r) => r.expectedValue,
    description: 'Confidence × value of Y.',
  },
]);

/**
 * Table rows for the given rules (in the given order), with the consequent's value when known.
 * @example
 * ruleRows(rules, queryRules(rules, { limit: 1 }))[0].antecedent; // → '{herbs}'
 */
export function ruleRows(rules: RuleSet, indices: ArrayLike<number>, values?: ItemValues): RuleRow[] {
  const out: RuleRow[] = [];
  for (let k = 0; k < indices.length; k++) {
    const r = indices[k]!;
    let v: number | null = null;
    if (values) {
      let s = 0;
      for (let t = rules.consequentOffsets[r]!; t < rules.consequentOffsets[r + 1]!; t++) s += values.value[rules.consequents[t]!]!;
      v = Number.isFinite(s) ? s : null;
    }
    out.push({
      antecedent: itemsetLabel(rules.items, rules.antecedents, rules.antecedentOffsets[r]!, rules.antecedentOffsets[r + 1]!),
      consequent: itemsetLabel(rules.items, rules.consequents, rules.consequentOffsets[r]!, rules.consequentOffsets[r + 1]!),
      count: rules.count[r]!,
      support: rules.support[r]!,
      confidence: rules.confidence[r]!,
      lift: rules.lift[r]!,
      leverage: rules.leverage[r]!,
      conviction: rules.conviction[r]!,
      consequentValue: v,
      expectedValue: v === null ? null : v * rules.confidence[r]!,
    });
  }
  return out;
}

/** The thresholds and definitions printed under the rules table. */
export function rulesNotes(rules: RuleSet, values?: ItemValues): string[] {
  const notes = [
    `${rules.length.toLocaleString('en-US')} rules from ${rules.basketCount.toLocaleString('en-US')} baskets: support ≥ ${rules.minSupport}, confidence ≥ ${rules.minConfidence}${rules.minLift > 0 ? `, lift ≥ ${rules.minLift}` : ''}; frequent itemsets by FP-growth (Han, Pei & Yin 2000).`,
    'Support = share of baskets holding X and Y; confidence = P(Y | X); lift = confidence ÷ share of baskets holding Y (1 = no association).',
  ];
  if (values)
    notes.push(
      values.kind === 'margin'
        ? `Values are gross margins per purchase from the product costs${values.currency ? ` (${values.currency})` : ''}.`
        : 'No product costs: values are revenue per purchase, not margin.',
    );
  return notes;
}

/** The rules as a rendered table (rows in the order of `indices`). */
export function rulesTable(rules: RuleSet, indices: ArrayLike<number>, values?: ItemValues): ReportTable {
  return RULES_TABLE(ruleRows(rules, indices, values), { notes: rulesNotes(rules, values) });
}
