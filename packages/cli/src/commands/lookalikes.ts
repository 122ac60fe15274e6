import {
  InputError,
  lookalikeCalibrationTable,
  lookalikeEffectsTable,
  lookalikeProspectsTable,
  lookalikeReport,
  lookalikeUnseenTable,
  lookalikeValidationTable,
  prospectRows,
  requireLookalikeInputs,
  runModelsWithScores,
  summarize,
} from '@cvm/core';
import { formatOf, ingestOptionsOf, LOG_OPTIONS, parse, stringOf, WORKSPACE_OPTION, ENGINE_OPTION, type OptionSpecs } from '../args.js';
import type { Context } from '../context.js';
import { INPUT_OPTIONS, ingestInputs, inputIngestLines } from '../inputs-cli.js';
import type { Table } from '../output.js';
import { cliTable } from '../report-table-output.js';
import { openSource } from '../source.js';

const LOOKALIKE_OPTIONS: OptionSpecs = {
  'top-share': { type: 'string' },
  folds: { type: 'string' },
  lambda: { type: 'string' },
  seed: { type: 'string' },
  limit: { type: 'string' },
  view: { type: 'string' },
  period: { type: 'string' },
  'validate-at': { type: 'string' },
};

const VIEWS = ['prospects', 'effects', 'calibration', 'validation', 'unseen'] as const;

const num = (v: string | undefined, flag: string, ok: (n: number) => boolean, what: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!ok(n)) throw new InputError('bad_usage', `${flag} must be ${what}; got "${v}"`, {});
  return n;
};

/** `cvm lookalikes PROSPECTS [LOG…] --customers FILE | --workspace DIR`: score prospects by their likeness to the top-value customers. */
export async function lookalikesCommand(argv: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(argv, LOG_OPTIONS, WORKSPACE_OPTION, ENGINE_OPTION, INPUT_OPTIONS, LOOKALIKE_OPTIONS);
  if (values.help) return ctx.help('lookalikes');
  const [prospectsFile, ...logs] = positionals;
  if (prospectsFile === undefined)
    throw new InputError(
      'bad_usage',
      "cvm lookalikes needs the PROSPECTS file (prospect id and the customers' attribute columns) first, then the log FILE or --workspace DIR",
      {},
    );
  const format = formatOf(values, ctx.stdoutIsTTY);
  const view = (stringOf(values.view) ?? 'prospects') as (typeof VIEWS)[number];
  if (!VIEWS.includes(view)) throw new InputError('bad_usage', `--view must be one of ${VIEWS.join(', ')}; got "${view}"`, {});
  const topShare = num(stringOf(values['top-share']), '--top-share', (n) => n > 0 && n < 1, 'a fraction in (0, 1), e.g. 0.2');
  const folds = num(stringOf(values.folds), '--folds', (n) => Number.isInteger(n) && n >= 2 && n <= 20, 'a whole number from 2 to 20');
  const lambda = num(stringOf(values.lambda), '--lambda', (n) => n > 0 && Number.isFinite(n), 'a positive number');
  const seed = num(stringOf(values.seed), '--seed', (n) => Number.isInteger(n) && n >= 0, 'a whole number');
  const limit =
    num(stringOf(values.limit), '--limit', (n) => Number.isInteger(n) && n >= 0, 'a whole number (0 = all)') ??
    (format === 'table' ? 25 : 0);
  const period = stringOf(values.period) ?? 'week';
  if (period !== 'week' && period !== 'day') throw new InputError('bad_usage', `--period must be day or week; got "${period}"`, {});
  const progress = ctx.progress(format === 'table');
  const { engine, ingest } = await openSource(values, logs, ingestOptionsOf(values), progress);
  try {
    const inputs = await ingestInputs(engine, values, progress, [['prospects', prospectsFile]]);
    await requireLookalikeInputs(engine);
    progress.stage('summarising');
    const summary = await summarize(engine, { period });
    progress.stage('fitting the models');
    const models = await runModelsWithScores(engine, summary, { period, validateAt: stringOf(values['validate-at']) });
    progress.stage('look-alike model');
    const r = await lookalikeReport(engine, { summary, models, topShare, folds, lambda, seed });
    progress.done();
    const v = r.validation;
    const tables: Record<(typeof VIEWS)[number], Table> = {
      validation: cliTable(
        lookalikeValidationTable([v.model, ...(v.baseline ? [v.baseline] : [])], {
          notes: [`Base rate: ${(100 * v.baseRate).toFixed(1)}% of customers are top tier; random ranking has AUC 0.5 and lift 1.`],
        }),
        format,
      ),
      calibration: cliTable(lookalikeCalibrationTable(v.calibration), format),
      effects: cliTable(lookalikeEffectsTable(r.effects), format),
      prospects: cliTable(
        lookalikeProspectsTable(prospectRows(r.prospects, limit === 0 ? Infinity : limit), {
          notes:
            limit > 0 && limit < r.prospects.ids.length
              ? [`The ${limit} best of ${r.prospects.ids.length.toLocaleString('en-US')} prospects; --limit 0 (or --format csv) lists all.`]
              : [],
        }),
        format,
      ),
      unseen: cliTable(lookalikeUnseenTable(r.prospects.unseen), format),
    };
    const text = [
      `cvm lookalikes as of ${r.asOf} (computed ${r.computedAt})`,
      ...ingest.map(
        (i) =>
          `${i.file}: ${i.rowsAccepted.toLocaleString('en-US')} transactions accepted, ${i.rowsQuarantined.toLocaleString('en-US')} quarantined`,
      ),
      ...inputIngestLines(inputs),
      '',
      v.verdict,
      ...r.notes,
      ...(r.converged ? [] : ['Warning: the final model did not converge; its scores are doubtful']),
    ];
    const shown =
      format === 'table'
        ? [tables.validation, tables.calibration, tables.effects, tables.prospects, ...(r.prospects.unseen.length ? [tables.unseen] : [])]
        : [tables[view]];
    const { prospects: _p, ...json } = r;
    ctx.print(
      {
        text,
        tables: shown,
        json: { ...json, inputs, prospects: prospectRows(r.prospects, limit === 0 ? Infinity : limit), unseen: r.prospects.unseen },
        maxTableRows: 200,
      },
      format,
    );
  } finally {
    await engine.close();
  }
  return 0;
}
