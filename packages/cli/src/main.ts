import { CvmError, DataQualityError, InputError } from '@cvm/core';
import { processContext, type Context } from './context.js';
import { HELP } from './help.js';
import { ingestCommand } from './commands/ingest.js';
import { quarantineCommand } from './commands/quarantine.js';
import { reportCommand } from './commands/report.js';
import { summaryCommand } from './commands/summary.js';
import { fitCommand } from './commands/fit.js';
import { predictCommand } from './commands/predict.js';
import { validateCommand } from './commands/validate.js';
import { serveCommand } from './commands/serve.js';
import { profitCommand } from './commands/profit.js';
import { segmentCommand } from './commands/segment.js';
import { migrateCommand } from './commands/migrate.js';
import { cohortsCommand } from './commands/cohorts.js';
// growth commands (issue 11)
import { demoCommand } from './commands/demo.js';
import { acquisitionCommand } from './commands/acquisition.js';
import { lookalikesCommand } from './commands/lookalikes.js';

type Command = (argv: string[], ctx: Context) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  report: reportCommand,
  ingest: ingestCommand,
  summary: summaryCommand,
  quarantine: quarantineCommand,
  fit: fitCommand,
  predict: predictCommand,
  validate: validateCommand,
  serve: serveCommand,
  profit: profitCommand,
  segment: segmentCommand,
  migrate: migrateCommand,
  cohorts: cohortsCommand,
  // growth commands (issue 11)
  demo: demoCommand,
  acquisition: acquisitionCommand,
  lookalikes: lookalikesCommand,
};

/**
 * Maps an error to an exit code and a one-line message; the only place that does so.
 * 2: bad usage or input (InputError); 1: anything else (data-quality failures, engine, convergence,
 * internal errors). Stacks are shown only with CVM_DEBUG=1.
 */
export function exitCodeFor(error: unknown): { code: number; message: string } {
  if (error instanceof InputError) return { code: 2, message: `cvm: ${error.message}` };
  if (error instanceof DataQualityError) return { code: 1, message: `cvm: ${error.message}` };
  if (error instanceof CvmError) return { code: 1, message: `cvm: ${error.message}` };
  return { code: 1, message: `cvm: internal error: ${(error as Error)?.message ?? String(error)} (set CVM_DEBUG=1 for details)` };
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], ctx: Context = processContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0] && HELP[rest[0]]) return ctx.help(rest[0]);
    return ctx.help('main');
  }
  if (name === '--version' || name === '-V') {
    ctx.write('cvm 0.1.0\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`cvm: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')} (cvm --help)\n`);
    return 2;
  }
  try {
    return await command(rest, ctx);
  } catch (error) {
    const { code, message } = exitCodeFor(error);
    process.stderr.write(message + '\n');
    if (process.env.CVM_DEBUG === '1') process.stderr.write(String((error as Error)?.stack ?? error) + '\n');
    return code;
  }
}
