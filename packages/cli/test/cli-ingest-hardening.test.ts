// Issue 21 through the real binary: the quarantine round trip (fix and re-ingest), an unknown
// reason, a log whose rows are all rejected, and a workspace held by another process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '@cvm/core';
import { BIN, cvm, ROOT, tempDir, tempFile } from './run-cli.js';

const MESSY =
  'order_id,customer_id,date,amount,description\n' +
  'o1,a,2020-01-01,10,"mug, blue"\n' +
  'o2,b,2020-13-01,5,plate\n' + // unparseable date
  'o3,,2020-01-03,7,bowl\n' + // missing customer
  'o4,c,2020-01-04,1e308,"say ""hi"""\n'; // amount out of range

test('quarantine --format csv gives the source rows back: fixed, they re-ingest', () => {
  const ws = tempDir();
  assert.equal(cvm(['ingest', tempFile('messy.csv', MESSY), '--workspace', ws]).code, 0);
  const out = cvm(['quarantine', '--workspace', ws, '--format', 'csv']);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(
    out.stdout,
    'order_id,customer_id,date,amount,description,cvm_source_file,cvm_line,cvm_reason,cvm_detail\n' +
      'o2,b,2020-13-01,5,plate,messy.csv,3,unparseable_date,\n' +
      'o3,,2020-01-03,7,bowl,messy.csv,4,missing_customer_id,\n' +
      'o4,c,2020-01-04,1e308,"say ""hi""",messy.csv,5,amount_out_of_range,amount 1e+308: |value| >= 1e12\n',
  );
  // The user fixes the three rows and ingests the file as it is (the cvm_ columns ride along unmapped).
  const fixed = out.stdout.replace('2020-13-01', '2020-01-13').replace(',,2020-01-03', ',d,2020-01-03').replace('1e308', '99');
  const file = join(tempDir(), 'fixed.csv');
  writeFileSync(file, fixed);
  const again = JSON.parse(cvm(['ingest', file, '--workspace', ws, '--format', 'json']).stdout).files[0];
  assert.deepEqual([again.rowsRead, again.rowsAccepted, again.rowsQuarantined], [3, 3, 0]);
  const summary = cvm(['summary', '--workspace', ws, '--period', 'day']).stdout.trim().split('\n');
  assert.deepEqual(
    summary.slice(1).map((l) => l.split(',')[0]),
    ['a', 'b', 'c', 'd'],
  );
});

test('quarantine --reason with an unknown code is a usage error listing the codes', () => {
  const ws = tempDir();
  cvm(['ingest', tempFile('messy.csv', MESSY), '--workspace', ws]);
  const r = cvm(['quarantine', '--workspace', ws, '--reason', 'nosuch']);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /^cvm: Unknown quarantine reason "nosuch"; the reason codes are malformed_row, missing_customer_id, unparseable_date, .*amount_out_of_range.*duplicate_row \(transactions\) and .*negative_amount, duplicate_period_channel.*nps_out_of_range.*duplicate_response \(input files\)\n$/,
  );
  const ok = cvm(['quarantine', '--workspace', ws, '--reason', 'unparseable_date', '--format', 'json']);
  assert.deepEqual(
    JSON.parse(ok.stdout).rows.map((x: { line: number }) => x.line),
    [3],
  );
});

test('report FILE whose rows are all rejected says so, with the reasons (not "ingest a log first")', () => {
  const file = tempFile('bad.csv', 'customer,date,amount\na,2020-13-01,1\nb,2020-14-01,2\nc,2020-01-01,x\n');
  for (const command of ['report', 'summary', 'segment']) {
    const r = cvm([command, file]);
    assert.equal(r.code, 2, `${command}: ${r.stderr}`);
    assert.match(
      r.stderr,
      /^cvm: All 3 rows of .*bad\.csv were rejected \(2 unparseable_date, 1 non_numeric_amount\), so there is nothing to analyse\. First: bad\.csv line 2: unparseable_date \{"customer":"a","date":"2020-13-01","amount":"1"\};/,
    );
    assert.doesNotMatch(r.stderr, /ingest a log first/);
  }
  // The same for a workspace whose files were all rejected.
  const ws = tempDir();
  assert.equal(cvm(['ingest', file, '--workspace', ws]).code, 0);
  const r = cvm(['report', '--workspace', ws]);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    new RegExp(
      `^cvm: All 3 rows in the workspace ${ws} were rejected \\(2 unparseable_date, 1 non_numeric_amount\\).*cvm quarantine --workspace ${ws} lists them all\n$`,
    ),
  );
});

test('--min-date after --max-date is a usage error', () => {
  const r = cvm([
    'ingest',
    tempFile('log.csv', 'customer,date,amount\na,2020-01-01,1\n'),
    '--workspace',
    tempDir(),
    '--min-date',
    '2021-01-01',
    '--max-date',
    '2020-01-01',
  ]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--min-date \(2021-01-01\) must come before --max-date \(2020-01-01\)/);
});

test('a workspace held by another process: readers share it, a writer is named', async () => {
  const ws = tempDir();
  assert.equal(cvm(['ingest', tempFile('messy.csv', MESSY), '--workspace', ws]).code, 0);
  // This test process holds it read-only: read-only commands run beside it, ingest cannot.
  const reader = await openWorkspace({ dir: ws, readOnly: true });
  try {
    assert.equal(cvm(['summary', '--workspace', ws]).code, 0);
    assert.equal(cvm(['quarantine', '--workspace', ws]).code, 0);
    const w = cvm(['ingest', tempFile('more.csv', 'customer_id,date,amount\nz,2020-02-01,3\n'), '--workspace', ws]);
    assert.equal(w.code, 1, w.stderr);
    assert.match(
      w.stderr,
      new RegExp(
        `^cvm: The workspace ${ws} is in use by another process, PID ${process.pid} \\(.*node.*\\): DuckDB lets one process write a workspace, or several only read it`,
      ),
    );
  } finally {
    await reader.close();
  }
  // Held for writing (as cvm serve does): a reader is refused with the same plain message.
  const writer = await openWorkspace({ dir: ws });
  try {
    const r = cvm(['summary', '--workspace', ws]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`in use by another process, PID ${process.pid} `));
    assert.doesNotMatch(r.stderr, /Conflicting lock|IO Error/);
  } finally {
    await writer.close();
  }
  assert.equal(cvm(['summary', '--workspace', ws]).code, 0);
  assert.ok(readFileSync(join(ws, 'cvm.duckdb')).length > 0);
});

test('a workspace the user cannot write: readers work, report and segment read it through memory, ingest says why not', (t) => {
  const ws = tempDir();
  assert.equal(cvm(['ingest', tempFile('messy.csv', MESSY), '--workspace', ws]).code, 0);
  const root = process.getuid?.() === 0;
  // As root, permissions do not bind: run the binary as nobody instead (the files stay readable).
  if (root) chmodSync(ws, 0o755);
  else {
    chmodSync(join(ws, 'cvm.duckdb'), 0o444);
    chmodSync(ws, 0o555);
  }
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC', CVM_DEBUG: '' },
      ...(root ? { uid: 65534, gid: 65534 } : {}),
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, error: r.error };
  };
  try {
    const probe = run(['--version']);
    if (probe.error || probe.code !== 0) {
      t.skip(`cannot run as another user here: ${probe.error?.message ?? probe.stderr}`);
      return;
    }
    for (const args of [
      ['summary', '--workspace', ws],
      ['quarantine', '--workspace', ws],
      ['cohorts', '--workspace', ws],
    ]) {
      const r = run(args);
      assert.equal(r.code, 0, `${args[0]}: ${r.stderr}`);
      assert.equal(r.stderr, '');
    }
    for (const command of ['report', 'segment']) {
      const r = run([command, '--workspace', ws, '--format', 'json', ...(command === 'report' ? ['--no-models'] : [])]);
      assert.equal(r.code, 0, `${command}: ${r.stderr}`);
      assert.match(
        r.stderr,
        /^cvm: note: the workspace .* cannot be written: it is read as it is, and what this command would store there \(segment snapshots\) is kept in memory only\n$/,
      );
    }
    const w = run(['ingest', tempFile('more.csv', 'customer_id,date,amount\nz,2020-02-01,3\n'), '--workspace', ws]);
    assert.equal(w.code, 1);
    assert.match(
      w.stderr,
      /^cvm: The workspace .* cannot be written \(permission denied\); commands that only read it \(summary, quarantine, cohorts, profit, validate, fit, predict\) still work/,
    );
  } finally {
    chmodSync(ws, 0o755);
  }
});
