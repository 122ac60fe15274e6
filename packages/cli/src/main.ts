import { CvmError, DataQualityError, InputError } from '@cvm/core/errors';
import { processContext, type Context } from './context.js';
import { HELP } from './help.js';

type Command = (argv: string[], ctx: Context) => Promise<number>;

/**
 * Commands load on first use, so `cvm --help` and a typo answer without loading DuckDB, the server
 * or the models.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  report: async () => (await import('./commands/report.js')).reportCommand,
  ingest: async () => (await import('./commands/ingest.js')).ingestCommand,
  summary: async () => (await import('./commands/summary.js')).summaryCommand,
  quarantine: async () => (await import('./commands/quarantine.js')).quarantineCommand,
  fit: async () => (await import('./commands/fit.js')).fitCommand,
  predict: async () => (await import('./commands/predict.js')).predictCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  profit: async () => (await import('./commands/profit.js')).profitCommand,
  segment: async () => (await import('./commands/segment.js')).segmentCommand,
  migrate: async () => (await import('./commands/migrate.js')).migrateCommand,
  cohorts: async () => (await import('./commands/cohorts.js')).cohortsCommand,
  // retention and win-back (issue 12)
  'at-risk': async () => (await import('./commands/retention.js')).atRiskCommand,
  'win-back': async () => (await import('./commands/retention.js')).winBackCommand,
  audience: async () => (await import('./commands/audience.js')).audienceCommand,
  // expansion
  rules: async () => (await import('./commands/rules.js')).rulesCommand,
  offers: async () => (await import('./commands/offers.js')).offersCommand,
  headroom: async () => (await import('./commands/headroom.js')).headroomCommand,
  // campaigns
  campaign: async () => (await import('./commands/campaign.js')).campaignCommand,
  // acquisition and the demo business
  demo: async () => (await import('./commands/demo.js')).demoCommand,
  acquisition: async () => (await import('./commands/acquisition.js')).acquisitionCommand,
  lookalikes: async () => (await import('./commands/lookalikes.js')).lookalikesCommand,
  // feedback and the satisfaction-profit chain (issue 15)
  feedback: async () => (await import('./commands/feedback.js')).feedbackCommand,
  loyalty: async () => (await import('./commands/loyalty.js')).loyaltyCommand,
  // the customer value plan (issue 15, plan)
  plan: async () => (await import('./commands/plan.js')).planCommand,
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
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`cvm: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')} (cvm --help)\n`);
    return 2;
  }
  try {
    return await (await load())(rest, ctx);
  } catch (error) {
    const { code, message } = exitCodeFor(error);
    process.stderr.write(message + '\n');
    if (process.env.CVM_DEBUG === '1') process.stderr.write(String((error as Error)?.stack ?? error) + '\n');
    return code;
  }
}
