// The bad-inputs corpus (packages/core/test/fixtures/bad-inputs, issue 21): each file through the
// real binary, against the outcome written beside it in cases.json. A refused file must leave the
// workspace without any source, transaction or quarantined row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspace } from '@cvm/core';
import { createRng } from '../../core/src/math/random/rng.js';
import { cvm, ROOT, tempDir } from './run-cli.js';

interface Case {
  file: string;
  why: string;
  exit: number;
  command?: string;
  args?: string[];
  generate?: string;
  stderr?: string;
  rows?: [number, number, number];
  reasons?: Record<string, number>;
  quarantine?: [number, string][];
  dateFormat?: string;
  days?: string[];
  noCsvWording?: boolean;
}

const DIR = join(ROOT, 'packages/core/test/fixtures/bad-inputs');
const { cases } = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as { cases: Case[] };

/** 30,000 day-first rows over 2011 (seeded); days above 12 only after row 20,000. */
function dayFirstLate(path: string): void {
  const u = createRng(7);
  const lines = ['customer_id,date,amount'];
  for (let i = 0; i < 30_000; i++) {
    const month = 1 + Math.floor(u() * 12);
    const day = i < 20_000 ? 1 + Math.floor(u() * 12) : 1 + Math.floor(u() * 28);
    lines.push(`c${i % 500},${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2011,${(1 + u() * 40).toFixed(2)}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

async function stored(ws: string): Promise<number> {
  const engine = await openWorkspace({ dir: ws, readOnly: true });
  try {
    const [r] = await engine.rows<{ n: number }>(
      'SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM transactions) + (SELECT count(*) FROM quarantine) AS n',
    );
    return r!.n;
  } finally {
    await engine.close();
  }
}

for (const c of cases) {
  test(`${c.file}${c.args ? ' ' + c.args.join(' ') : ''}: ${c.why} → exit ${c.exit}`, async () => {
    let path = join(DIR, c.file);
    if (c.generate === 'day-first-late') dayFirstLate((path = join(tempDir(), c.file)));
    const ws = tempDir();
    const command = c.command ?? 'ingest';
    const r = cvm([command, path, '--workspace', ws, '--format', 'json', ...(c.args ?? [])]);
    assert.equal(r.code, c.exit, `exit code; stderr: ${r.stderr}`);
    if (c.stderr !== undefined) {
      assert.match(r.stderr, new RegExp(`^cvm: .*${c.stderr}`));
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one line');
    }
    if (c.exit !== 0 && command === 'ingest') assert.equal(await stored(ws), 0, 'nothing stored');
    if (c.rows === undefined) return;
    const report = JSON.parse(r.stdout).files[0];
    assert.deepEqual([report.rowsRead, report.rowsAccepted, report.rowsQuarantined], c.rows, 'rows read, accepted, quarantined');
    assert.deepEqual(report.quarantineByReason, c.reasons);
    if (c.dateFormat) assert.equal(report.dateFormat.format, c.dateFormat);
    const q = JSON.parse(cvm(['quarantine', '--workspace', ws, '--format', 'json']).stdout).rows as {
      line: number;
      reason: string;
      detail: string | null;
    }[];
    if (c.quarantine)
      assert.deepEqual(
        q.map((x) => [x.line, x.reason]),
        c.quarantine,
      );
    if (c.noCsvWording) for (const x of q) assert.doesNotMatch(x.detail ?? '', /CSV/, `line ${x.line}: ${x.detail}`);
    if (c.days) {
      const engine = await openWorkspace({ dir: ws, readOnly: true });
      const days = await engine.rows<{ d: string }>('SELECT CAST(event_date AS VARCHAR) AS d FROM transactions ORDER BY line');
      await engine.close();
      assert.deepEqual(
        days.map((x) => x.d),
        c.days,
      );
    }
  });
}
