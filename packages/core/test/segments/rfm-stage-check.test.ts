import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RFM_CLAIMS, rfmStageConflict } from '../../src/segments/rfm-stage-check.js';
import { RFM_SEGMENT_RULES, RFM_SEGMENTS, rfmSegmentIndex } from '../../src/segments/rfm-segments.js';
import { lifecycleStages, LIFECYCLE_STAGES } from '../../src/segments/lifecycle.js';

test('every RFM segment has a claim, and the claim follows its place on the documented grid', () => {
  assert.deepEqual(Object.keys(RFM_CLAIMS).sort(), [...RFM_SEGMENTS].sort());
  // independent of the claim table: "buying" segments sit in the upper rows (R ≥ 3), "gone" ones in the bottom two
  for (const rule of RFM_SEGMENT_RULES) {
    const claim = RFM_CLAIMS[rule.name];
    if (claim === 'buying') assert.ok(rule.r[0] >= 3, `${rule.name} R${rule.r.join('–')}`);
    if (claim === 'gone') assert.ok(rule.r[1] <= 2, `${rule.name} R${rule.r.join('–')}`);
    if (claim === 'buying') assert.doesNotMatch(rule.meaning, /long ago|lost/i);
  }
});

test('the issue\'s case: RFM "Loyal" (R4 F4 M4) for a customer whom P(alive) 0.01 makes churned is flagged', () => {
  const name = RFM_SEGMENTS[rfmSegmentIndex(Uint8Array.of(4), Uint8Array.of(4), Uint8Array.of(4), 5)[0]!]!;
  assert.equal(name, 'Loyal');
  // bought on days 0, 30, 60; as of day 100 the rhythm says active (40 ≤ 60 days) but P(alive) < 0.1 → churned (rule 3)
  const life = lifecycleStages(
    {
      firstDay: Float64Array.of(0),
      lastDay: Float64Array.of(60),
      prevDay: Float64Array.of(30),
      purchaseDays: Float64Array.of(3),
      pAlive: Float64Array.of(0.01),
    },
    100,
  );
  const stage = LIFECYCLE_STAGES[life.stage[0]!]!;
  assert.equal(stage, 'churned');
  const c = rfmStageConflict(name, stage);
  assert.ok(c);
  assert.equal(c.flag, 'Loyal, but churned');
  assert.match(c.note, /act on the lifecycle stage \(churned\)/);
});

test('the full claim × stage table (hand-read from the rule in the JSDoc)', () => {
  const flagged = (seg: string): string[] => LIFECYCLE_STAGES.filter((s) => rfmStageConflict(seg, s) !== null);
  for (const seg of ['Champions', 'Loyal', 'Potential loyalist', 'New', 'Promising'])
    assert.deepEqual(flagged(seg), ['lapsed', 'churned'], seg);
  for (const seg of ['Need attention', 'About to sleep']) assert.deepEqual(flagged(seg), ['churned'], seg);
  for (const seg of ['Hibernating', 'Lost']) assert.deepEqual(flagged(seg), ['new', 'active', 'reactivated'], seg);
  for (const seg of ["Can't lose them", 'At risk', '', 'unscored']) assert.deepEqual(flagged(seg), [], seg);
  assert.equal(rfmStageConflict('Lost', 'active')?.flag, 'Lost, but active');
  assert.match(rfmStageConflict('Lost', 'active')!.note, /behind most other customers/);
  assert.equal(rfmStageConflict('At risk', 'at_risk'), null);
  assert.equal(rfmStageConflict('Champions', 'at_risk'), null, 'at risk is a warning, not a contradiction');
});
