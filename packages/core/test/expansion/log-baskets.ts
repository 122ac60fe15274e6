import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/engine/engine.js';
import { openWorkspace } from '../../src/workspace.js';
import { ingestFile } from '../../src/transactions/ingest.js';
import type { ColumnMapping } from '../../src/transactions/column-mapping.js';
import { tempDir } from '../helpers/temp-dir.js';

/** An in-memory workspace holding a hand-written CSV log; `mapping` names the header's columns. */
export async function basketWorkspace(header: string, lines: string[], mapping: ColumnMapping, cancelPrefix?: string): Promise<Engine> {
  const dir = tempDir('cvm-baskets-');
  const file = join(dir, 'log.csv');
  writeFileSync(file, [header, ...lines].join('\n') + '\n');
  const engine = await openWorkspace();
  await ingestFile(engine, file, { mapping, dateFormat: 'iso', cancelPrefix: cancelPrefix ?? null });
  return engine;
}

/** The baskets as sorted label lists, for readable assertions. */
export function basketLabels(b: { items: readonly string[]; offsets: Int32Array; members: Int32Array }): string[][] {
  const out: string[][] = [];
  for (let s = 0; s + 1 < b.offsets.length; s++) out.push([...b.members.subarray(b.offsets[s], b.offsets[s + 1])].map((i) => b.items[i]!));
  return out;
}
