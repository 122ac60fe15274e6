#!/usr/bin/env node
// The `cvm` command. Sources are TypeScript, run through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

// A closed pipe (e.g. `cvm summary ... | head`) ends the command quietly.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
