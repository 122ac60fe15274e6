import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeExperimentFile } from '../../src/campaigns/experiment-file.js';
import { experimentTables } from '../../src/campaigns/experiment-report.js';
import { createDuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.js';
import { InputError } from '../../src/errors.js';
import { tableToCsv } from '../../src/report/csv.js';
import { dataPath } from '../helpers/read-csv.js';
import { tempDir } from '../helpers/temp-dir.js';
import { readHillstrom } from './hillstrom.js';

const dir = tempDir('cvm-experiment-');
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

test('Hillstrom through the file reader: the published figures, the same numbers as the in-test reader', async () => {
  const engine = createDuckDbEngine();
  try {
    const r = await analyzeExperimentFile(engine, dataPath('hillstrom/hillstrom_email.csv'), {
      armColumn: 'segment',
      control: 'No E-Mail',
      outcomes: ['visit', 'conversion', 'spend'],
      by: ['zip_code', 'channel'],
      plannedShares: { 'No E-Mail': 1, 'Womens E-Mail': 1, 'Mens E-Mail': 1 },
      bootstrap: { resamples: 200 },
    });
    assert.deepEqual([r.rowsRead, r.rowsUsed, r.quarantine.length], [64000, 64000, 0]);
    assert.deepEqual(r.data.armNames, ['No E-Mail', 'Mens E-Mail', 'Womens E-Mail']);
    const printed = {
      'No E-Mail': ['10.62', '0.573', '0.653'],
      'Womens E-Mail': ['15.14', '0.884', '1.077'],
      'Mens E-Mail': ['18.28', '1.253', '1.423'],
    } as Record<string, string[]>;
    for (const a of r.analysis.arms) {
      const [v, c, s] = a.outcomes;
      assert.deepEqual([(100 * v!.mean).toFixed(2), (100 * c!.mean).toFixed(3), s!.mean.toFixed(3)], printed[a.arm], a.arm);
    }
    const h = readHillstrom();
    const mens = h.segment.map((s, i) => (s === 'Mens E-Mail' ? h.spend[i]! : NaN)).filter((v) => !Number.isNaN(v));
    assert.equal(
      r.analysis.arms[1]!.outcomes[2]!.sum,
      mens.reduce((a, b) => a + b, 0),
      'Mens spend total equals the in-test reader',
    );
    assert.equal(r.segments!.tests, 2 * 3 * 3 + 2 * 3 * 3, '(3 zip codes + 3 channels) × 2 arms × 3 outcomes');
    const tables = experimentTables(r.analysis, { segments: r.segments });
    assert.deepEqual(
      tables.map((t) => t.id),
      [
        'experiment.verdicts',
        'experiment.arms',
        'experiment.uplift_rates',
        'experiment.uplift_means',
        'experiment.srm',
        'experiment.segments',
        'experiment.heterogeneity',
      ],
    );
    assert.match(
      tables[0]!.rows[1]![3] as string,
      /^a lift of 4\.5 points \(95% CI 3\.9 to 5\.2\) in visit; a lift of 0\.31 points \(0\.15 to 0\.47\) in conversion; 0\.42 more spend per customer \(0\.17 to 0\.68\)$/,
    );
  } finally {
    await engine.close();
  }
});

test('non-numeric outcomes are quarantined with their line and reason; true/false count as 1/0', async () => {
  const engine = createDuckDbEngine();
  try {
    const p = file(
      'exp.csv',
      [
        'id,arm,bought,spend,region',
        '1,A,1,10,n',
        '2,B,0,0,s',
        '3,A,yes,5,n',
        '4,B,true,7.5,s',
        '5,,1,3,n',
        '6,A,0,,s',
        '7,B,false,NaN,n',
        '8,A,1,4,s',
        '9,B,0,0,n',
        '10,B,1,2,s',
      ].join('\n') + '\n',
    );
    const r = await analyzeExperimentFile(engine, p, { armColumn: 'arm', control: 'A', outcomes: ['bought', 'spend'], bootstrap: false });
    assert.deepEqual(
      r.quarantine.map((q) => [q.line, q.reason, q.column, q.raw]),
      [
        [4, 'non_numeric_outcome', 'bought', 'yes'],
        [6, 'missing_arm', null, ''],
        [7, 'missing_outcome', 'spend', ''],
        [8, 'non_finite_outcome', 'spend', 'NaN'],
      ].map(([l, reason, c, raw]) => [l, reason, c, raw === '' ? null : raw]),
    );
    assert.equal(r.rowsUsed, 6);
    assert.deepEqual(
      r.analysis.arms.map((a) => [a.arm, a.customers, a.outcomes[0]!.sum]),
      [
        ['A', 2, 2],
        ['B', 4, 2],
      ],
    );
    assert.match(
      r.analysis.warnings[0]!,
      /^4 of 10 rows quarantined \(non_numeric_outcome 1, missing_arm 1, missing_outcome 1, non_finite_outcome 1\)/,
    );
    const q = experimentTables(r.analysis, { quarantine: r.quarantine }).at(-1)!;
    assert.equal(q.id, 'experiment.quarantine');
    assert.equal(tableToCsv(q).split('\n')[1], '4,non_numeric_outcome,an outcome is not a number (nor true/false),bought,yes');
  } finally {
    await engine.close();
  }
});

test('an arm column with one value, an unknown control or column: clear errors', async () => {
  const engine = createDuckDbEngine();
  try {
    const one = file('one.csv', 'arm,y\nA,1\nA,0\nA,1\n');
    await assert.rejects(
      analyzeExperimentFile(engine, one, { armColumn: 'arm', control: 'A', outcomes: ['y'] }),
      (e: unknown) => e instanceof InputError && e.code === 'single_arm' && /arm has one value \("A"\) in all 3 rows/.test(e.message),
    );
    const two = file('two.csv', 'arm,y\nA,1\nB,0\n');
    await assert.rejects(
      analyzeExperimentFile(engine, two, { armColumn: 'arm', control: 'C', outcomes: ['y'] }),
      (e: unknown) => e instanceof InputError && e.code === 'control_not_found' && /values are "A", "B"/.test(e.message),
    );
    await assert.rejects(
      analyzeExperimentFile(engine, two, { armColumn: 'group', control: 'A', outcomes: ['y'] }),
      (e: unknown) => e instanceof InputError && e.code === 'unknown_column' && /no column "group"; its columns are arm, y/.test(e.message),
    );
    const bad = file('bad.csv', 'arm,y\nA,x\nB,y\n');
    await assert.rejects(
      analyzeExperimentFile(engine, bad, { armColumn: 'arm', control: 'A', outcomes: ['y'] }),
      (e: unknown) => e instanceof InputError && e.code === 'no_rows' && /none of its 2 rows/.test(e.message),
    );
  } finally {
    await engine.close();
  }
});
