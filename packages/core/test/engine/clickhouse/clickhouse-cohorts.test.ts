// Acquisition cohorts (src/cohorts/cohort-sql.ts) on ClickHouse against DuckDB: head-count and
// revenue retention by week, month and quarter, with and without the acquisition-channel breakdown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cohortReport, type CohortReport } from '../../../src/cohorts/cohorts.js';
import { assertDeepClose } from '../../helpers/assert-deep-close.js';
import { sameLogOnBoth, syntheticOnBoth } from '../../helpers/cdnow-engines.js';
import type { ClickHouseBackend } from '../../helpers/clickhouse.js';

const comparable = ({ computedAt: _c, ...rest }: CohortReport): unknown => rest;

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: CDNOW cohorts by week, month and quarter equal DuckDB's`, async (t) => {
    const both = await sameLogOnBoth(t, backend);
    if (!both) return;
    try {
      for (const by of ['week', 'month', 'quarter'] as const) {
        const a = await cohortReport(both.ch, { by });
        const b = await cohortReport(both.duck, { by });
        assert.equal(b.byChannel, null);
        assertDeepClose(comparable(a), comparable(b));
      }
      const a = await cohortReport(both.ch, { by: 'month', asOf: '1997-06-30', mode: 'in-or-after' as never });
      assertDeepClose(
        comparable(a),
        comparable(await cohortReport(both.duck, { by: 'month', asOf: '1997-06-30', mode: 'in-or-after' as never })),
      );
    } finally {
      await both.done();
    }
  });

  test(`${backend}: cohorts by acquisition channel (synthetic log with channels and returns) equal DuckDB's`, async (t) => {
    const both = await syntheticOnBoth(t, backend);
    if (!both) return;
    try {
      const a = await cohortReport(both.ch, { by: 'quarter' });
      const b = await cohortReport(both.duck, { by: 'quarter' });
      assert.ok(b.byChannel !== null && b.byChannel.length > 1, 'several channels');
      assertDeepClose(comparable(a), comparable(b));
    } finally {
      await both.done();
    }
  });
}
