// segmentColumns (customers/customer-columns.ts) labels each customer once per distinct code and
// aligns by index when the ids are in the segmentation's order; checked here against the direct
// per-customer formulas it replaced (a Map lookup per customer and column, the label built each
// time), on a seeded random segmentation, in the same order and shuffled with a missing customer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentColumns } from '../../src/customers/customer-columns.js';
import { customerValue } from '../../src/customers/customer-table.js';
import { LIFECYCLE_STAGES } from '../../src/segments/lifecycle.js';
import { rfmStageConflict } from '../../src/segments/rfm-stage-check.js';
import { RFM_SEGMENTS } from '../../src/segments/rfm-segments.js';
import type { Segmentation } from '../../src/segments/segmentation.js';
import { createRng } from '../../src/math/random/rng.js';

function randomSegmentation(n: number): Segmentation {
  const rng = createRng(5);
  const int = (k: number) => Math.floor(rng() * k);
  const score = () => Uint8Array.from({ length: n }, () => (rng() < 0.05 ? 0 : 1 + int(5)));
  const r = score(),
    f = score(),
    m = score();
  return {
    asOf: '2024-06-30',
    valueKind: 'clv',
    customerId: Array.from({ length: n }, (_, i) => `c${i}`),
    tiers: { names: ['Gold', 'Silver', 'Bronze'], tier: Uint8Array.from({ length: n }, () => int(3)) },
    lifecycle: { stage: Uint8Array.from({ length: n }, () => int(LIFECYCLE_STAGES.length)) },
    rfm: {
      r,
      f,
      m,
      segmentNames: [...RFM_SEGMENTS],
      segment: Int8Array.from({ length: n }, (_, i) => (r[i] && f[i] && m[i] ? int(RFM_SEGMENTS.length) : -1)),
    },
  } as unknown as Segmentation;
}

/** The per-customer formulas before the change. */
function direct(seg: Segmentation, ids: readonly string[]): Record<string, (string | number)[]> {
  const at = new Map(seg.customerId.map((id, i) => [id, i]));
  const pick = <T>(f: (i: number) => T, empty: T): T[] => ids.map((id) => (at.has(id) ? f(at.get(id)!) : empty));
  const { rfm, lifecycle, tiers } = seg;
  return {
    value_tier: pick((i) => tiers.names[tiers.tier[i]!]!, ''),
    lifecycle_stage: pick((i) => LIFECYCLE_STAGES[lifecycle.stage[i]!]!, ''),
    rfm_segment: pick((i) => (rfm.segment[i]! < 0 ? '' : rfm.segmentNames[rfm.segment[i]!]!), ''),
    rfm_check: pick(
      (i) =>
        rfm.segment[i]! < 0
          ? ''
          : (rfmStageConflict(rfm.segmentNames[rfm.segment[i]!]!, LIFECYCLE_STAGES[lifecycle.stage[i]!]!)?.flag ?? ''),
      '',
    ),
    rfm_score: pick((i) => `${rfm.r[i]}${rfm.f[i]}${rfm.m[i]}`, ''),
    r_score: pick((i) => rfm.r[i]! || Number.NaN, Number.NaN),
    f_score: pick((i) => rfm.f[i]! || Number.NaN, Number.NaN),
    m_score: pick((i) => rfm.m[i]! || Number.NaN, Number.NaN),
  };
}

test('segmentColumns equals the per-customer formulas, in the same order and shuffled with a missing customer', () => {
  const seg = randomSegmentation(5000);
  const rng = createRng(9);
  const shuffled = [...seg.customerId, 'not-segmented'];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  for (const ids of [seg.customerId, shuffled]) {
    const want = direct(seg, ids);
    const got = segmentColumns(seg, ids);
    assert.deepEqual(
      got.map((c) => c.key),
      Object.keys(want),
    );
    // text columns come as codes into their labels: compared as the text they load as
    for (const c of got)
      assert.deepEqual(
        Array.from({ length: ids.length }, (_, i) => customerValue(c.values, i)),
        want[c.key],
        c.key,
      );
  }
  const flags = direct(seg, seg.customerId).rfm_check!.filter((x) => x !== '').length;
  assert.ok(flags > 100, `${flags} RFM-vs-stage flags (the check must be exercised)`);
});
