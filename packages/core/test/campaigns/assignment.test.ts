import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { assignArms, GLOBAL_HOLDOUT_SALT, hashUnit } from '../../src/campaigns/assignment.js';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { chiSquareGoodnessOfFit } from '../../src/math/stats/goodness-of-fit.js';

const ids = Array.from({ length: 100_000 }, (_, i) => `C${i + 1}`);

test('hashUnit is SHA-256 of "salt:id": equals Node createHash and DuckDB sha256()', async () => {
  for (const [salt, id] of [
    ['spring-2024', '42'],
    ['s', 'Ünïcode ✓'],
    ['', ''],
  ]) {
    const hex = createHash('sha256').update(`${salt}:${id}`, 'utf8').digest('hex');
    assert.equal(hashUnit(salt!, id!), Number.parseInt(hex.slice(0, 13), 16) / 2 ** 52);
  }
  const engine = createDuckDbEngine();
  try {
    const rows = await engine.rows<{ id: string; h: string }>(
      "SELECT CAST(i AS VARCHAR) AS id, sha256('camp:' || CAST(i AS VARCHAR)) AS h FROM range(1, 200) t(i)",
    );
    for (const r of rows) assert.equal(hashUnit('camp', r.id), Number.parseInt(r.h.slice(0, 13), 16) / 2 ** 52, `id ${r.id}`);
  } finally {
    await engine.close();
  }
});

test('assignment is stable: same salt → identical groups; another salt → a different, balanced split', () => {
  const a = assignArms(ids, { salt: 'spring', controlShare: 0.1, holdoutShare: 0 });
  const b = assignArms([...ids].reverse(), { salt: 'spring', controlShare: 0.1, holdoutShare: 0 });
  const armOf = (x: typeof a) => new Map(x.ids.map((id, i) => [id, x.arm[i]]));
  assert.deepEqual(armOf(a), armOf(b), 'order of the audience does not matter');
  const c = assignArms(ids, { salt: 'autumn', controlShare: 0.1, holdoutShare: 0 });
  // balanced: control share within 4 binomial standard errors of 10%
  for (const x of [a, c]) {
    const share = x.counts.control / ids.length;
    assert.ok(Math.abs(share - 0.1) < 4 * Math.sqrt(0.09 / ids.length), `control share ${share}`);
  }
  // different: independent salts agree on control membership only by chance (expected 1% of customers in both)
  let both = 0,
    differ = 0;
  for (let i = 0; i < ids.length; i++) {
    if (a.arm[i] === 1 && c.arm[i] === 1) both++;
    if (a.arm[i] !== c.arm[i]) differ++;
  }
  assert.ok(differ > 15_000, `${differ} customers change arm with another salt`);
  assert.ok(
    Math.abs(both / ids.length - 0.01) < 4 * Math.sqrt(0.0099 / ids.length),
    `in both control groups: ${both} (independence: ~1,000)`,
  );
  // uniform: deciles of the hash numbers
  const deciles = new Array(10).fill(0);
  for (const u of a.u) deciles[Math.floor(u * 10)]++;
  assert.ok(chiSquareGoodnessOfFit(deciles, new Array(10).fill(1)).pValue > 1e-4, `deciles ${deciles}`);
  assert.deepEqual(a.planned, [0.9, 0.1, 0]);
});

test('the global holdout is the same customers in every campaign and nested across shares', () => {
  const x = assignArms(ids, { salt: 'one', controlShare: 0.1, holdoutShare: 0.05 });
  const y = assignArms(ids, { salt: 'two', controlShare: 0.3, holdoutShare: 0.05 });
  const z = assignArms(ids, { salt: 'three', controlShare: 0.1, holdoutShare: 0.1 });
  const held = (a: typeof x) => new Set(a.ids.filter((_, i) => a.arm[i] === 2));
  assert.deepEqual(held(x), held(y), 'same holdout whatever the campaign salt');
  for (const id of held(x)) assert.ok(held(z).has(id), 'a 5% holdout is inside the 10% holdout');
  assert.ok(Math.abs(x.counts.holdout / ids.length - 0.05) < 4 * Math.sqrt(0.0475 / ids.length));
  for (const id of held(x)) assert.ok(hashUnit(GLOBAL_HOLDOUT_SALT, id) < 0.05);
  const dup = assignArms(['1', '2', '1'], { salt: 's', controlShare: 0.5, holdoutShare: 0 });
  assert.equal(dup.duplicates, 1);
  assert.deepEqual(dup.ids, ['1', '2']);
});
