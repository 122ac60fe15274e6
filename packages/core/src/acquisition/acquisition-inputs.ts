import type { Engine } from '../engine/engine.js';
import { InputError } from '../errors.js';
import { dimensionQuery } from '../inputs/dimension.js';
import { ensureInputTables } from '../inputs/input-ingest.js';
import type { AcquisitionOptions } from './acquisition-types.js';

/**
 * Checks, before any model is fitted, that the workspace has what acquisition economics need: with
 * `by` = channel, marketing spend and at least one customer with a known acquisition channel; any
 * other `by` must be a customer attribute.
 * @throws InputError `missing_spend` / `missing_channels` naming everything that is missing and how
 *   to add it (CDNOW has neither); `unknown_dimension`.
 */
export async function requireAcquisitionInputs(
  engine: Engine,
  options: { by?: string; attribution?: AcquisitionOptions['attribution']; asOf?: string } = {},
): Promise<void> {
  await ensureInputTables(engine);
  const by = options.by ?? 'channel';
  if (by !== 'channel') {
    await dimensionQuery(engine, by);
    return;
  }
  const rule = options.attribution ?? 'file-then-first-order';
  const [f] = await engine.rows<{ spend: number; file: number; log: number }>(`SELECT (SELECT count(*) FROM marketing_spend) AS spend,
    (SELECT count(*) FROM (SELECT 1 FROM customer_profiles WHERE acquisition_channel IS NOT NULL LIMIT 1) x) AS file,
    (SELECT count(*) FROM (SELECT 1 FROM transactions WHERE nullif(${engine.dialect.trim('channel')}, '') IS NOT NULL LIMIT 1) y) AS log`);
  const c = { spend: f!.spend, known: (rule !== 'first-order' && f!.file > 0) || (rule !== 'file' && f!.log > 0) ? 1 : 0 };
  if (c.spend > 0 && c.known > 0) return;
  const missing = [
    ...(c.spend === 0 ? ['no marketing spend (give --spend FILE with month, channel, amount: one row per month and channel)'] : []),
    ...(c.known === 0
      ? [
          "no acquisition channels (give --customers FILE with an acquisition channel column, or map the log's channel column with --channel-col)",
        ]
      : []),
  ];
  throw new InputError(
    c.spend === 0 ? 'missing_spend' : 'missing_channels',
    `Acquisition economics need marketing spend and acquisition channels; this data has ${missing.join(', and ')}`,
    { spendRows: c.spend, channels: c.known > 0 },
  );
}
