import type { SqlValue } from '../engine/engine.js';
import { sqlIdent } from '../engine/sql.js';
import { InputError } from '../errors.js';

/** Comparison operators of an audience rule. */
export type RuleOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

/** One condition `column op value` (or `column [NOT] IN (v, …)`). */
export interface RuleCondition {
  column: string;
  op: RuleOp;
  values: (string | number)[];
}

/** Column types an audience rule may test. */
export type RuleColumnType = 'number' | 'text';

/** A rule compiled to a SQL condition with bound parameters `$start`, `$start+1`, …. */
export interface CompiledRule {
  sql: string;
  params: SqlValue[];
}

type Token = { kind: 'word' | 'number' | 'string' | 'op' | 'punct'; text: string; at: number };

const fail = (rule: string, at: number, what: string): never => {
  throw new InputError(
    'bad_audience_rule',
    `Audience rule: ${what} at character ${at + 1} of "${rule}". Write conditions as column op value joined by AND, e.g. value_tier = 'Gold' AND r_score >= 4`,
    { rule, at },
  );
};

function tokenize(rule: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const ch = rule[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = rule.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^(<=|>=|!=|<>|=|<|>)/.exec(rest))) {
      out.push({ kind: 'op', text: m[1] === '<>' ? '!=' : m[1]!, at: i });
      i += m[1]!.length;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ kind: 'punct', text: ch, at: i });
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1,
        s = '';
      for (;;) {
        if (j >= rule.length) fail(rule, i, 'an unclosed quote');
        if (rule[j] === ch && rule[j + 1] === ch) {
          s += ch;
          j += 2;
          continue;
        }
        if (rule[j] === ch) break;
        s += rule[j];
        j++;
      }
      out.push({ kind: 'string', text: s, at: i });
      i = j + 1;
      continue;
    }
    if ((m = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(?![\w.])/.exec(rest))) {
      out.push({ kind: 'number', text: m[0], at: i });
      i += m[0].length;
      continue;
    }
    if ((m = /^[A-Za-z_][\w-]*/.exec(rest))) {
      out.push({ kind: 'word', text: m[0], at: i });
      i += m[0].length;
      continue;
    }
    fail(rule, i, `an unexpected character ${JSON.stringify(ch)}`);
  }
  return out;
}

/**
 * Parses an audience rule: conditions `column op value` joined by AND, where op is =, !=, <>, <, <=,
 * >, >=, IN (…) or NOT IN (…); a value is a number, a quoted string ('Gold' or "Gold") or a bare
 * word (Gold). Keywords are case-insensitive. No OR, no functions, no expressions: what cannot be
 * written cannot reach the database.
 *
 * @throws InputError `bad_audience_rule` naming the position and what was found.
 * @example
 * parseAudienceRule("value_tier = Gold AND r_score >= 4");
 * // => [{ column: 'value_tier', op: '=', values: ['Gold'] }, { column: 'r_score', op: '>=', values: [4] }]
 */
export function parseAudienceRule(rule: string): RuleCondition[] {
  const t = tokenize(rule);
  if (t.length === 0) fail(rule, 0, 'an empty rule');
  const out: RuleCondition[] = [];
  let i = 0;
  const value = (): string | number => {
    const v = t[i];
    if (!v || (v.kind !== 'number' && v.kind !== 'string' && v.kind !== 'word'))
      return fail(rule, v?.at ?? rule.length, 'a value is missing');
    i++;
    return v.kind === 'number' ? Number(v.text) : v.text;
  };
  for (;;) {
    const col = t[i];
    if (!col || col.kind !== 'word') fail(rule, col?.at ?? rule.length, 'a column name is missing');
    i++;
    const o = t[i];
    let op: RuleOp;
    if (o?.kind === 'op') {
      op = o.text as RuleOp;
      i++;
    } else if (o?.kind === 'word' && o.text.toLowerCase() === 'in') {
      op = 'in';
      i++;
    } else if (o?.kind === 'word' && o.text.toLowerCase() === 'not' && t[i + 1]?.text.toLowerCase() === 'in') {
      op = 'not in';
      i += 2;
    } else return fail(rule, o?.at ?? rule.length, `an operator (=, !=, <, <=, >, >=, IN, NOT IN) is missing after ${col!.text}`);
    const values: (string | number)[] = [];
    if (op === 'in' || op === 'not in') {
      if (t[i]?.text !== '(') fail(rule, t[i]?.at ?? rule.length, `IN needs a list in parentheses`);
      i++;
      for (;;) {
        values.push(value());
        if (t[i]?.text === ',') {
          i++;
          continue;
        }
        if (t[i]?.text === ')') {
          i++;
          break;
        }
        fail(rule, t[i]?.at ?? rule.length, 'a comma or closing parenthesis is missing');
      }
    } else values.push(value());
    out.push({ column: col!.text, op, values });
    if (i >= t.length) break;
    const and = t[i]!;
    if (and.kind !== 'word' || and.text.toLowerCase() !== 'and')
      fail(
        rule,
        and.at,
        and.kind === 'word' && and.text.toLowerCase() === 'or'
          ? 'OR is not supported (define two campaigns or use IN (…))'
          : 'AND is missing between conditions',
      );
    i++;
  }
  return out;
}

/**
 * Compiles parsed conditions to a SQL condition over a relation whose columns are listed in
 * `columns`: identifiers are checked against that list and quoted, values are bound parameters
 * numbered from `start`. Text columns accept =, !=, IN and NOT IN; numbers need numeric values.
 *
 * @throws InputError `unknown_audience_column` (with the columns available), `bad_audience_rule`.
 * @example
 * compileAudienceRule(parseAudienceRule('value_tier = Gold AND r_score >= 4'), { value_tier: 'text', r_score: 'number' });
 * // => { sql: '"value_tier" = $1 AND "r_score" >= $2', params: ['Gold', 4] }
 */
export function compileAudienceRule(
  conditions: readonly RuleCondition[],
  columns: Record<string, RuleColumnType>,
  start = 1,
): CompiledRule {
  const params: SqlValue[] = [];
  const parts = conditions.map((c) => {
    const name = Object.keys(columns).find((k) => k.toLowerCase() === c.column.toLowerCase());
    if (!name)
      throw new InputError(
        'unknown_audience_column',
        `Audience rule: no column "${c.column}"; the rule can test ${Object.keys(columns).join(', ')}`,
        { column: c.column, available: Object.keys(columns) },
      );
    const type = columns[name]!;
    if (type === 'text' && !['=', '!=', 'in', 'not in'].includes(c.op))
      throw new InputError('bad_audience_rule', `Audience rule: ${name} is text; use =, !=, IN or NOT IN (got ${c.op})`, {
        column: name,
        op: c.op,
      });
    const bind = (v: string | number): string => {
      let value: SqlValue = v;
      if (type === 'number') {
        const n = typeof v === 'number' ? v : Number(v);
        if (!Number.isFinite(n) || (typeof v === 'string' && v.trim() === ''))
          throw new InputError('bad_audience_rule', `Audience rule: ${name} is a number; got ${JSON.stringify(v)}`, {
            column: name,
            value: v,
          });
        value = n;
      } else value = String(v);
      params.push(value);
      return `$${start + params.length - 1}`;
    };
    const ident = sqlIdent(name);
    if (c.op === 'in' || c.op === 'not in') return `${ident} ${c.op === 'in' ? 'IN' : 'NOT IN'} (${c.values.map(bind).join(', ')})`;
    return `${ident} ${c.op} ${bind(c.values[0]!)}`;
  });
  return { sql: parts.join(' AND '), params };
}
