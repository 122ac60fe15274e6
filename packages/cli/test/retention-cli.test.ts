// cvm at-risk, cvm win-back and cvm audience, run as users run them (the built binary): the list as CSV
// for a campaign tool, the JSON report, the backtest's published CDNOW figures, saved audiences in a
// workspace, and usage errors (exit 2) before any work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvm, SAMPLE, tempDir } from './run-cli.js';

const LOG = [SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds', '--validate-at', '1997-09-30'];

/** A small RFC 4180 line splitter for the reasons (which hold commas inside quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = '',
    quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

test('cvm at-risk --format csv: every listed customer, ranked by value at risk, with reasons; filters narrow it', () => {
  const r = cvm(['at-risk', ...LOG, '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const head = lines[0]!.split(',');
  assert.deepEqual(head.slice(0, 3), ['customer_id', 'value_tier', 'lifecycle_stage']);
  for (const k of [
    'churn_risk',
    'p_alive',
    'p_alive_before',
    'p_return',
    'days_silent',
    'next_purchase',
    'value_at_risk',
    'retention_reason',
  ])
    assert.ok(head.includes(k), k);
  const v = head.indexOf('value_at_risk'),
    why = head.indexOf('retention_reason'),
    risk = head.indexOf('churn_risk'),
    stage = head.indexOf('lifecycle_stage');
  const rows = lines.slice(1).map(cells);
  assert.ok(rows.length > 100, `${rows.length} at-risk customers on CDNOW`);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    assert.ok(Number(row[v]) > 0);
    if (i > 0) assert.ok(Number(rows[i - 1]![v]) >= Number(row[v]), 'ranked by value at risk');
    assert.match(row[why]!, /days silent.*P\(alive\).*chance of a purchase in the next 90 days; value at risk/);
    assert.ok(row[risk] === 'medium' || row[risk] === 'high');
    assert.ok(!['lapsed', 'churned'].includes(row[stage]!));
  }
  const gold = cvm(['at-risk', ...LOG, '--format', 'csv', '--tier', 'Gold,Platinum', '--min-value', '50']);
  assert.equal(gold.code, 0, gold.stderr);
  const g = gold.stdout.trim().split('\n').slice(1).map(cells);
  assert.ok(g.length > 0 && g.length < rows.length);
  for (const row of g) assert.ok(['Gold', 'Platinum'].includes(row[1]!) && Number(row[v]) >= 50);
  assert.equal(
    g.length,
    rows.filter((row) => ['Gold', 'Platinum'].includes(row[1]!) && Number(row[v]) >= 50).length,
    'the same rows as filtering the whole list',
  );
});

test('cvm win-back --format json: the retention report and the lapsed/churned list by win-back value', () => {
  const r = cvm(['win-back', ...LOG, '--format', 'json', '--limit', '20']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.retention.asOf, '1998-06-30');
  assert.equal(j.list.id, 'win_back');
  assert.equal(j.list.total, j.retention.lists.winBack.customers);
  assert.equal(j.list.rows.length, 20);
  for (const row of j.list.rows) {
    assert.ok(row.lifecycle_stage === 'lapsed' || row.lifecycle_stage === 'churned');
    const m = /; win-back value ([\d,]+) \(([\d,]+) if won back, less the (<1|>99|\d+)% chance they are still a customer\)$/.exec(
      row.retention_reason,
    );
    assert.ok(m, row.retention_reason);
    assert.equal(Number(m[1]!.replace(/,/g, '')), Math.round(row.win_back_value), 'the reason names the ranked value');
    assert.equal(Number(m[2]!.replace(/,/g, '')), Math.round(row.value_if_alive));
  }
  assert.ok(j.list.rows[0].win_back_value >= j.list.rows[19].win_back_value);
  assert.ok(j.retention.rules.length >= 8);
  // the core's retention section rides along: its matrix adds up to the report's value at risk
  assert.deepEqual(
    j.section.tables.map((t: { id: string }) => t.id),
    ['retention.risk', 'retention.value_at_risk_matrix'],
  );
  const total = j.section.tables[1].rows.reduce((a: number, row: unknown[]) => a + (row.at(-1) as number), 0);
  assert.ok(
    Math.abs(total - j.retention.valueAtRisk.now) <= 1e-6 * Math.max(1, j.retention.valueAtRisk.now),
    `${total} vs ${j.retention.valueAtRisk.now}`,
  );
});

test('cvm at-risk --backtest on CDNOW: 684 of 2,357 bought, AUC ≥ 0.75 with its interval, tables by id', () => {
  const r = cvm(['at-risk', ...LOG, '--backtest', '--calibration-end', '1997-09-30', '--holdout-end', '1998-06-30', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const b = JSON.parse(r.stdout);
  assert.equal(b.customers, 2357);
  assert.equal(b.bought, 684);
  assert.equal(b.scores[0].key, 'expected_purchases');
  assert.ok(b.scores[0].auc >= 0.75 && b.scores[0].lower > 0.7);
  assert.equal(b.precision.length, 4);
  const csv = cvm([
    'at-risk',
    ...LOG,
    '--backtest',
    '--calibration-end',
    '1997-09-30',
    '--holdout-end',
    '1998-06-30',
    '--format',
    'csv',
    '--table',
    'backtest.calibration',
  ]);
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout.split('\n')[0], 'decile,customers,predicted,observed,predicted_purchases,actual_purchases');
  assert.equal(csv.stdout.trim().split('\n').length, 11);
});

test('cvm audience: save, list, show, export and delete in a workspace', () => {
  const dir = tempDir('cvm-aud-cli-');
  assert.equal(
    cvm(['ingest', SAMPLE, '--customer-col', 'sampleid', '--quantity-col', 'cds', '--workspace', dir, '--format', 'json']).code,
    0,
  );
  const w = ['--workspace', dir, '--validate-at', '1997-09-30'];
  const saved = cvm([
    'audience',
    'save',
    'silver at risk',
    '--filter',
    'value_tier:eq:Silver',
    '--filter',
    'retention_list:eq:at_risk',
    '--description',
    'call them',
    ...w,
    '--format',
    'json',
  ]);
  assert.equal(saved.code, 0, saved.stderr);
  const s = JSON.parse(saved.stdout);
  assert.ok(s.members > 0);
  const list = JSON.parse(cvm(['audience', 'list', '--workspace', dir, '--format', 'json']).stdout);
  assert.deepEqual(
    list.audiences.map((a: { name: string }) => a.name),
    ['silver at risk'],
  );
  const show = JSON.parse(cvm(['audience', 'show', 'silver at risk', ...w, '--format', 'json', '--limit', '5']).stdout);
  assert.equal(show.total, s.members);
  assert.ok(
    show.rows.every(
      (row: { value_tier: string; retention_list: string }) => row.value_tier === 'Silver' && row.retention_list === 'at_risk',
    ),
  );
  const exported = cvm(['audience', 'export', 'silver at risk', ...w]);
  assert.equal(exported.code, 0, exported.stderr);
  assert.equal(exported.stdout.trim().split('\n').length, s.members + 1);
  assert.match(exported.stdout.split('\n')[0]!, /^customer_id,frequency,/);
  assert.equal(cvm(['audience', 'delete', 'silver at risk', '--workspace', dir]).code, 0);
  const gone = cvm(['audience', 'show', 'silver at risk', ...w]);
  assert.equal(gone.code, 2);
  assert.match(gone.stderr, /No audience "silver at risk"; saved: none/);
});

test('usage errors exit 2 before any work, with a message saying what to do', () => {
  const cases: [string[], RegExp][] = [
    [['at-risk', ...LOG, '--backtest'], /needs --calibration-end D and --holdout-end E/],
    [['win-back', ...LOG, '--backtest'], /cvm at-risk --backtest/],
    [['at-risk', ...LOG, '--risk-thresholds', '0.6,0.5'], /--risk-thresholds must be HIGH,MEDIUM/],
    [['serve', ...LOG, '--risk-thresholds', '0.6,0.5'], /--risk-thresholds must be HIGH,MEDIUM/],
    [['serve', ...LOG, '--lookback-days', '0'], /--lookback-days must be a look-back in days, from 1 to 3,650; got "0"/],
    [['at-risk', ...LOG, '--horizon-days', '5000'], /--horizon-days must be a horizon in days, from 1 to 3,650; got "5000"/],
    [['at-risk', ...LOG, '--limit', '0'], /--limit must be a whole number/],
    [['at-risk', ...LOG, '--filter', 'tier=Gold'], /filter "tier=Gold"/],
    [['audience', 'save', 'x', '--filter', 'value_tier:eq:Gold'], /needs --workspace DIR/],
    [['audience', 'frobnicate', '--workspace', '.'], /needs one of save, list, show, export, delete/],
  ];
  for (const [args, message] of cases) {
    const r = cvm(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.match(cvm(['at-risk', '--help']).stdout, /ranked by value at risk/);
  assert.match(cvm(['--help']).stdout, /at-risk FILE\|--workspace DIR/);
  assert.match(cvm(['serve', '--help']).stdout, /--risk-thresholds H,M/);
});
