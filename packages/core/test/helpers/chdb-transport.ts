// A ClickHouse transport over chDB (the `chdb` npm package: a current ClickHouse embedded in the
// process), so the same engine code and SQL run against a modern ClickHouse as well as Debian's 18.16
// cluster. Single node: `url` is ignored. Test-only (chdb is a devDependency, ~540 MB).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseTransport } from '../../src/engine/clickhouse/clickhouse-transport.js';
import { CLICKHOUSE_SETTINGS, PARSE_LIMIT_DEFAULTS, parseLimitSettings } from '../../src/engine/clickhouse/clickhouse-transport.js';

interface ChdbSession {
  queryAsync(query: string, opts?: { format?: string }): Promise<{ bytes(): Uint8Array }>;
  cleanup(): void;
}

/** The chdb module, or null with the reason when it cannot be loaded here. */
export function loadChdb(): { Session: new () => ChdbSession } | { reason: string } {
  try {
    return createRequire(import.meta.url)('chdb') as { Session: new () => ChdbSession };
  } catch (error) {
    return { reason: `chdb cannot be loaded: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** A transport over one fresh chDB session (a temporary directory, removed by `close`). */
export function chdbTransport(Session: new () => ChdbSession): ClickHouseTransport {
  const session = new Session();
  const dir = mkdtempSync(join(tmpdir(), 'cvm-chdb-'));
  let inserts = 0;
  let current = '';
  let ready = false;
  const use = async (database: string): Promise<void> => {
    if (!ready) {
      for (const [k, v] of Object.entries(CLICKHOUSE_SETTINGS)) await session.queryAsync(`SET ${k} = ${v}`);
      ready = true;
    }
    if (database === current) return;
    await session.queryAsync(`CREATE DATABASE IF NOT EXISTS ${database}`);
    await session.queryAsync(`USE ${database}`);
    current = database;
  };
  // the parse limits of a long statement (as the HTTP transport sends them), for that statement only
  const limited = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const limits = Object.entries(parseLimitSettings(sql));
    for (const [k, v] of limits) await session.queryAsync(`SET ${k} = ${v}`);
    try {
      return await run();
    } finally {
      for (const [k] of limits) await session.queryAsync(`SET ${k} = ${PARSE_LIMIT_DEFAULTS[k as keyof typeof PARSE_LIMIT_DEFAULTS]}`);
    }
  };
  return {
    async command(_url, database, sql) {
      await use(database);
      await limited(sql, () => session.queryAsync(sql));
    },
    async query(_url, database, sql, format) {
      await use(database);
      const result = await limited(sql, () => session.queryAsync(sql, { format }));
      const bytes = result.bytes();
      return (async function* () {
        yield Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      })();
    },
    async insertRowBinary(_url, database, table, columns, body) {
      await use(database);
      const file = join(dir, `insert-${++inserts}.bin`);
      writeFileSync(file, body);
      const structure = columns.map(([n, t]) => `${n} ${t}`).join(', ');
      await session.queryAsync(
        `INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')}) SELECT * FROM file('${file}', 'RowBinary', '${structure}')`,
      );
      rmSync(file);
    },
    async close() {
      session.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
