import { InputError } from '../errors.js';
import { filterSchema } from '../tables/served-table.js';
import { parseFilter } from '../tables/table-query-sql.js';
import { parseAudienceRule, type RuleCondition } from './audience-rule.js';

/** Rule operators of the filter operators (`contains` has none: an audience is an exact rule). */
const OPS = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=', in: 'IN' } as const;

/** The rule of an empty filter list: every scored customer. */
export const EVERY_CUSTOMER_RULE = "customer_id != ''";

/** A rule value: a number as is when it reads back unchanged (so "007" stays text), text quoted with doubled quotes. */
const ruleValue = (v: string): string => (v.trim() !== '' && String(Number(v)) === v.trim() ? v.trim() : `'${v.replaceAll("'", "''")}'`);

/**
 * An audience written as customer-table filters `column:op:value` (the form the customer table, its
 * API and the dashboard use; several are AND-ed; `in` takes values separated by `|`) as an audience
 * rule (`value_tier = 'Gold' AND r_score >= 4`), which a campaign stores and re-evaluates on the
 * segment snapshot as of its send date. No filter means every scored customer.
 *
 * @throws InputError `bad_audience_filter` for a malformed filter or `contains` (a substring match is
 *   no stable audience); the rule's own errors (unknown columns) come when it is compiled.
 * @example
 * audienceRuleFromFilters(['value_tier:in:Gold|Platinum', 'r_score:gte:4']);
 * // => { rule: "value_tier IN ('Gold', 'Platinum') AND r_score >= 4", conditions: [...] }
 */
export function audienceRuleFromFilters(filters: readonly string[]): { rule: string; conditions: RuleCondition[] } {
  const parts = filters.map((f) => {
    if (!filterSchema.safeParse(f).success)
      throw new InputError(
        'bad_audience_filter',
        `Audience filter "${f}" must look like column:op:value with op eq, ne, gt, gte, lt, lte or in (values separated by |), e.g. value_tier:eq:Gold`,
        { filter: f },
      );
    const { column, op, value } = parseFilter(f);
    if (op === 'contains')
      throw new InputError(
        'bad_audience_filter',
        `Audience filter "${f}": contains is not allowed in an audience (a substring match is no stable rule); use eq or in`,
        { filter: f },
      );
    if (op === 'in') {
      const values = value.split('|').filter((v) => v.length > 0);
      if (values.length === 0)
        throw new InputError(
          'bad_audience_filter',
          `Audience filter "${f}": in needs values separated by |, e.g. value_tier:in:Gold|Platinum`,
          { filter: f },
        );
      return `${column} IN (${values.map(ruleValue).join(', ')})`;
    }
    return `${column} ${OPS[op]} ${ruleValue(value)}`;
  });
  const rule = parts.length === 0 ? EVERY_CUSTOMER_RULE : parts.join(' AND ');
  return { rule, conditions: parseAudienceRule(rule) };
}
