// Builds the `cvm` command: one ESM bundle of the CLI with the core and the server (our TypeScript,
// compiled by esbuild), split at the commands' dynamic imports so that `cvm --help` loads only the
// entry chunk. Native or heavy npm packages stay external and load when a command needs them.
// Run by `npm install` (the root package's `prepare`) and by the test script when sources are newer.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}packages/cli/dist`;
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { cvm: `${root}packages/cli/src/main.ts` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  outExtension: { '.js': '.mjs' },
  chunkNames: '[name]-[hash]',
  external: ['@duckdb/node-api', '@clickhouse/client', 'chdb'],
  logLevel: 'warning',
  // bundled CommonJS dependencies (yaml, …) may call require(): give the ESM bundle one
  banner: { js: "import { createRequire as __cvmCreateRequire } from 'node:module'; const require = __cvmCreateRequire(import.meta.url);" },
});
