#!/usr/bin/env node
// The `cvm` command. Runs the built bundle (packages/cli/dist, made by `npm install` through
// scripts/build-cli.mjs) so that no TypeScript is compiled at start-up. In a checkout whose sources
// are newer than the bundle (a developer editing them) it runs the sources through tsx instead, so
// the command never runs stale code; `npm run build:cli` refreshes the bundle.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A closed pipe (e.g. `cvm summary ... | head`) ends the command quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const packages = fileURLToPath(new URL('../../', import.meta.url));
const bundle = `${packages}cli/dist/cvm.mjs`;

/** Newest modification time (ms) of the .ts files under a directory; 0 when it does not exist. */
function newest(dir) {
  let t = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function bundleIsFresh() {
  let built;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return false;
  }
  return ['core', 'cli', 'server'].every((p) => newest(`${packages}${p}/src`) <= built);
}

let main;
if (process.env.CVM_FROM_SOURCE !== '1' && bundleIsFresh()) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
