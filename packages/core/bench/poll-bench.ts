/**
 * Cost of the served workspace's look for other processes' ingests (group `clickhouse`, issue 16):
 * `readWorkspaceStamp` (what `cvm serve --poll-every` runs) on the local 2-shard ClickHouse cluster,
 * side by side in one run with a `SELECT 1` round trip (the floor of any look) and the
 * `readDataVersion` aggregate, after --sources log ingests (default 20: one CDNOW sample, the rest
 * small batches, each a partition of `sources`) and one survey file. CPU milliseconds per look of
 * this process and of both ClickHouse servers (from /proc/PID/stat), since wall time on a shared
 * machine says little.
 *
 *   npm run bench -- --only poll [--sources 20] [--repeat 300]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../src/engine/engine.js';
import { createClickHouseEngine } from '../src/engine/clickhouse/clickhouse-engine.js';
import { ingestFileToClickHouse } from '../src/engine/clickhouse/clickhouse-ingest.js';
import { dropClickHouseWorkspace, ensureClickHouseWorkspace } from '../src/engine/clickhouse/clickhouse-schema.js';
import { parseClickHouseUrl } from '../src/engine/clickhouse/clickhouse-url.js';
import { ingestInputFile } from '../src/inputs/input-ingest.js';
import { readWorkspaceStamp } from '../src/refresh/workspace-stamp.js';
import { readDataVersion } from '../src/transactions/data-version.js';
import { cluster } from './clickhouse-bench.js';
import { registerBench } from './registry.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const TICKS_PER_S = 100; // Linux USER_HZ

/** utime + stime of a process in seconds (NaN when unreadable). */
function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
  } catch {
    return Number.NaN;
  }
}

registerBench({
  name: 'poll',
  group: 'clickhouse',
  description: 'CPU per look for other processes ingests (readWorkspaceStamp) on the 2-shard cluster vs SELECT 1 and readDataVersion',
  async run(ctx) {
    const sources = Number(ctx.extra.sources ?? 20);
    const looks = Math.max(ctx.repeat, 300);
    const c = cluster(ctx);
    const ch = createClickHouseEngine(parseClickHouseUrl(c.url.replace('/cvm_bench?', '/cvm_bench_poll?')));
    try {
      await dropClickHouseWorkspace(ch);
      await ensureClickHouseWorkspace(ch);
      await ingestFileToClickHouse(ch, join(ROOT, 'data/cdnow/cdnow_sample_elog.csv'), {
        mapping: { customer: 'sampleid', quantity: 'cds' },
      });
      for (let i = 1; i < sources; i++) {
        const f = join(ctx.runDir, `poll-batch-${i}.csv`);
        writeFileSync(f, `customer,date,amount\n${90000 + i},1998-07-0${(i % 9) + 1},${10 + i}\n`);
        await ingestFileToClickHouse(ch, f, {});
      }
      const surveys = join(ctx.runDir, 'poll-surveys.csv');
      writeFileSync(surveys, 'customer_id,response_date,nps,csat\n1,1998-01-15,9,5\n2,1998-01-15,3,2\n');
      await ingestInputFile(ch, 'surveys', surveys);
      ctx.record({ name: 'machine load average (1 min) at the start', value: loadavg()[0]!, unit: '' });
      const measure = async (name: string, look: (e: Engine) => Promise<unknown>): Promise<{ client: number; server: number }> => {
        for (let i = 0; i < 10; i++) await look(ch); // warm the connection and ClickHouse's caches
        const c0 = process.cpuUsage();
        const s0 = c.pids.map(processCpu);
        for (let i = 0; i < looks; i++) await look(ch);
        const c1 = process.cpuUsage(c0);
        const server = c.pids.map(processCpu).reduce((a, x, i) => a + x - s0[i]!, 0);
        const client = (c1.user + c1.system) / 1e6;
        ctx.record({
          name: `${name}: CPU per look, this process`,
          value: (client / looks) * 1000,
          unit: 'ms',
          note: `${looks} looks`,
        });
        ctx.record({ name: `${name}: CPU per look, both ClickHouse servers`, value: (server / looks) * 1000, unit: 'ms' });
        return { client, server };
      };
      const floor = await measure('SELECT 1', (e) => e.rows('SELECT 1 AS one'));
      const stamp = await measure(`readWorkspaceStamp (${sources} log sources, 1 input file)`, readWorkspaceStamp);
      const version = await measure('readDataVersion', readDataVersion);
      ctx.record({ name: '  stamp / SELECT 1, ClickHouse CPU', value: stamp.server / floor.server, unit: '×' });
      ctx.record({ name: '  stamp / SELECT 1, client CPU', value: stamp.client / floor.client, unit: '×' });
      ctx.record({ name: '  stamp / readDataVersion, ClickHouse CPU', value: stamp.server / version.server, unit: '×' });
    } finally {
      await dropClickHouseWorkspace(ch).catch(() => {});
      await ch.close();
      c.stop();
    }
  },
});
