import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import { tempDir } from '../helpers/temp-dir.js';

/** An in-memory workspace holding a small hand-written log (`customer,date,amount[,channel]` CSV lines). */
export async function logWorkspace(lines: string[], header = 'customer,date,amount'): Promise<Engine> {
  const dir = tempDir('cvm-seg-');
  const file = join(dir, 'log.csv');
  writeFileSync(file, [header, ...lines].join('\n') + '\n');
  const engine = await openWorkspace();
  const mapping: Record<string, string> = { customer: 'customer', date: 'date', amount: 'amount' };
  if (header.includes('channel')) mapping.channel = 'channel';
  await ingestFile(engine, file, { mapping, dateFormat: 'iso' });
  return engine;
}
