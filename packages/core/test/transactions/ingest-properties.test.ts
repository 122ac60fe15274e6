// Property tests of the ingest invariants over seeded messy logs (messy-log.ts): every row is
// accounted for (rows read = accepted + quarantined = rows written), each row gets the outcome the
// documented rules give it, and ingesting the same rows again adds nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ingestFile } from '../../src/transactions/ingest.js';
import { listQuarantine } from '../../src/transactions/quarantine.js';
import { assertClose } from '../helpers/assert-close.js';
import { memoryEngine, tempDir, tempFile } from './ingest-helpers.js';
import { messyLog } from './messy-log.js';

const SEEDS = Array.from({ length: 24 }, (_, i) => 1000 + i);

async function totals(engine: ReturnType<typeof memoryEngine>): Promise<{ t: number; q: number; s: number; sum: number }> {
  const [r] = await engine.rows<{ t: number; q: number; s: number; sum: number }>(
    'SELECT (SELECT count(*) FROM transactions) AS t, (SELECT count(*) FROM quarantine) AS q, (SELECT count(*) FROM sources) AS s, (SELECT coalesce(sum(amount), 0) FROM transactions) AS sum',
  );
  return r!;
}

for (const [seed, n] of [...SEEDS.map((s) => [s, 150] as const), [7, 5000] as const]) {
  test(`messy log seed ${seed}, ${n} rows: every row accounted for with the expected reason; the same rows again add nothing`, async () => {
    const { csv, rows } = messyLog(seed, n);
    const engine = memoryEngine();
    const dir = tempDir();
    const file = tempFile('messy.csv', csv, dir);
    const r = await ingestFile(engine, file);
    const label = `seed ${seed}`;
    assert.equal(r.duplicateCheck, true);
    assert.equal(r.rowsRead, n, `${label}: rows read = rows written`);
    assert.equal(r.rowsAccepted + r.rowsQuarantined, r.rowsRead, `${label}: read = accepted + quarantined`);
    const expected = rows.filter((x) => x.reason !== null).map((x) => [x.line, x.reason]);
    const q = await listQuarantine(engine);
    assert.deepEqual(
      q.map((x) => [x.line, x.reason]),
      expected,
      `${label}: quarantined lines and reasons`,
    );
    const acceptedRows = rows.filter((x) => x.reason === null);
    const before = await totals(engine);
    assert.equal(before.t, acceptedRows.length);
    assertClose(
      before.sum,
      acceptedRows.reduce((s, x) => s + x.amount, 0),
      1e-9,
      `${label}: sum of accepted amounts (returns negative), from the generator`,
      true,
    );
    assert.equal(r.returns.rows, acceptedRows.filter((x) => x.amount < 0).length, `${label}: returns`);

    // The same file again, and the same bytes under another name: unchanged, nothing added.
    assert.equal((await ingestFile(engine, file)).status, 'unchanged');
    assert.equal((await ingestFile(engine, tempFile('copy.csv', csv, dir))).status, 'unchanged');
    assert.deepEqual(await totals(engine), before);

    // The same rows with other line ends (new bytes, same records): every accepted row is now a
    // duplicate of the first file's, the rejected ones are rejected again; nothing accepted.
    const crlf = await ingestFile(engine, tempFile('messy-crlf.csv', csv.replaceAll('\n', '\r\n'), dir));
    assert.equal(crlf.status, 'ingested');
    assert.equal(crlf.rowsRead, n);
    assert.equal(crlf.rowsAccepted, 0, `${label}: re-ingest adds nothing`);
    const again = (await listQuarantine(engine)).filter((x) => x.source_file === 'messy-crlf.csv');
    assert.deepEqual(
      again.map((x) => [x.line, x.reason]),
      rows.map((x) => [x.line, x.reason ?? 'duplicate_row']),
    );
    const after = await totals(engine);
    assert.equal(after.t, before.t);
    assert.equal(after.sum, before.sum);
    await engine.close();
  });
}
