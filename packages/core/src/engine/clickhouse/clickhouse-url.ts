import { InputError } from '../../errors.js';

/** Where a ClickHouse workspace lives: the node queries go to, the database, and the cluster layout. */
export interface ClickHouseTarget {
  /** HTTP endpoint of the node that receives queries, e.g. `http://127.0.0.1:8123`. */
  url: string;
  /** Database of the workspace (default `cvm`); shard-local tables live in `<database>_local`. */
  database: string;
  /** `remote_servers` cluster name; null for a single node. */
  cluster: string | null;
  /** HTTP endpoints of every shard, when given (else read from `system.clusters`). */
  shards: string[] | null;
  user?: string;
  password?: string;
  /** Seconds an ingest lease lasts without renewal (`ingest_lease=`; default 600, see `clickhouse-ingest-lease.ts`). */
  ingestLeaseSeconds?: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Parses `clickhouse://HOST:PORT[/DB][?cluster=NAME&shards=HOST:PORT,HOST:PORT&ingest_lease=SECONDS]`
 * (PORT is the HTTP port; `ingest_lease`: how long a crashed ingest keeps its file path or input
 * kind from other ingests, default 600 seconds). User and password come from `options`, else the environment (`CVM_CLICKHOUSE_USER`,
 * `CVM_CLICKHOUSE_PASSWORD`), never from the URL (it ends up in logs and process lists).
 *
 * @throws InputError `bad_engine_url` naming what is wrong.
 * @example
 * parseClickHouseUrl('clickhouse://127.0.0.1:8123/shop?cluster=cvm');
 * // → { url: 'http://127.0.0.1:8123', database: 'shop', cluster: 'cvm', shards: null }
 */
export function parseClickHouseUrl(
  text: string,
  options: { user?: string; password?: string } = {},
  env: Record<string, string | undefined> = process.env,
): ClickHouseTarget {
  const bad = (why: string): never => {
    throw new InputError(
      'bad_engine_url',
      `--engine ${JSON.stringify(text)}: ${why}; expected clickhouse://HOST:PORT[/DB][?cluster=NAME&shards=HOST:PORT,…&ingest_lease=SECONDS]`,
      { engine: text },
    );
  };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return bad('not a URL');
  }
  if (u.protocol !== 'clickhouse:') bad(`unknown scheme ${u.protocol.replace(/:$/, '')}`);
  if (u.username || u.password)
    bad(
      'put the user and password in --clickhouse-user/--clickhouse-password or CVM_CLICKHOUSE_USER/CVM_CLICKHOUSE_PASSWORD, not in the URL',
    );
  if (!u.hostname) bad('no host');
  const port = u.port || '8123';
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'cvm';
  if (!NAME.test(database)) bad(`database name "${database}" must be letters, digits and _`);
  const cluster = u.searchParams.get('cluster');
  if (cluster !== null && !NAME.test(cluster)) bad(`cluster name "${cluster}" must be letters, digits and _`);
  const shardList = u.searchParams.get('shards');
  const shards =
    shardList === null
      ? null
      : shardList.split(',').map((s) => {
          if (!/^[A-Za-z0-9.\-[\]:]+:\d+$/.test(s.trim())) bad(`shard "${s}" is not HOST:PORT`);
          return `http://${s.trim()}`;
        });
  for (const key of u.searchParams.keys()) if (!['cluster', 'shards', 'ingest_lease'].includes(key)) bad(`unknown option "${key}"`);
  const lease = u.searchParams.get('ingest_lease');
  if (lease !== null && !(/^\d+$/.test(lease) && Number(lease) >= 3))
    bad(`ingest_lease=${lease} must be a whole number of seconds, at least 3`);
  const user = options.user ?? env.CVM_CLICKHOUSE_USER;
  const password = options.password ?? env.CVM_CLICKHOUSE_PASSWORD;
  return {
    url: `http://${u.hostname}:${port}`,
    database,
    cluster,
    shards: shards && cluster === null ? bad('shards= needs cluster=') : shards,
    ...(user !== undefined ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(lease !== null ? { ingestLeaseSeconds: Number(lease) } : {}),
  };
}
