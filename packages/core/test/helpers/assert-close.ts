import assert from 'node:assert/strict';

/**
 * Assert |actual − expected| ≤ tol (absolute) or, with `relative: true`, ≤ tol·|expected|.
 * The failure message prints what was computed, what was expected, the tolerance and a label
 * naming the input and the source of the expected value.
 */
export function assertClose(actual: number, expected: number, tol: number, label: string, relative = false): void {
  const err = Math.abs(actual - expected);
  const bound = relative ? tol * Math.abs(expected) : tol;
  if (!(err <= bound) && !(actual === expected)) {
    assert.fail(
      `${label}: actual ${actual}, expected ${expected}, |diff| ${err} > ${relative ? 'relative' : 'absolute'} tolerance ${tol}` +
        (relative ? ` (bound ${bound})` : ''),
    );
  }
}

/** Assert that every entry is a finite number; prints the first offending index and value. */
export function assertAllFinite(values: ArrayLike<number>, label: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) assert.fail(`${label}: entry ${i} is ${values[i]}, expected a finite number`);
  }
}
