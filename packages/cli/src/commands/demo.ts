import { generateDemoBusiness, InputError } from '@cvm/core';
import { formatOf, parse, stringOf, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';

const DEMO_OPTIONS: OptionSpecs = {
  out: { type: 'string', short: 'o' },
  customers: { type: 'string' },
  prospects: { type: 'string' },
  seed: { type: 'string' },
  'no-signal': { type: 'boolean' },
};

const whole = (text: string | undefined, flag: string, fallback: number | undefined): number | undefined => {
  if (text === undefined) return fallback;
  const v = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(v) || v < 0) throw new InputError('bad_usage', `${flag} must be a whole number; got "${text}"`, { [flag]: text });
  return v;
};

/** `cvm demo --out DIR [--customers N] [--prospects N] [--seed S] [--no-signal]`: writes the synthetic demo business. */
export async function demoCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, DEMO_OPTIONS);
  if (values.help) return ctx.help('demo');
  const out = stringOf(values.out) ?? positionals[0];
  if (out === undefined) throw new InputError('bad_usage', 'cvm demo needs --out DIR (the folder to write the demo business into)', {});
  const format = formatOf(values, ctx.stdoutIsTTY);
  const progress = ctx.progress(format === 'table');
  const r = generateDemoBusiness(out, {
    customers: whole(stringOf(values.customers), '--customers', 20_000),
    prospects: whole(stringOf(values.prospects), '--prospects', undefined),
    seed: whole(stringOf(values.seed), '--seed', 1),
    signal: values['no-signal'] !== true,
    onProgress: (s) => progress.stage(s),
  });
  progress.done();
  const rows = Object.entries(r.files).map(([name, f]) => [name, f.path, f.rows || null]);
  ctx.print(
    {
      text: [
        `cvm demo: a SYNTHETIC retailer (made-up data, not a real company) written to ${r.dir} in ${r.seconds.toFixed(1)} s`,
        `${r.customers.toLocaleString('en-US')} customers, ${r.prospects.toLocaleString('en-US')} prospects, ${r.period.start} .. ${r.period.end}, seed ${r.seed}${r.signal ? '' : ', NO SIGNAL (channels and attributes have no effect)'}; the true parameters are in truth.json`,
        `Try: cvm report ${r.files.transactions!.path} --costs ${r.files.costModel!.path}`,
      ],
      tables: [{ title: 'Files', columns: ['file', 'path', 'rows'], rows }],
      json: r,
    },
    format,
  );
  return 0;
}
