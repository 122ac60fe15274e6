// Acquisition cohorts (src/cohorts/cohort-sql.ts) on ClickHouse against DuckDB: head-count and
// revenue retention by week, month and quarter, with and without the acquisition-channel breakdown,
// and broken down by a customer dimension (`--by`: the acquisition channel under each attribution
// rule, a categorical and a numeric attribute) on the seeded demo business, computed per shard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cohortReport, type CohortOptions, type CohortReport } from '../../../src/cohorts/cohorts.js';
import { generateDemoBusiness } from '../../../src/demo/demo.js';
import { createDuckDbEngine } from '../../../src/engine/duckdb/duckdb-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import { ingestLogFile } from '../../../src/engine/clickhouse/clickhouse-workspace.js';
import { ingestInputFile } from '../../../src/inputs/input-ingest.js';
import { assertDeepClose } from '../../helpers/assert-deep-close.js';
import { sameLogOnBoth, syntheticOnBoth } from '../../helpers/cdnow-engines.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

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

  test(`${backend}: cohorts by a customer dimension (--by channel under each rule, an attribute, numeric bands) equal DuckDB's`, {
    timeout: 600_000,
  }, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const dir = tempDir('cvm-ch-cohorts-by-');
      generateDemoBusiness(dir, { customers: 500, seed: 7 });
      for (const engine of [duck, ch.engine] as Engine[]) {
        await ingestLogFile(engine, join(dir, 'transactions.csv'));
        await ingestInputFile(engine, 'customers', join(dir, 'customers.csv'));
      }
      const cases: CohortOptions[] = [
        { dimension: 'channel' },
        { dimension: 'channel', by: 'week', dimensionOptions: { attribution: 'first-order' } },
        { dimension: 'channel', by: 'quarter', asOf: '2023-06-30', dimensionOptions: { attribution: 'file' } },
        { dimension: 'region', by: 'quarter' },
        { dimension: 'site_visits', mode: 'in_or_after', dimensionOptions: { bands: 3 } },
      ];
      for (const options of cases) {
        const want = await cohortReport(duck, options);
        const got = await cohortReport(ch.engine, options);
        const levels = want.byDimension?.levels ?? [];
        assert.ok(
          levels.length > 1 && levels.every((l) => l.table.rows.length > 0),
          `${JSON.stringify(options)}: several levels with cohorts`,
        );
        assertDeepClose(comparable(got), comparable(want));
      }
    } finally {
      await duck.close();
      await ch.drop();
    }
  });
}
