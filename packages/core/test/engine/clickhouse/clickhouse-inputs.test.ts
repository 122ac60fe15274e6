// Input files (customers, spend, prospects, surveys) ingested into ClickHouse
// (src/inputs/input-ingest-clickhouse.ts) against DuckDB's own ingest of the same files: the same
// reports (counts, reasons, attribute types), the same rows in every input table value by value, the
// same quarantine (line, reason, detail, record), and the same unchanged / replaced behaviour. Files:
// the seeded demo business and a hand-made spend file with one row per quarantine reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../../src/engine/engine.js';
import { createDuckDbEngine } from '../../../src/engine/duckdb/duckdb-engine.js';
import { generateDemoBusiness } from '../../../src/demo/demo.js';
import { ingestInputFile, type InputIngestReport } from '../../../src/inputs/input-ingest.js';
import { listInputQuarantine } from '../../../src/inputs/input-quarantine.js';
import type { InputKind } from '../../../src/inputs/input-schema.js';
import { openTestClickHouse, type ClickHouseBackend } from '../../helpers/clickhouse.js';
import { ensureClickHouseWorkspace } from '../../../src/engine/clickhouse/clickhouse-schema.js';
import { clickhouseInputTables } from '../../../src/inputs/input-schema-clickhouse.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** Every input table in one canonical order, dates as text (the engines return different date types). */
const DUMPS: Record<string, string> = {
  customer_profiles:
    'SELECT customer_id, CAST(acquired_on AS VARCHAR) AS d, acquisition_channel, line FROM customer_profiles ORDER BY line',
  customer_attributes: 'SELECT customer_id, name, value FROM customer_attributes ORDER BY customer_id, name',
  marketing_spend: 'SELECT CAST(month AS VARCHAR) AS m, channel, amount, line FROM marketing_spend ORDER BY line',
  prospects: 'SELECT prospect_id, acquisition_channel, line FROM prospects ORDER BY line',
  prospect_attributes: 'SELECT prospect_id, name, value FROM prospect_attributes ORDER BY prospect_id, name',
  survey_responses:
    'SELECT customer_id, CAST(responded_on AS VARCHAR) AS d, nps, csat, channel, comment, line FROM survey_responses ORDER BY line',
  input_attributes: 'SELECT kind, name, type, position FROM input_attributes ORDER BY kind, position',
  input_sources:
    'SELECT kind, path, file_name, sha256, bytes, format, rows_read, rows_accepted, rows_quarantined, columns FROM input_sources ORDER BY kind',
};

async function dump(e: Engine, table: string): Promise<unknown[]> {
  // ClickHouse's CAST(x AS VARCHAR) is String's alias; numbers come back as numbers on both
  return (await e.rows<Record<string, unknown>>(DUMPS[table]!)).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
  );
}

const SPEND = [
  'month,channel,amount',
  '2024-01,Search,100.50',
  '2024-01,social,-5', // negative_amount
  '2024-02,social,$40', // non_numeric_amount
  ',social,10', // missing_period
  'Jan 2024,social,10', // unparseable_period
  '2024-02,,10', // missing_channel
  '2024-03,search,10', // duplicate_period_channel (with the next line)
  '2024-03-15,search,12',
  '2024-03,serach,7', // unknown_channel
  '2024-4,social,1,extra', // malformed_row
  '2024/04,social,0.1',
].join('\n');

const same = (a: InputIngestReport, b: InputIngestReport): void =>
  assert.deepEqual({ ...b, file: '', status: '' }, { ...a, file: '', status: '' }, 'same report');

for (const backend of ['cluster', 'chdb'] as ClickHouseBackend[]) {
  test(`${backend}: the demo's customers, spend, prospects and survey files equal DuckDB's ingest row by row`, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const dir = tempDir('cvm-ch-inputs-');
      generateDemoBusiness(dir, { customers: 400, seed: 11 });
      const files: [InputKind, string][] = [
        ['customers', 'customers.csv'],
        ['spend', 'marketing-spend.csv'],
        ['prospects', 'prospects.csv'],
        ['surveys', 'surveys.csv'],
      ];
      for (const [kind, name] of files) {
        const a = await ingestInputFile(duck, kind, join(dir, name));
        const b = await ingestInputFile(ch.engine, kind, join(dir, name));
        assert.ok(a.rowsAccepted > 0, `${kind}: rows accepted`);
        assert.equal(b.status, 'ingested');
        same(a, b);
      }
      for (const table of Object.keys(DUMPS)) assert.deepEqual(await dump(ch.engine, table), await dump(duck, table), table);
      // the prospects took the customers' attribute types (site_visits numeric on both)
      const again = await ingestInputFile(ch.engine, 'customers', join(dir, 'customers.csv'));
      assert.equal(again.status, 'unchanged');
      assert.equal(again.rowsAccepted, (await ingestInputFile(duck, 'customers', join(dir, 'customers.csv'))).rowsAccepted);
    } finally {
      await duck.close();
      await ch.drop();
    }
  });

  test(`${backend}: a messy spend file gives DuckDB's quarantine, and a new file replaces only its kind`, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    const duck = createDuckDbEngine();
    try {
      const dir = tempDir('cvm-ch-inputs-');
      const path = join(dir, 'spend.csv');
      writeFileSync(path, SPEND + '\n');
      const a = await ingestInputFile(duck, 'spend', path, { channels: ['search', 'social'] });
      const b = await ingestInputFile(ch.engine, 'spend', path, { channels: ['search', 'social'] });
      assert.equal(b.rowsRead, 11);
      assert.equal(b.rowsAccepted, 2);
      same(a, b);
      assert.deepEqual(await listInputQuarantine(ch.engine, 'spend'), await listInputQuarantine(duck, 'spend'));
      // a surveys file beside it, then a replaced spend file: the surveys stay, the old spend rows go
      const surveys = join(dir, 'surveys.csv');
      writeFileSync(surveys, 'customer_id,response_date,nps,csat\nc1,2024-01-02,9,\nc2,2024-01-03,11,4\n');
      same(await ingestInputFile(duck, 'surveys', surveys), await ingestInputFile(ch.engine, 'surveys', surveys));
      writeFileSync(path, 'month,channel,amount\n2024-05,search,1.25\n2024-06,search,2.5\n2024-06,social,3\n');
      const ra = await ingestInputFile(duck, 'spend', path);
      const rb = await ingestInputFile(ch.engine, 'spend', path);
      assert.equal(rb.status, 'replaced');
      assert.equal(rb.rowsAccepted, 3);
      same(ra, rb);
      for (const table of ['marketing_spend', 'survey_responses', 'input_sources'])
        assert.deepEqual(await dump(ch.engine, table), await dump(duck, table), table);
      assert.deepEqual(await listInputQuarantine(ch.engine), await listInputQuarantine(duck));
      assert.equal((await listInputQuarantine(ch.engine, 'surveys')).length, 1, 'the NPS of 11 stays quarantined');
    } finally {
      await duck.close();
      await ch.drop();
    }
  });

  test(`${backend}: a workspace whose input tables predate the partitions by kind is upgraded on the first input ingest`, async (t) => {
    const ch = await openTestClickHouse(t, backend);
    if (!ch) return;
    try {
      // as the earlier releases created them: every input table empty, none partitioned
      await ensureClickHouseWorkspace(
        ch.engine,
        clickhouseInputTables().map(({ partitionBy: _, ...spec }) => spec),
      );
      const path = join(tempDir('cvm-ch-inputs-'), 'spend.csv');
      writeFileSync(path, 'month,channel,amount\n2024-05,search,1.25\n');
      assert.equal((await ingestInputFile(ch.engine, 'spend', path)).rowsAccepted, 1);
      writeFileSync(path, 'month,channel,amount\n2024-05,search,1.25\n2024-06,search,2\n');
      const r = await ingestInputFile(ch.engine, 'spend', path);
      assert.equal(r.status, 'replaced');
      assert.equal(r.rowsAccepted, 2);
      const [n] = await ch.engine.rows<{ n: number }>("SELECT count(*) AS n FROM input_sources WHERE kind = 'spend'");
      assert.equal(Number(n!.n), 1, 'one current spend file');
    } finally {
      await ch.drop();
    }
  });
}
