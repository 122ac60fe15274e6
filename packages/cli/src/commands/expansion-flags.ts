import { InputError } from '@cvm/core';
import { stringOf, type OptionSpecs, type Values } from '../args.js';

/** Rule thresholds shared by `cvm rules` and `cvm offers`. */
export const RULE_FLAGS: OptionSpecs = {
  'min-support': { type: 'string' },
  'min-confidence': { type: 'string' },
  'min-lift': { type: 'string' },
  'max-length': { type: 'string' },
  'max-itemsets': { type: 'string' },
  costs: { type: 'string' },
};

/** A number flag within [min, max] (undefined when absent). @throws InputError bad_usage */
export function numberFlag(values: Values, name: string, min: number, max: number, integer = false): number | undefined {
  const text = stringOf(values[name]);
  if (text === undefined) return undefined;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new InputError('bad_usage', `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got "${text}"`, { flag: name, value: text });
  }
  return v;
}

/** The rule thresholds given on the command line. */
export function ruleFlagsOf(values: Values): { minSupport?: number; minConfidence?: number; minLift?: number; maxLength?: number; maxItemsets?: number } {
  return {
    minSupport: numberFlag(values, 'min-support', Number.MIN_VALUE, 1),
    minConfidence: numberFlag(values, 'min-confidence', 0, 1),
    minLift: numberFlag(values, 'min-lift', 0, Number.MAX_VALUE),
    maxLength: numberFlag(values, 'max-length', 1, 1000, true),
    maxItemsets: numberFlag(values, 'max-itemsets', 1, 1e9, true),
  };
}
