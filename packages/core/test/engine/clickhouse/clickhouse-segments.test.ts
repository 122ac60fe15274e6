// RFM scores and segments, value tiers and lifecycle stages (src/segments/segment-as-of.ts: the
// summary and history SQL, then pure code) on ClickHouse against DuckDB on the CDNOW sample, as of a
// past day and as of the end of the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segmentAsOf } from '../../../src/segments/segment-as-of.js';
import type { Segmentation } from '../../../src/segments/segmentation.js';
import { assertDeepClose } from '../../helpers/assert-deep-close.js';
import { sameLogOnBoth, syntheticOnBoth } from '../../helpers/cdnow-engines.js';
import type { ClickHouseBackend } from '../../helpers/clickhouse.js';

function comparable(s: Segmentation): unknown {
  const { computedAt: _c, ...rest } = s;
  return rest;
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: RFM, tiers, lifecycle and grid as of 1997-12-31 and the last day equal DuckDB's`, async (t) => {
    const both = await sameLogOnBoth(t, backend);
    if (!both) return;
    try {
      for (const asOf of ['1997-12-31', undefined]) {
        const a = await segmentAsOf(both.ch, { asOf });
        const b = await segmentAsOf(both.duck, { asOf });
        assert.equal(a.length, b.length);
        assert.ok(a.length > 2000, `${a.length} customers`);
        // scores, segments, tiers and stages exact; money (value, cut points) to 1e-9 relative
        assertDeepClose(comparable(a), comparable(b));
      }
    } finally {
      await both.done();
    }
  });
}

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  // a log with returns: netted against purchase days on ClickHouse by summary/plain-netting-sql.ts
  test(`${backend}: with products, channels, order ids and returns (seeded synthetic log, 20,000 rows) segments equal DuckDB's`, async (t) => {
    const both = await syntheticOnBoth(t, backend);
    if (!both) return;
    try {
      const a = await segmentAsOf(both.ch, {});
      const b = await segmentAsOf(both.duck, {});
      assert.ok(b.history.products !== null && b.history.channels !== null, 'the product and channel mix are read');
      assertDeepClose(comparable(a), comparable(b));
    } finally {
      await both.done();
    }
  });
}
