// listOf (args.ts): the one parser of list flags (--outcome, --by, --audience, --uplift-features),
// shared by `cvm campaign analyze` and the workspace campaign commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listOf, parse } from '../src/args.js';

test('comma-separated, repeated or both: one trimmed list without empty items', () => {
  assert.deepEqual(listOf('a,b'), ['a', 'b']);
  assert.deepEqual(listOf(['a, b', ' c ', '']), ['a', 'b', 'c']);
  assert.deepEqual(listOf(',,'), []);
});

test('absent or boolean flags give an empty list', () => {
  assert.deepEqual(listOf(undefined), []);
  assert.deepEqual(listOf(true), []);
});

test('as parsed from argv: --by repeated and comma-separated', () => {
  const { values } = parse(['--by', 'value_tier,region', '--by', ' channel '], { by: { type: 'string', multiple: true } });
  assert.deepEqual(listOf(values.by), ['value_tier', 'region', 'channel']);
});
