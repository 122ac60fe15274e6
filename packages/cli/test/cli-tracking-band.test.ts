// cvm validate prints the holdout band of the tracking curve (issue 17): its level from --level, the
// band columns in the table, and the JSON band equal to the printed one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvm, SAMPLE } from './run-cli.js';

const LOG = [SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds'];
const ARGS = [
  'validate',
  ...LOG,
  '--calibration-end',
  '1997-09-30',
  '--holdout-end',
  '1998-06-30',
  '--models',
  'bg-nbd,mbg-nbd',
  '--level',
  '0.8',
];

test('validate --level 0.8: the tracking table has the 80% band over weeks 40-78, as in the JSON report', () => {
  const j = cvm([...ARGS, '--format', 'json']);
  assert.equal(j.code, 0, j.stderr);
  const r = JSON.parse(j.stdout);
  const rec = r.models.find((m: { model: string }) => m.model === r.comparison.recommended) ?? r.models[0];
  const band = rec.tracking.band;
  assert.equal(band.level, 0.8);
  assert.equal(band.firstPeriod, 40);
  assert.ok(band.cumulativeLo[38] < band.cumulative[38] && band.cumulative[38] < band.cumulativeHi[38]);
  const t = cvm([...ARGS, '--format', 'table']);
  assert.equal(t.code, 0, t.stderr);
  assert.match(t.stdout, /Band low/);
  assert.match(t.stdout, /Period band high/);
  assert.match(t.stdout, /80% prediction band for the holdout \(periods 40–78\)/);
  assert.match(t.stdout, /inside in \d+ of 39 holdout weeks/);
  // week 78's band as printed (2 decimals, thousands separators)
  const fmt = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  assert.ok(t.stdout.includes(fmt(band.cumulativeHi[38])), `week 78 band high ${fmt(band.cumulativeHi[38])} printed`);
  const bad = cvm([...ARGS.slice(0, -1), '1.5']);
  assert.equal(bad.code, 2);
});
