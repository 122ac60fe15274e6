// Incremental refresh and re-fits in the server on DuckDB (issue 16): after an events batch the
// customer detail answers the refreshed numbers (against a full summary of the whole log scored with
// the same parameters), carried stages say the version they reflect, a re-fit moves the cited fit.
import assert from 'node:assert/strict';
import { test, after } from 'node:test';
import { sampleApp } from './helpers.js';
import { checkServedRefresh } from './refresh-check.js';

const { app, engine } = await sampleApp();
after(() => engine.close());

test('DuckDB: an events batch refreshes the touched customers with the previous fit; POST /api/refit moves the fit', async () => {
  const r = await checkServedRefresh(app, engine);
  assert.ok(r.fitAfter > r.fitBefore, `the re-fit moved the fit from data version ${r.fitBefore} to ${r.fitAfter}`);
});
