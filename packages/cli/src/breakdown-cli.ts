import {
  ATTRIBUTION_RULES,
  checkNumber,
  InputError,
  type AttributionRule,
  type DimensionOptions,
  type Engine,
  type ReportSection,
} from '@cvm/core';
import { stringOf, type OptionSpecs, type Values } from './args.js';
import { INPUT_OPTIONS, ingestInputs, inputIngestLines } from './inputs-cli.js';
import { sectionOutput, type Format, type Output } from './output.js';
import type { Progress } from './progress.js';
import { cliTable } from './report-table-output.js';

/** `--by channel|ATTRIBUTE` with its attribution rule and numeric bands, plus the input files (`--customers FILE`). */
export const BY_OPTIONS: OptionSpecs = {
  ...INPUT_OPTIONS,
  by: { type: 'string' },
  attribution: { type: 'string' },
  bands: { type: 'string' },
};

/** The dimension options of `--attribution` and `--bands`. */
export function dimensionOptionsOf(values: Values): DimensionOptions {
  const attribution = (stringOf(values.attribution) ?? 'file-then-first-order') as AttributionRule;
  if (!ATTRIBUTION_RULES.includes(attribution))
    throw new InputError('bad_usage', `--attribution must be one of ${ATTRIBUTION_RULES.join(', ')}; got "${attribution}"`, {});
  const text = stringOf(values.bands);
  const bands = checkNumber('bands', text, '--bands', 4);
  return { attribution, bands };
}

/** True when the command was given input files that must be written into the workspace. */
export const hasInputFiles = (values: Values): boolean => stringOf(values.customers) !== undefined || stringOf(values.spend) !== undefined;

/** Ingests `--customers`/`--spend` and returns the lines that describe them. */
export async function byInputs(engine: Engine, values: Values, progress: Progress): Promise<string[]> {
  return inputIngestLines(await ingestInputs(engine, values, progress));
}

/** A breakdown section as CLI output: for people its lines and formatted tables; for machines the tables' keys and raw values. */
export function breakdownOutput(s: ReportSection, format: Format, head: string[] = []): Output {
  if (format === 'table') {
    const o = sectionOutput(s);
    return { ...o, text: [...head, ...(o.text ?? [])], tables: s.tables.map((t) => cliTable(t, format)), maxTableRows: 200 };
  }
  return { tables: s.tables.map((t) => cliTable(t, format)), json: s };
}
