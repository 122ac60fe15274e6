import { z } from 'zod';
import { InputError, listSnapshots, migrateSnapshots, type MigrationDimension, quarterEnds } from '@cvm/core';
// issue 12: a heat-map cell opens the customers who made that move
import {
  downgradesTable,
  markovTable,
  migrationCellsReportTable,
  migrationCellTable,
  rowShareTable,
  tableCsvStream,
  tablePage,
  tableQuerySchema,
  transitionsTable,
  valueMovedTable,
} from '@cvm/core';
import { csvResponse, isoDate, reportTableCsv } from '../report-csv.js';
import { ensureSnapshot } from '../snapshots.js';
import type { WorkspaceState } from '../workspace-state.js';
import { oa, parseQuery, type RouteModule } from './route-module.js';
import type { ApiMigration, ApiMigrationCustomers } from '@cvm/core/api';

const BY: Record<string, MigrationDimension> = { tier: 'value_tier', lifecycle: 'lifecycle_stage', rfm: 'rfm_segment' };
const DOWNGRADES_SHOWN = 200;

/** GET /api/migration/customers: one cell of the matrix (both states as in the matrix) plus the customer table's query. */
export const migrationCellQuerySchema = tableQuerySchema.extend({
  from: isoDate,
  to: isoDate,
  by: z.enum(['tier', 'lifecycle', 'rfm']).default('tier'),
  fromState: z.string().min(1).max(200),
  toState: z.string().min(1).max(200),
});

export const migrationQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  by: z.enum(['tier', 'lifecycle', 'rfm']).default('tier'),
  format: z.enum(['json', 'csv']).default('json'),
  table: z.enum(['cells', 'downgrades', 'markov', 'row_share', 'value_moved']).default('cells'),
});

/** Quarter ends of the log (for the date pickers) and the default pair: the last two. */
export async function migrationDates(
  state: WorkspaceState,
): Promise<{ quarterEnds: string[]; from: string | null; to: string | null; first: string; last: string }> {
  const { report } = await state.overview();
  const first = report.dateRange.first!,
    last = report.dateRange.last!;
  const q = quarterEnds(first, last);
  return { quarterEnds: q, from: q.at(-2) ?? null, to: q.at(-1) ?? null, first, last };
}

/**
 * The core's migration report between two days, with both snapshots ensured first (stored when
 * fresh, else computed and stored); cached per data version, pair of days and dimension.
 */
export function migrationReport(state: WorkspaceState, from: string, to: string, by: keyof typeof BY) {
  return state.cached(`migration:${from}:${to}:${by}`, async () => {
    if (!(from < to)) throw new InputError('bad_period_order', `from (${from}) must come before to (${to})`, { from, to });
    const a = await ensureSnapshot(state, from);
    const b = await ensureSnapshot(state, to);
    const m = await migrateSnapshots(state.engine, { from, to, dimension: BY[by]! });
    const x = m.matrix;
    let moved = 0,
      stayed = 0,
      valueMoved = 0;
    x.fromStates.forEach((f, i) =>
      x.toStates.forEach((t, j) => {
        if (f === t) stayed += x.counts[i]![j]!;
        else {
          moved += x.counts[i]![j]!;
          valueMoved += x.valueFrom[i]![j]!;
        }
      }),
    );
    return { m, snapshots: [a, b], moved, stayed, valueMoved };
  });
}

/** GET /api/migration: transition matrix between two snapshot days, value moved, downgrades, Markov value per state. */
export const migrationRoutes: RouteModule = {
  register(app, { state }) {
    app.get('/api/migration', async (c) => {
      const q = parseQuery(c, migrationQuerySchema);
      const dates = await migrationDates(state);
      const from = q.from ?? dates.from,
        to = q.to ?? dates.to;
      if (from === null || to === null)
        throw new InputError(
          'too_short_for_migration',
          `Migration needs two quarter ends inside the log (${dates.first} to ${dates.last}); pick from and to yourself`,
          { first: dates.first, last: dates.last },
        );
      const { m, snapshots, moved, stayed, valueMoved } = await migrationReport(state, from, to, q.by);
      const x = m.matrix;
      if (q.format === 'csv') {
        const name = `migration-${from}-${to}-${q.by}-${q.table}.csv`;
        // the tables as `cvm migrate` declares them (one spec in core): cells is its CSV
        if (q.table === 'downgrades') return reportTableCsv(downgradesTable(m), name);
        if (q.table === 'markov') return reportTableCsv(markovTable(m), name);
        if (q.table === 'row_share') return reportTableCsv(rowShareTable(m), name);
        if (q.table === 'value_moved') return reportTableCsv(valueMovedTable(m), name);
        return reportTableCsv(migrationCellsReportTable(m), name);
      }
      return c.json({
        status: 'ok',
        from,
        to,
        by: q.by,
        dimension: m.dimension,
        quarterEnds: dates.quarterEnds,
        stored: await listSnapshots(state.engine),
        snapshots,
        fromComputedAt: m.fromComputedAt,
        toComputedAt: m.toComputedAt,
        rule: 'Each snapshot segments customers with only the transactions up to its day (revenue tiers by historic net revenue, not the CLV tiers of the Segments page; lifecycle and RFM as on the Segments page). "(not yet a customer)" = first purchase after the first day; "(not in snapshot)" = absent on the second day.',
        matrix: x,
        fromCounts: m.fromCounts,
        toCounts: m.toCounts,
        moved,
        stayed,
        valueMoved: { value: valueMoved, unit: `currency: net revenue to ${from} of the customers who changed state` },
        // A downgrade is a move down a revenue tier or into at risk: counted apart, so the tier count
        // matches the matrix and a customer who stayed Platinum but became at risk is not a "tier" move.
        downgrades: {
          count: m.downgrades.length,
          tierDown: m.downgrades.filter((d) => d.reason.startsWith('tier down')).length,
          intoAtRiskOnly: m.downgrades.filter((d) => d.reason === 'into at risk').length,
          shown: Math.min(DOWNGRADES_SHOWN, m.downgrades.length),
          rows: m.downgrades.slice(0, DOWNGRADES_SHOWN),
        },
        markov: {
          ...m.markov,
          historic: m.markov.historic.map((v) => (Number.isFinite(v) ? v : null)),
          unit: `currency per customer over the next ${m.markov.periods} periods of ${m.markov.periodDays} days, discounted ${(100 * m.markov.discountRate).toFixed(2)}% per period (10% a year); churned customers are lost for good`,
        },
        tables: {
          transitions: transitionsTable(m),
          rowShare: rowShareTable(m),
          valueMoved: valueMovedTable(m),
          markov: markovTable(m),
          downgrades: downgradesTable(m, DOWNGRADES_SHOWN),
        },
      } satisfies ApiMigration);
    });

    // issue 12: the customers of one transition cell, as the customer table (same columns, sort, filters, CSV)
    app.get('/api/migration/customers', async (c) => {
      const q = parseQuery(c, migrationCellQuerySchema, ['filter']);
      const { m } = await migrationReport(state, q.from, q.to, q.by);
      const x = m.matrix;
      if (!x.fromStates.includes(q.fromState) || !x.toStates.includes(q.toState)) {
        throw new InputError(
          'unknown_migration_state',
          `No such cell in the ${q.by} migration ${q.from} → ${q.to}: from is one of ${x.fromStates.join(', ')}; to is one of ${x.toStates.join(', ')}; got "${q.fromState}" → "${q.toState}"`,
          { fromState: q.fromState, toState: q.toState },
        );
      }
      const spec = migrationCellTable(await state.customerTable(), state.engine.dialect, {
        from: q.from,
        to: q.to,
        dimension: BY[q.by]!,
        fromState: q.fromState,
        toState: q.toState,
      });
      if (q.format === 'csv') {
        return csvResponse(tableCsvStream(state.engine, spec, q), `migration-${q.from}-${q.to}-${q.by}-customers.csv`);
      }
      const i = x.fromStates.indexOf(q.fromState),
        j = x.toStates.indexOf(q.toState);
      return c.json({
        ...(await tablePage(state.engine, spec, q)),
        cell: { from: q.from, to: q.to, by: q.by, fromState: q.fromState, toState: q.toState, customers: x.counts[i]![j]! },
      } satisfies ApiMigrationCustomers);
    });
  },
  paths: {
    '/api/migration': {
      get: {
        summary:
          "Segment migration between two snapshot days (default: the log's last two quarter ends): transition counts and row shares, value moved, downgrades, Markov-chain value per state. Snapshots are stored in the workspace; format=csv&table=cells|downgrades|markov|row_share|value_moved downloads a table (the tables of cvm migrate --view)",
        parameters: [
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'by', in: 'query', schema: { type: 'string', enum: ['tier', 'lifecycle', 'rfm'], default: 'tier' } },
          { name: 'format', in: 'query', schema: { type: 'string', enum: ['json', 'csv'], default: 'json' } },
          {
            name: 'table',
            in: 'query',
            schema: { type: 'string', enum: ['cells', 'downgrades', 'markov', 'row_share', 'value_moved'], default: 'cells' },
            description: 'which table format=csv downloads',
          },
        ],
        responses: { 200: oa.json('Migration report'), 400: oa.error },
      },
    },
    '/api/migration/customers': {
      get: {
        summary:
          'The customers of one transition cell (fromState on from, toState on to, by tier, lifecycle or rfm; states as in the matrix) as the customer table: paged, sorted, filtered; format=csv downloads them; `cell.customers` is the matrix count',
        parameters: [
          { name: 'from', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', required: true, schema: { type: 'string', format: 'date' } },
          { name: 'by', in: 'query', schema: { type: 'string', enum: ['tier', 'lifecycle', 'rfm'], default: 'tier' } },
          { name: 'fromState', in: 'query', required: true, schema: { type: 'string' } },
          { name: 'toState', in: 'query', required: true, schema: { type: 'string' } },
          ...oa.tableParams,
        ],
        responses: oa.tableResponses,
      },
    },
  },
};
