import { InputError } from '../../errors.js';

/**
 * The one check of model parameters at the API boundary (predictions, simulations): every named
 * parameter must be a finite number > 0. One error code for every model.
 * @param names - the parameters to check (default: every key of `params`)
 * @param fn - the public function called, named in the message
 * @throws InputError `invalid_params` naming the first bad parameter and its value
 * @example
 * checkPositiveParams({ r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 }, 'bgNbdPAlive'); // passes
 */
export function checkPositiveParams(
  params: Readonly<Record<string, number>>,
  fn: string,
  names: readonly string[] = Object.keys(params),
): void {
  for (const k of names) {
    const v = params[k];
    if (!(typeof v === 'number' && v > 0 && v < Infinity)) {
      throw new InputError(
        'invalid_params',
        `${fn}: parameter ${k} must be a finite number > 0; got ${v}. Pass the params of a fit (fit.params).`,
        { param: k, value: v },
      );
    }
  }
}

/**
 * The one check of a whole-number argument ≥ 0 (a purchase count k, a number of customers n).
 * @throws InputError `invalid_count` naming the argument and its value
 * @example
 * checkWholeNumber(3, 'k', 'bgNbdProbabilityOfPurchases'); // passes
 */
export function checkWholeNumber(v: number, name: string, fn: string): void {
  if (!(Number.isInteger(v) && v >= 0))
    throw new InputError('invalid_count', `${fn}: ${name} must be an integer ≥ 0; got ${v}.`, { [name]: v });
}

/**
 * The one check of a prediction horizon: t must be a finite number ≥ 0, in the time unit of the
 * summary (days or weeks).
 * @throws InputError `bad_horizon` naming the function and the value
 * @example
 * checkHorizon(52, 'bgNbdExpectedPurchases'); // passes
 */
export function checkHorizon(t: number, fn: string): void {
  if (!(t >= 0 && t < Infinity))
    throw new InputError('bad_horizon', `${fn}: horizon t must be a finite number ≥ 0 (in the time unit of T); got ${t}.`, { t });
}

/**
 * The one check of a purchase count k (an integer ≥ 0); see {@link checkWholeNumber}.
 * @throws InputError `invalid_count`
 * @example
 * checkCount(2, 'bgNbdProbabilityOfPurchases'); // passes
 */
export function checkCount(k: number, fn: string): void {
  checkWholeNumber(k, 'k', fn);
}
