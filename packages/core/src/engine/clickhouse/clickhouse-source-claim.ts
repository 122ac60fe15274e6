/**
 * Source ids on ClickHouse that two processes ingesting at the same time cannot both take. On DuckDB
 * the workspace lock keeps ingests apart; a ClickHouse workspace has no lock, and the old rule
 * (`max(source_id) + 1`, read before the rows were copied) gave two concurrent ingests the same id,
 * so their rows, quarantines and replacements mixed.
 *
 * The rule: a process writes a claim (the id it wants, a random token) and reads back every claim
 * of that id; it owns the id only when its own claim is the only one. Inserts are synchronous
 * (`insert_distributed_sync = 1`, see `clickhouse-transport.ts`), so each read sees every claim
 * whose insert finished before it. If two processes each owned the same id, each read would have
 * run before the other's insert had finished, yet after its own insert: a cycle, impossible. When
 * both see two claims, both give the id up and try the next one after a random pause. Claims are
 * kept (an id given up or owned by an ingest that failed is never handed out again).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EngineError } from '../../errors.js';
import { ensureWorkspaceTable } from '../workspace-table.js';
import type { ClickHouseEngine } from './clickhouse-engine.js';
import type { ClickHouseTableSpec } from './clickhouse-schema.js';

/** The claims of source ids: one row per attempt, for each registry (the table the id will name a row of). */
export const SOURCE_CLAIMS_TABLE: ClickHouseTableSpec = {
  name: 'source_claims',
  columns: [
    ['registry', 'String'],
    ['source_id', 'Int32'],
    ['token', 'String'],
    ['claimed_at', 'DateTime'],
  ],
  orderBy: '(registry, source_id)',
  shardKey: 'source_id',
};

/** The tables whose rows carry a source id: the transaction log's files and the other inputs' files. */
export type SourceRegistry = 'sources' | 'input_sources';

export interface ClaimOptions {
  /** Attempts before giving up (default 50). */
  attempts?: number;
  /** The longest random pause between attempts, in ms (default 200). */
  maxPauseMs?: number;
}

/**
 * A new source id for `registry` that no other process holds: one more than every id in the
 * registry and every earlier claim, taken by the claim rule above.
 * @throws EngineError `source_id_contention` when every attempt met another process's claim.
 * @example
 * const id = await claimSourceId(ch, 'sources'); // 1 on an empty workspace, then 2, 3, …
 */
export async function claimSourceId(ch: ClickHouseEngine, registry: SourceRegistry, options: ClaimOptions = {}): Promise<number> {
  await ensureWorkspaceTable(ch, '', SOURCE_CLAIMS_TABLE);
  const attempts = options.attempts ?? 50;
  const maxPauseMs = options.maxPauseMs ?? 200;
  for (let attempt = 0; attempt < attempts; attempt++) {
    // `registry` is one of two fixed table names (the type above), never user text
    const [stored] = await ch.rows<{ id: number }>(`SELECT max(source_id) AS id FROM ${registry}`);
    const [claimed] = await ch.rows<{ id: number }>('SELECT max(source_id) AS id FROM source_claims WHERE registry = $1', [registry]);
    const id = Math.max(0, Number(stored?.id ?? 0), Number(claimed?.id ?? 0)) + 1;
    const token = randomBytes(12).toString('hex');
    await ch.exec('INSERT INTO source_claims (registry, source_id, token, claimed_at) VALUES ($1, $2, $3, now())', [registry, id, token]);
    const holders = await ch.rows<{ token: string }>('SELECT token FROM source_claims WHERE registry = $1 AND source_id = $2', [
      registry,
      id,
    ]);
    if (holders.length === 1 && holders[0]!.token === token) return id;
    await sleep(Math.floor(Math.random() * maxPauseMs));
  }
  throw new EngineError(
    'source_id_contention',
    `Could not claim a new source id in ${registry} after ${attempts} attempts: other processes kept ingesting into this ClickHouse workspace at the same moment; try again`,
    { registry, attempts },
  );
}
