// cvm loyalty through the real binary: CSV tables, the side-by-side comparison, and a programme
// with overlapping tiers refused (exit 2) naming the tiers before the log is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cvm, ROOT, SAMPLE, tempFile } from './run-cli.js';

const PROGRAM = join(ROOT, 'data/loyalty/three-tiers.yaml');
const LOWER = join(ROOT, 'data/loyalty/three-tiers-lower-gold.yaml');
const CDNOW = ['--customer-col', 'sampleid', '--quantity-col', 'cds'];

test('cvm loyalty on CDNOW: tiers as CSV, over time, and two programmes side by side', () => {
  const csv = cvm(['loyalty', SAMPLE, ...CDNOW, '--program', PROGRAM, '--no-models', '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.match(lines[0]!, /^tier,members,retained,retained_lower,retained_upper,spend,margin/);
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(',')[0]),
    ['Member', 'Silver', 'Gold'],
  );
  const over = cvm(['loyalty', SAMPLE, ...CDNOW, '--program', PROGRAM, '--no-models', '--format', 'csv', '--view', 'over-time']);
  assert.match(over.stdout.split('\n')[1]!, /^1997-01-31,Member,/);
  const both = cvm([
    'loyalty',
    SAMPLE,
    ...CDNOW,
    '--program',
    PROGRAM,
    '--compare',
    LOWER,
    '--no-models',
    '--format',
    'csv',
    '--view',
    'totals',
  ]);
  assert.equal(both.code, 0, both.stderr);
  const rows = both.stdout.trim().split('\n');
  assert.equal(rows.length, 3);
  assert.match(rows[2]!, /^"Three tiers, Gold from 1,000 \(three-tiers-lower-gold.yaml\)",/);
  const table = cvm(['loyalty', SAMPLE, ...CDNOW, '--program', PROGRAM, '--no-models', '--format', 'table']);
  assert.match(table.stdout, /Loyalty tiers: what members did next and what they cost/);
});

test('a programme with overlapping tiers: exit 2 naming the tiers', () => {
  const bad = tempFile('p.yaml', 'margin: 0.3\ntiers:\n  - {name: Bronze, min: 0, max: 600}\n  - {name: Silver, min: 500}\n');
  const r = cvm(['loyalty', SAMPLE, ...CDNOW, '--program', bad]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /tiers Bronze \(0–600\) and Silver \(500–…\) overlap/);
  assert.equal(cvm(['loyalty', SAMPLE]).code, 2);
});
