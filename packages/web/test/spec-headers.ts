// A table drawn from a core table spec (issue 19): its headers are the spec's, not the page's.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ApiReportTable } from '@cvm/core/api';

/** What a header shows: the column key, the label, the unit under it and the tooltip. */
interface Head {
  col: string | null;
  label: string;
  unit: string;
  title: string | null;
}

/** The unit a column is headed with: money always names the currency (the renderer's rule). */
export const expectedUnit = (c: ApiReportTable['columns'][number], currency: string): string =>
  c.kind === 'money' ? (c.unit ? `${currency}, ${c.unit}` : currency) : (c.unit ?? '');

/**
 * Asserts that `table[data-table=name]` on the page is headed by the core table `spec` (the API's
 * copy of it): each column's key, label, unit (money in `currency`) and description as the tooltip,
 * in the spec's order, and that its body has `rows` rows (default: the spec's).
 */
export async function assertSpecHeaders(
  page: Page,
  name: string,
  spec: ApiReportTable,
  currency = 'USD',
  rows = spec.rows.length,
): Promise<void> {
  const heads: Head[] = await page.$$eval(`table[data-table="${name}"] thead th`, (ths) =>
    ths.map((th) => ({
      col: th.getAttribute('data-col'),
      label: th.firstChild?.textContent ?? '',
      unit: th.querySelector('.unit')?.textContent ?? '',
      title: th.getAttribute('title'),
    })),
  );
  assert.deepEqual(
    heads,
    spec.columns.map((c) => ({ col: c.key, label: c.label, unit: expectedUnit(c, currency), title: c.description ?? null })),
    `${name}: headers from the core spec ${spec.id}`,
  );
  assert.equal(await page.locator(`table[data-table="${name}"] tbody tr`).count(), rows, `${name}: rows`);
}
