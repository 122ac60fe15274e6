// idIndex and alignValues against a brute-force search (indexOf) on shuffled, partly overlapping id lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignValues, idIndex } from '../../src/customers/id-index.js';
import { createRng } from '../../src/math/random/rng.js';

function shuffled(ids: string[], seed: number): string[] {
  const rng = createRng(seed),
    out = [...ids];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

test('idIndex: the position of every target id (−1 when absent), as indexOf finds it', () => {
  const ids = Array.from({ length: 500 }, (_, i) => `c${i}`);
  const target = shuffled([...ids.slice(100), ...Array.from({ length: 50 }, (_, i) => `new${i}`)], 7);
  const index = idIndex(ids, target)!;
  assert.equal(index.length, target.length);
  for (let j = 0; j < target.length; j++) assert.equal(index[j], ids.indexOf(target[j]!), `target ${target[j]}`);
  // asked again for the same two arrays: the same index, not recomputed
  assert.equal(idIndex(ids, target), index);
});

test('idIndex: null for the same customers in the same order (same array or equal element by element)', () => {
  const ids = ['b', 'a', 'c'];
  assert.equal(idIndex(ids, ids), null);
  assert.equal(idIndex(ids, ['b', 'a', 'c']), null);
  assert.notEqual(idIndex(ids, ['a', 'b', 'c']), null);
  assert.notEqual(idIndex(ids, ['b', 'a']), null);
});

test('alignValues: values in the target order, the missing value for unknown ids, the input itself when aligned', () => {
  const ids = ['x', 'y', 'z'],
    v = Float64Array.of(1, 2, 3);
  assert.deepEqual(Array.from(alignValues(ids, v, ['z', 'q', 'x'])), [3, Number.NaN, 1]);
  assert.deepEqual(Array.from(alignValues(ids, v, ['z', 'q', 'x'], 0)), [3, 0, 1]);
  assert.equal(alignValues(ids, v, ids), v);
  // an empty list on either side
  assert.deepEqual(Array.from(alignValues([], new Float64Array(0), ['a'])), [Number.NaN]);
  assert.deepEqual(Array.from(alignValues(ids, v, [])), []);
});
