// Runs node's test runner over every *.test.ts file of every package (Node 20 does not expand
// quoted globs, so the files are listed here). Extra arguments select files by substring.
// When a selected file needs ClickHouse (its path contains "clickhouse" or "engine-contract") and
// Debian's clickhouse-server is installed, the local 2-shard cluster (scripts/clickhouse-cluster.sh)
// is started for the run and stopped after it (left running if it was already up); without the
// server those tests skip with the reason, or fail under CI=1.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = [];
for (const pkg of readdirSync('packages')) {
  const testDir = join('packages', pkg, 'test');
  try {
    statSync(testDir);
  } catch {
    continue;
  }
  walk(testDir, files);
}
const selected = files.sort().filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

// The CLI tests run the built `cvm` (what users run): rebuild the bundle first (about a second).
const built = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const env = { ...process.env, TZ: 'UTC' };
const cluster = 'scripts/clickhouse-cluster.sh';
const server = process.env.CVM_CLICKHOUSE_SERVER ?? '/usr/sbin/clickhouse-server';
let startedCluster = false;
if (!env.CVM_TEST_CLICKHOUSE && selected.some((f) => /clickhouse|engine-contract/.test(f)) && existsSync(server)) {
  const wasUp = spawnSync('bash', [cluster, 'status'], { encoding: 'utf8' }).status === 0;
  const up = wasUp || spawnSync('bash', [cluster, 'start'], { stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
  if (up) {
    startedCluster = !wasUp;
    const lines = spawnSync('bash', [cluster, 'env'], { encoding: 'utf8' }).stdout.trim().split('\n');
    for (const line of lines) {
      const i = line.indexOf('=');
      if (i > 0) env[line.slice(0, i)] = line.slice(i + 1);
    }
  } else console.error('could not start the ClickHouse test cluster; its tests will skip (or fail under CI=1)');
}

const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...selected], { stdio: 'inherit', env });
if (startedCluster) spawnSync('bash', [cluster, 'stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
process.exit(r.status ?? 1);
