/**
 * ClickHouse users whose settings profile is read only (`readonly` = 1 or 2), and the settings cvm
 * sends with its statements (issue 16). `readonly=1` forbids changing any setting to another value
 * than the profile's: cvm's own (`CLICKHOUSE_SETTINGS`, sent with every statement) and the parse
 * limits of a statement over 192 KiB (`parseLimitSettings`: a P&L with per-product costs of many
 * products). `readonly` 1 and 2 both forbid writes (ingest, campaigns, the per-shard views of a
 * cluster, temporary tables). ClickHouse's own messages name none of that; {@link engineFailure}
 * says what cvm needed and the way out, and {@link limitsToSend} sends a long statement's limits
 * only where the profile's own values fall short, so a `readonly=1` profile whose administrator
 * raised `max_query_size` and the AST limits runs long statements too (18.16 and current releases
 * accept a setting sent at the value it already has).
 */
import { EngineError } from '../../errors.js';
import { CLICKHOUSE_SETTINGS, PARSE_LIMIT_DEFAULTS, parseLimitSettings } from './clickhouse-settings.js';

/** A settings profile's values that decide what cvm may send (from `system.settings`). */
export interface ProfileSettings {
  readonly: number;
  max_query_size: number;
  max_ast_elements: number;
  max_expanded_ast_elements: number;
}

/** The query that reads {@link ProfileSettings} (rows of name, value). */
export const PROFILE_SETTINGS_SQL = `SELECT name, value FROM system.settings WHERE name IN ('readonly', ${Object.keys(PARSE_LIMIT_DEFAULTS)
  .map((k) => `'${k}'`)
  .join(', ')})`;

type Limits = ReturnType<typeof parseLimitSettings>;

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;

/** The message for a statement whose parse limits a `readonly=1` profile does not allow. */
function limitsMessage(bytes: number, needed: Limits, profile: Partial<ProfileSettings> | null): string {
  const list = Object.entries(needed)
    .map(([k, v]) => `${k} ≥ ${v}${profile ? ` (the profile: ${profile[k as keyof ProfileSettings]})` : ''}`)
    .join(', ');
  return `This statement is ${bytes} bytes (${kib(bytes)}, over 192 KiB: per-product costs of many products) and ClickHouse parses it only with ${list}; the ClickHouse user's settings profile has readonly=1, which forbids changing settings per statement. Use a profile with readonly=2 (or 0), raise those settings in the profile itself, or give fewer products their own cost (a default product_cost.margin_pct, or the log's cost column)`;
}

/**
 * The parse limits to send with a statement: those of `needed` above the profile's own values.
 * @throws EngineError `readonly_profile` when some must be sent and the profile has readonly=1.
 * @example
 * limitsToSend(300_000, { max_query_size: 365_536 }, { readonly: 0, max_query_size: 262_144, … }); // → { max_query_size: 365536 }
 */
export function limitsToSend(bytes: number, needed: Limits, profile: ProfileSettings): Limits {
  const send = Object.fromEntries(Object.entries(needed).filter(([k, v]) => v > profile[k as keyof ProfileSettings])) as Limits;
  if (Object.keys(send).length > 0 && profile.readonly === 1)
    throw new EngineError('readonly_profile', limitsMessage(bytes, send, profile), { bytes, needed: send, readonly: 1 });
  return send;
}

/** ClickHouse 18.16's and current releases' refusals of a setting, and of a write, in readonly mode. */
const SETTING = /Cannot (?:override setting \((\w+)\)|modify '(\w+)' setting) in readonly mode/;
const WRITE = /Cannot (?:create|insert|drop|execute|attach|alter|rename)[\w ]* in readonly mode/;

/**
 * The EngineError for a failed ClickHouse statement: `readonly_profile` saying what cvm needed and
 * the way out when the user's profile is read only, else `query_failed` with the first line of
 * ClickHouse's message.
 * @example
 * engineFailure('SELECT 1', new Error('Cannot override setting (join_use_nulls) in readonly mode')).code; // → 'readonly_profile'
 */
export function engineFailure(sql: string, error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  const message = String((error as Error).message ?? error);
  const context = { sql: sql.slice(0, 2000), detail: message };
  const setting = SETTING.exec(message);
  const name = setting?.[1] ?? setting?.[2];
  if (name && name in PARSE_LIMIT_DEFAULTS) {
    return new EngineError('readonly_profile', limitsMessage(Buffer.byteLength(sql), parseLimitSettings(sql), null), {
      ...context,
      setting: name,
    });
  }
  if (name) {
    const ours = Object.entries(CLICKHOUSE_SETTINGS)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return new EngineError(
      'readonly_profile',
      `cvm sends ${ours} with every statement, and the ClickHouse user's settings profile has readonly=1, which forbids changing ${name}. Use a profile with readonly=2 (or 0), or set those values in the profile itself`,
      { ...context, setting: name },
    );
  }
  if (WRITE.test(message))
    return new EngineError(
      'readonly_profile',
      `The ClickHouse user's settings profile is read only (readonly=1 or 2), and cvm writes here (ingest, campaigns, saved audiences, the per-shard views of a cluster, temporary tables): ${message.split('\n')[0]}. Use a user whose profile has readonly=0`,
      context,
    );
  return new EngineError('query_failed', `ClickHouse query failed: ${message.split('\n')[0]}`, context);
}
