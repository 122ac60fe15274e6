import { parseArgs } from 'node:util';
import { InputError, type ColumnMapping, type IngestOptions, type SummaryOptions, type Period } from '@cvm/core';
import { FORMATS, type Format } from './output.js';

type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };
export type OptionSpecs = Record<string, OptionSpec>;

/** Flags every command takes. */
export const COMMON: OptionSpecs = {
  help: { type: 'boolean', short: 'h' },
  format: { type: 'string' },
};

/** Flags that describe a transaction log (mapping, dates, validation). */
export const LOG_OPTIONS: OptionSpecs = {
  'customer-col': { type: 'string' },
  'date-col': { type: 'string' },
  'amount-col': { type: 'string' },
  'order-col': { type: 'string' },
  'product-col': { type: 'string' },
  'quantity-col': { type: 'string' },
  'price-col': { type: 'string' },
  'channel-col': { type: 'string' },
  'cost-col': { type: 'string' },
  'date-format': { type: 'string' },
  timezone: { type: 'string' },
  delimiter: { type: 'string' },
  'cancel-prefix': { type: 'string' },
  dedupe: { type: 'string' },
  'min-date': { type: 'string' },
  'max-date': { type: 'string' },
  strict: { type: 'boolean' },
};

export const SUMMARY_OPTIONS: OptionSpecs = {
  period: { type: 'string' },
  'calibration-end': { type: 'string' },
  'holdout-end': { type: 'string' },
};

export const WORKSPACE_OPTION: OptionSpecs = { workspace: { type: 'string', short: 'w' } };

/** The workspace on ClickHouse instead (commands that run on both engines): see source.ts. */
export const ENGINE_OPTION: OptionSpecs = {
  engine: { type: 'string' },
  'clickhouse-user': { type: 'string' },
  'clickhouse-password': { type: 'string' },
};

export type Values = Record<string, string | boolean | string[] | undefined>;

/**
 * Parses argv against the given specs; unknown flags and missing values are usage errors (exit 2).
 * A negative number after a flag that takes a value (`--horizon -5`) is that flag's value, so the
 * range check can say what is wrong with it (node's parser calls it "ambiguous").
 */
export function parse(argv: string[], ...specs: OptionSpecs[]): { values: Values; positionals: string[] } {
  const options = Object.assign({}, COMMON, ...specs) as OptionSpecs;
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!,
      next = argv[i + 1];
    if (
      a.startsWith('--') &&
      !a.includes('=') &&
      options[a.slice(2)]?.type === 'string' &&
      next !== undefined &&
      /^-(\d|\.\d|Infinity)/.test(next)
    ) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new InputError('bad_usage', `${(error as Error).message.split('\n')[0]} (see --help)`, {});
  }
}

const str = (v: Values[string]): string | undefined => (typeof v === 'string' ? v : undefined);

export function formatOf(values: Values, isTTY: boolean, machine: Format = 'json'): Format {
  const f = str(values.format);
  if (f === undefined) return isTTY ? 'table' : machine;
  if (!(FORMATS as readonly string[]).includes(f))
    throw new InputError('bad_usage', `--format must be one of ${FORMATS.join(', ')}; got "${f}"`, { format: f });
  return f as Format;
}

export function ingestOptionsOf(values: Values): IngestOptions {
  const mapping: ColumnMapping = {};
  for (const field of ['customer', 'date', 'amount', 'order', 'product', 'quantity', 'price', 'channel', 'cost'] as const) {
    const v = str(values[`${field}-col`]);
    if (v !== undefined) mapping[field] = v;
  }
  const dedupe = str(values.dedupe);
  if (dedupe !== undefined && !['auto', 'on', 'off'].includes(dedupe))
    throw new InputError('bad_usage', `--dedupe must be auto, on or off; got "${dedupe}"`, {});
  return {
    mapping,
    dateFormat: str(values['date-format']),
    timezone: str(values.timezone),
    delimiter: str(values.delimiter),
    cancelPrefix: str(values['cancel-prefix']) ?? null,
    dedupe: dedupe as IngestOptions['dedupe'],
    minDate: str(values['min-date']),
    maxDate: str(values['max-date']),
    strict: values.strict === true,
  };
}

export function summaryOptionsOf(values: Values): SummaryOptions {
  const period = str(values.period) ?? 'week';
  if (period !== 'day' && period !== 'week') throw new InputError('bad_usage', `--period must be day or week; got "${period}"`, { period });
  return { period: period as Period, calibrationEnd: str(values['calibration-end']), holdoutEnd: str(values['holdout-end']) };
}

export const stringOf = str;

/**
 * A list flag given comma-separated, repeated, or both, as one list (items trimmed, empty ones dropped).
 * @example listOf(['a, b', 'c', '']); // ['a', 'b', 'c']
 */
export function listOf(v: Values[string]): string[] {
  return (Array.isArray(v) ? v : typeof v === 'string' ? [v] : [])
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}
