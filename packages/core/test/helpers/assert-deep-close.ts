import assert from 'node:assert/strict';

/**
 * Deep equality where non-integer numbers (in plain arrays, typed arrays and objects) may differ by
 * `rel` relative to max(1, |expected|): for results of two engines whose floating-point sums add in
 * different orders (money equal far inside a cent), while counts, integers, strings and structure
 * must match exactly. Fails with the path of the first difference.
 */
export function assertDeepClose(actual: unknown, expected: unknown, rel = 1e-9, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Object.is(actual, expected) || (Number.isNaN(expected) && Number.isNaN(actual))) return; // NaN, ±Infinity
    if (Number.isInteger(expected) && Number.isInteger(actual)) {
      assert.equal(actual, expected, `${path}: ${actual} vs ${expected}`);
      return;
    }
    assert.ok(
      Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)),
      `${path}: actual ${actual}, expected ${expected}, tolerance ${rel} relative`,
    );
    return;
  }
  if (ArrayBuffer.isView(expected) && ArrayBuffer.isView(actual)) {
    const a = actual as unknown as ArrayLike<number>,
      e = expected as unknown as ArrayLike<number>;
    assert.equal(a.length, e.length, `${path}.length`);
    for (let i = 0; i < e.length; i++) assertDeepClose(a[i], e[i], rel, `${path}[${i}]`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    assert.equal(actual.length, expected.length, `${path}.length`);
    expected.forEach((e, i) => assertDeepClose(actual[i], e, rel, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
    for (const k of Object.keys(expected))
      assertDeepClose((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], rel, `${path}.${k}`);
    return;
  }
  assert.deepEqual(actual, expected, path);
}
