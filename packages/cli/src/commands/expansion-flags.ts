import { CvmError, InputError, readProductCatalog, type Engine, type ProductCatalog } from '@cvm/core';
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
    throw new InputError('bad_usage', `--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}; got "${text}"`, {
      flag: name,
      value: text,
    });
  }
  return v;
}

/** The rule thresholds given on the command line. */
export function ruleFlagsOf(values: Values): {
  minSupport?: number;
  minConfidence?: number;
  minLift?: number;
  maxLength?: number;
  maxItemsets?: number;
} {
  return {
    minSupport: numberFlag(values, 'min-support', Number.MIN_VALUE, 1),
    minConfidence: numberFlag(values, 'min-confidence', 0, 1),
    minLift: numberFlag(values, 'min-lift', 0, Number.MAX_VALUE),
    maxLength: numberFlag(values, 'max-length', 1, 1000, true),
    maxItemsets: numberFlag(values, 'max-itemsets', 1, 1e9, true),
  };
}

/**
 * The product → category map of `cvm rules --level category` and `cvm headroom`: the --products
 * file, else (when `fromLog`) the log FILE's own category column (a product id column and a
 * category, department, … column, as a product file). Undefined when neither gives one.
 * @throws InputError from `readProductCatalog` (a product listed with two categories, …)
 */
export async function catalogOf(
  engine: Engine,
  values: Values,
  positionals: readonly string[],
  fromLog: boolean,
): Promise<ProductCatalog | undefined> {
  const file = stringOf(values.products),
    column = stringOf(values['category-col']);
  if (file !== undefined) return readProductCatalog(engine, file, column);
  if (!fromLog || positionals.length !== 1) return undefined;
  try {
    return await readProductCatalog(engine, positionals[0]!, column);
  } catch (error) {
    // a log without a category column: the caller says what to give instead
    if (error instanceof CvmError && error.code === 'missing_columns' && column === undefined) return undefined;
    if (error instanceof CvmError && error.code === 'duplicate_product') {
      throw new InputError(
        'duplicate_product',
        `The log's category column gives product ${String(error.context.product)} more than one category (from data line ${String(error.context.line)}); give a product file with one category per product (--products FILE)`,
        error.context,
      );
    }
    throw error;
  }
}
