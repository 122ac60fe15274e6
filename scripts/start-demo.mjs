// `npm start`: the main job on the SYNTHETIC demo business. On first start it is generated into
// .demo/business (git-ignored; ~20k customers, a few seconds), then `cvm serve` ingests it into the
// workspace .demo/workspace, prints the report and serves the dashboard. Extra arguments go to
// `cvm serve` (e.g. `npm start -- --port 8080`). `npm run start:cdnow` runs the same on CDNOW.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const CVM = join(ROOT, 'packages/cli/bin/cvm.js');
const DIR = join(ROOT, '.demo/business');
const CUSTOMERS = 20_000;
const SEED = 1;
// Regenerate when the generator's version or the options changed (truth.json records both).
const GENERATOR_VERSION = 2;

function current() {
  try {
    const t = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8'));
    return (
      t.generator.version === GENERATOR_VERSION &&
      t.generator.customers === CUSTOMERS &&
      t.generator.seed === SEED &&
      t.generator.signal === true
    );
  } catch {
    return false;
  }
}

const run = (args) =>
  spawnSync(process.execPath, [CVM, ...args], { stdio: 'inherit', cwd: ROOT, env: { ...process.env, TZ: process.env.TZ ?? 'UTC' } });

if (!current() || !existsSync(join(DIR, 'transactions.csv'))) {
  process.stderr.write(`Generating the synthetic demo business (${CUSTOMERS.toLocaleString('en-US')} customers) into .demo/business …\n`);
  const g = run(['demo', '--out', DIR, '--customers', String(CUSTOMERS), '--seed', String(SEED), '--format', 'table']);
  if (g.status !== 0) process.exit(g.status ?? 1);
}
const serve = run([
  'serve',
  join(DIR, 'transactions.csv'),
  '--workspace',
  join(ROOT, '.demo/workspace'),
  '--costs',
  join(DIR, 'cost-model.yaml'),
  '--customers',
  join(DIR, 'customers.csv'),
  '--spend',
  join(DIR, 'marketing-spend.csv'),
  '--prospects',
  join(DIR, 'prospects.csv'),
  '--surveys',
  join(DIR, 'surveys.csv'),
  '--program',
  join(ROOT, 'data/loyalty/three-tiers.yaml'),
  '--format',
  'table',
  ...process.argv.slice(2),
]);
process.exit(serve.status ?? 1);
