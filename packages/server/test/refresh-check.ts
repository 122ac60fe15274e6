// The served incremental refresh checked against a full recompute (issue 16), on any engine: an
// events batch, then the customer detail, the model answer, the overview and a re-fit on demand.
import assert from 'node:assert/strict';
import { scoreWithFit, summarize, type CustomerSummary, type Engine } from '@cvm/core';
import { assertClose } from '../../core/test/helpers/assert-close.js';
import { scheduledRefit, type createApp } from '../src/index.js';
import { refitResponseSchema } from '@cvm/core/api';

const MAP = '?customer_col=customer&date_col=date&amount_col=amount';
/** 1 returns its 1997-12-12 purchase (26.48) in full; 2357 cancels its only purchase; 99999 is new; 5 buys again. */
const BATCH = [
  { customer: '1', date: '1998-07-10', amount: -26.48 },
  { customer: '2357', date: '1998-07-10', amount: -25.74 },
  { customer: '99999', date: '1998-07-05', amount: 20 },
  { customer: '99999', date: '1998-07-12', amount: 31.25 },
  { customer: '5', date: '1998-07-11', amount: 14.99 },
]
  .map((e) => JSON.stringify(e))
  .join('\n');

/** The customer's row of a full recompute, scored with the given scores. */
function expected(full: CustomerSummary, scores: ReturnType<typeof scoreWithFit>, id: string) {
  const i = full.customerId.indexOf(id);
  assert.ok(i >= 0, `customer ${id} in the full summary`);
  return {
    frequency: full.frequency[i]!,
    T: full.T[i]!,
    net_revenue: full.netRevenue[i]!,
    clv: scores.clv[i]!,
    p_alive: scores.pAlive[i]!,
  };
}

/**
 * Posts the batch to a warmed app over `engine` (holding the CDNOW sample), checks the refreshed
 * answers against a full summary of the whole log scored with the same parameters, then re-fits.
 * Returns the data versions of the fit before and after the re-fit.
 */
export async function checkServedRefresh(
  app: ReturnType<typeof createApp>,
  engine: Engine,
): Promise<{ fitBefore: number; fitAfter: number }> {
  const request = async (url: string, init?: RequestInit) => {
    const res = await app.request(url, init);
    // biome-ignore lint/suspicious/noExplicitAny: several answers (customer, model, events, refit) read field by field, as getJson does
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };
  await app.warm();
  const fitBefore = await app.state.scoringFit();
  assert.ok(fitBefore);
  assert.equal((await request('/api/customers/1')).body.customer.frequency, 3);
  const posted = await request(`/api/events${MAP}`, { method: 'POST', body: BATCH, headers: { 'content-type': 'application/x-ndjson' } });
  assert.equal(posted.status, 200, JSON.stringify(posted.body));
  assert.equal(app.state.lastRefresh?.mode, 'incremental', JSON.stringify(app.state.lastRefresh));
  const full = await summarize(engine, {});
  const scores = scoreWithFit(fitBefore, full);
  assert.equal(expected(full, scores, '1').frequency, 2, 'the return took away a purchase day');
  for (const id of ['1', '99999', '5', '7']) {
    const r = await request(`/api/customers/${id}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const want = expected(full, scores, id);
    assert.equal(r.body.customer.frequency, want.frequency, `frequency of ${id}`);
    assert.equal(r.body.customer.T, want.T, `T of ${id}`);
    assertClose(r.body.customer.net_revenue, want.net_revenue, 0.005, `net revenue of ${id}`);
    assertClose(r.body.customer.clv, want.clv, 1e-9, `CLV of ${id}`, true);
    assertClose(r.body.customer.p_alive, want.p_alive, 1e-9, `P(alive) of ${id}`, true);
    // the rest of the table (segments, profit, retention) is the previous version's, and says so
    assert.equal(r.headers.get('X-Cvm-Reflects-Version'), String(fitBefore.dataVersion));
    assert.equal(r.headers.get('X-Cvm-Data-Version'), String(posted.body.dataVersion));
  }
  assert.equal((await request('/api/customers/2357')).status, 404, 'every purchase cancelled: no longer a customer');
  const model = await request('/api/customers/99999/model');
  assert.equal(model.status, 200, JSON.stringify(model.body));
  assert.equal(model.body.fit.dataVersion, fitBefore.dataVersion);
  assert.equal(model.headers.get('X-Cvm-Fit-Version'), String(fitBefore.dataVersion));
  assertClose(model.body.clv.value, expected(full, scores, '99999').clv, 1e-9, 'CLV of 99999 in /model', true);
  assert.equal((await request('/api/overview')).body.overview.customers, full.length, 'the overview is recomputed');

  // a re-fit on demand: model answers cite the new data version, nothing is carried over
  const version = (await request('/api/health')).body.dataVersion;
  assert.equal(app.state.stale, true);
  const refit = await request('/api/refit', { method: 'POST' });
  assert.equal(refit.status, 200, JSON.stringify(refit.body));
  refitResponseSchema.parse(refit.body); // the declared answer, strictly
  assert.equal(refit.body.fit.dataVersion, version);
  assert.equal(app.state.stale, false);
  assert.equal(await scheduledRefit(app), false, 'a scheduled re-fit without new data does nothing');
  const models = await request('/api/models');
  assert.equal(models.body.fit.dataVersion, version);
  assert.equal(models.headers.get('X-Cvm-Fit-Version'), String(version));
  const detail = await request('/api/customers/99999');
  assert.equal(detail.headers.get('X-Cvm-Reflects-Version'), String(version));
  const fit = (await app.state.scoringFit())!;
  assertClose(detail.body.customer.clv, expected(full, scoreWithFit(fit, full), '99999').clv, 1e-9, 'CLV of 99999 after the re-fit', true);
  return { fitBefore: fitBefore.dataVersion, fitAfter: fit.dataVersion };
}
