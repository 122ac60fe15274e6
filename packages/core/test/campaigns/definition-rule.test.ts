import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCampaign, parseCampaign } from '../../src/campaigns/campaign-definition.js';
import { compileAudienceRule, parseAudienceRule } from '../../src/campaigns/audience-rule.js';
import { AUDIENCE_COLUMNS } from '../../src/campaigns/campaign-sql.js';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { InputError } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const BASE =
  'name: Win back lapsed Gold\ntarget: {rule: "value_tier = Gold"}\naction: 20% voucher by e-mail\nsend_date: 2024-03-01\nresponse_window_days: 30\n';
const err =
  (code: string, pattern: RegExp) =>
  (e: unknown): boolean =>
    e instanceof InputError && e.code === code && pattern.test(e.message);

test('campaign definition: defaults, derived id and window end', () => {
  const c = parseCampaign(BASE);
  assert.equal(c.id, 'win-back-lapsed-gold');
  assert.equal(c.salt, 'win-back-lapsed-gold');
  assert.equal(c.controlShare, 0.1);
  assert.equal(c.holdoutShare, 0);
  assert.equal(c.windowEnd, '2024-03-31', '30 days from 2024-03-01: the 1st is day 1, the 30th the last day');
  assert.equal(c.target.kind, 'rule');
  const j = parseCampaign(
    JSON.stringify({
      name: 'X',
      id: 'x-1',
      target: { ids: [3, '4', 3] },
      action: 'call',
      send_date: '2024-02-28',
      response_window_days: 2,
      control_share: 0.2,
      global_holdout_share: 0.05,
      salt: 's',
      margin_pct: 30,
      cost_per_contact: 0.5,
    }),
  );
  assert.deepEqual(j.target, { kind: 'ids', ids: ['3', '4'], source: 'inline' });
  assert.equal(j.windowEnd, '2024-03-01', 'leap year: 28 + 2 days');
  assert.deepEqual([j.controlShare, j.holdoutShare, j.marginPct, j.costPerContact], [0.2, 0.05, 30, 0.5]);
});

test('campaign definition: a control group of zero and other bad input are typed errors naming the field', () => {
  assert.throws(
    () => parseCampaign(BASE + 'control_share: 0\n'),
    err('bad_campaign', /control_share is 0: a control group of zero measures nothing/),
  );
  assert.throws(
    () => parseCampaign(BASE + 'control_share: 10\n'),
    err('bad_campaign', /control_share must be a share between 0 and 1 \(0\.1 = 10%\); got 10/),
  );
  assert.throws(
    () => parseCampaign(BASE + 'global_holdout_share: 1\n'),
    err('bad_campaign', /global_holdout_share must be a share in \[0, 1\)/),
  );
  assert.throws(() => parseCampaign(BASE + 'colour: red\n'), err('bad_campaign', /unknown field colour/));
  assert.throws(() => parseCampaign(BASE.replace('send_date: 2024-03-01\n', '')), err('bad_campaign', /send_date is missing/));
  assert.throws(() => parseCampaign(BASE.replace('2024-03-01', '2024-02-30')), err('bad_campaign', /send_date must be a date YYYY-MM-DD/));
  assert.throws(
    () => parseCampaign(BASE.replace('"value_tier = Gold"', '"value_tier = Gold OR x = 1"')),
    err('bad_campaign', /OR is not supported/),
  );
  assert.throws(
    () => parseCampaign(BASE.replace('{rule: "value_tier = Gold"}', '{rule: a, ids: [1]}')),
    err('bad_campaign', /target needs exactly one of rule/),
  );
  assert.throws(() => parseCampaign('[1, 2]'), err('bad_campaign', /must be a map/));
});

test('campaign file with an ids_file read relative to it (header or plain list, duplicates once)', async () => {
  const dir = tempDir('cvm-campaign-');
  writeFileSync(join(dir, 'ids.csv'), 'email,customer_id\na@x,17\nb@x,"18"\nc@x,17\n');
  writeFileSync(join(dir, 'c.yaml'), BASE.replace('{rule: "value_tier = Gold"}', '{ids_file: ids.csv}'));
  const c = await loadCampaign(join(dir, 'c.yaml'));
  assert.deepEqual(c.target.kind === 'ids' && c.target.ids, ['17', '18']);
  writeFileSync(join(dir, 'plain.txt'), '5\n6\n\n7\n');
  writeFileSync(join(dir, 'd.yaml'), BASE.replace('{rule: "value_tier = Gold"}', '{ids_file: plain.txt}'));
  assert.deepEqual((await loadCampaign(join(dir, 'd.yaml'))).target, { kind: 'ids', ids: ['5', '6', '7'], source: join(dir, 'plain.txt') });
  await assert.rejects(loadCampaign(join(dir, 'none.yaml')), err('campaign_unreadable', /Cannot read the campaign file/));
});

test('audience rule: parsed, compiled to bound parameters; user text never becomes SQL', async () => {
  const conds = parseAudienceRule(`value_tier IN (Gold, 'Platinum') and r_score >= 4 AND lifecycle_stage != "at_risk" AND value > -1e2`);
  const c = compileAudienceRule(conds, AUDIENCE_COLUMNS);
  assert.equal(c.sql, '"value_tier" IN ($1, $2) AND "r_score" >= $3 AND "lifecycle_stage" != $4 AND "value" > $5');
  assert.deepEqual(c.params, ['Gold', 'Platinum', 4, 'at_risk', -100]);
  // an injection attempt is a value, bound as a parameter, and matches nothing
  const evil = compileAudienceRule(parseAudienceRule(`value_tier = 'x'' OR 1=1; DROP TABLE t; --'`), AUDIENCE_COLUMNS);
  assert.deepEqual(evil.params, ["x' OR 1=1; DROP TABLE t; --"]);
  const engine = createDuckDbEngine();
  try {
    await engine.exec("CREATE TABLE t AS SELECT 'Gold' AS value_tier UNION ALL SELECT 'Silver'");
    assert.equal((await engine.rows(`SELECT * FROM t WHERE ${evil.sql}`, evil.params)).length, 0);
    assert.equal((await engine.rows('SELECT count(*) AS n FROM t'))[0]!.n, 2, 'the table is still there');
  } finally {
    await engine.close();
  }
  assert.throws(
    () => compileAudienceRule(parseAudienceRule('colour = red'), AUDIENCE_COLUMNS),
    err('unknown_audience_column', /no column "colour"; the rule can test customer_id, r_score/),
  );
  assert.throws(
    () => compileAudienceRule(parseAudienceRule('value_tier > Gold'), AUDIENCE_COLUMNS),
    err('bad_audience_rule', /value_tier is text; use =, !=, IN or NOT IN/),
  );
  assert.throws(
    () => compileAudienceRule(parseAudienceRule('r_score = high'), AUDIENCE_COLUMNS),
    err('bad_audience_rule', /r_score is a number; got "high"/),
  );
  assert.throws(() => parseAudienceRule('r_score >= 4 AND'), err('bad_audience_rule', /a column name is missing/));
});
