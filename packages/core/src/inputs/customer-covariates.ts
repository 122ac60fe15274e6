import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import type { Covariates } from '../models/covariates/covariate-types.js';
import { ensureInputTables } from './input-ingest.js';

/**
 * Numeric customer attributes (from the workspace's customers file, `customer_attributes`) as model
 * covariates aligned to `ids`: one Float64Array per name, in the order given. A name that is the
 * customers file's acquisition-channel column (a 0/1 "Channel" column is detected as that role) is
 * read from the channel values, which must then be numbers.
 *
 * @param engine - the workspace engine
 * @param ids - customer ids in the order of the model input
 * @param names - attribute names (columns of the customers file)
 * @returns the covariates
 * @throws {InputError} `no_covariates` for an empty list; `unknown_covariate` naming the numeric
 *   attributes there are (and how to add a customers file); `categorical_covariate` for a text
 *   attribute (code it as 0/1 columns); `missing_covariate` when customers have no value, with examples
 * @example
 * const cov = await customerCovariates(engine, summary.customerId, ['Gender', 'Channel']);
 * cov.columns[0]![0]; // => 1 (Gender of the first customer)
 */
export async function customerCovariates(engine: Engine, ids: readonly string[], names: readonly string[]): Promise<Covariates> {
  if (names.length === 0)
    throw new InputError(
      'no_covariates',
      'Name at least one covariate (a numeric column of the customers file), e.g. --covariates Gender,Channel.',
      {},
    );
  await ensureInputTables(engine);
  const attrs = await engine.rows<{ name: string; type: string }>(
    "SELECT name, type FROM input_attributes WHERE kind = 'customers' ORDER BY position",
  );
  const numeric = attrs.filter((a) => a.type === 'numeric').map((a) => a.name);
  const at = new Map<string, number>();
  ids.forEach((id, i) => at.set(id, i));
  const columns: Float64Array[] = [];
  const [src] = await engine.rows<{ columns: string }>("SELECT columns FROM input_sources WHERE kind = 'customers'");
  const channelColumn = src ? (JSON.parse(src.columns) as { roles?: { channel?: string } }).roles?.channel : undefined;
  for (const name of names) {
    const found = attrs.find((a) => a.name === name);
    if (!found && name === channelColumn) {
      columns.push(await channelCovariate(engine, ids, at, name));
      continue;
    }
    if (!found) {
      const hint =
        attrs.length === 0
          ? ' The workspace has no customers file with attributes: pass --customers FILE (customer id plus attribute columns).'
          : '';
      throw new InputError(
        'unknown_covariate',
        `No customer attribute "${name}"; numeric attributes: ${numeric.join(', ') || 'none'}.${hint}`,
        { name, available: numeric },
      );
    }
    if (found.type !== 'numeric') {
      throw new InputError(
        'categorical_covariate',
        `The customer attribute "${name}" is ${found.type}, but a covariate must be numeric. Code its levels as 0/1 columns in the customers file (one column per level but one).`,
        { name, type: found.type },
      );
    }
    const col = new Float64Array(ids.length).fill(NaN);
    const b = await engine.columns(
      'SELECT customer_id, CAST(value AS DOUBLE) AS v FROM customer_attributes WHERE name = $1',
      { customer_id: 'string', v: 'f64' },
      [name],
    );
    for (let k = 0; k < b.length; k++) {
      const i = at.get(b.strings.customer_id![k]!);
      if (i !== undefined) col[i] = b.f64.v![k]!;
    }
    columns.push(complete(col, ids, name));
  }
  return { names: [...names], columns };
}

/** The customers file's acquisition-channel column read as numbers (a 0/1 column named e.g. "Channel" is taken as the channel role). */
async function channelCovariate(engine: Engine, ids: readonly string[], at: Map<string, number>, name: string): Promise<Float64Array> {
  const col = new Float64Array(ids.length).fill(NaN);
  const b = await engine.columns(
    'SELECT customer_id, acquisition_channel AS v FROM customer_profiles WHERE acquisition_channel IS NOT NULL',
    { customer_id: 'string', v: 'string' },
  );
  for (let k = 0; k < b.length; k++) {
    const i = at.get(b.strings.customer_id![k]!);
    const text = b.strings.v![k]!;
    const v = text.trim() === '' ? NaN : Number(text);
    if (i === undefined) continue;
    if (!Number.isFinite(v)) {
      throw new InputError(
        'categorical_covariate',
        `"${name}" is the customers file's acquisition channel and holds text ("${text}"), but a covariate must be numeric. Code its levels as 0/1 columns in the customers file.`,
        { name, value: text },
      );
    }
    col[i] = v;
  }
  return complete(col, ids, name);
}

function complete(col: Float64Array, ids: readonly string[], name: string): Float64Array {
  const missing: string[] = [];
  let count = 0;
  col.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      count++;
      if (missing.length < 3) missing.push(ids[i]!);
    }
  });
  if (count > 0) {
    throw new InputError(
      'missing_covariate',
      `${count.toLocaleString('en-US')} of ${ids.length.toLocaleString('en-US')} customers have no value of "${name}" (e.g. ${missing.join(', ')}). Add them to the customers file, or drop the covariate.`,
      { name, missing: count, examples: missing },
    );
  }
  return col;
}
