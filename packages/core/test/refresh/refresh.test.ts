// Incremental refresh on DuckDB (issue 16): against a full recompute of the whole log scored with the
// same parameters (an independent derivation: the full summary SQL over every customer).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { CDNOW_ELOG, CDNOW_OPTIONS } from '../helpers/cdnow-engines.js';
import { checkRefreshOnCdnow } from '../helpers/refresh-check.js';

test('incremental refresh of the customers two batches touched equals a full recompute with the same parameters (CDNOW, DuckDB)', async () => {
  const engine = createDuckDbEngine();
  try {
    await ingestFile(engine, CDNOW_ELOG, CDNOW_OPTIONS);
    const [first, second] = await checkRefreshOnCdnow(engine, (file) => ingestFile(engine, file, CDNOW_OPTIONS));
    // batch 1: 5 customers touched, 99999 new, 2357 gone (only purchase cancelled), the end moved
    assert.deepEqual(
      {
        touched: first!.touched,
        refreshed: first!.refreshed,
        added: first!.added,
        removed: first!.removed,
        endMoved: first!.endMoved,
        rescored: first!.rescored,
      },
      { touched: 5, refreshed: 4, added: 1, removed: 1, endMoved: true, rescored: 'all' },
    );
    assert.equal(first!.summary.calibrationEnd, '1998-07-12');
    // batch 2: inside the period, so only the two touched customers are re-scored
    assert.deepEqual(
      { touched: second!.touched, added: second!.added, removed: second!.removed, endMoved: second!.endMoved, rescored: second!.rescored },
      { touched: 2, added: 0, removed: 0, endMoved: false, rescored: 'touched' },
    );
  } finally {
    await engine.close();
  }
});
