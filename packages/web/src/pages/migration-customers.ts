import { h } from '../dom.js';
import type { MigrationCellLink } from '../links.js';

const BY: Record<string, string> = { tier: 'revenue tier', lifecycle: 'lifecycle stage', rfm: 'RFM segment' };

/**
 * The migration cell named in the customers page's URL (`from`, `to`, `by`, `fromState`, `toState`, as
 * the Migration page's cells link to it), or null: the API endpoint listing its customers and a notice
 * saying in words which move the list shows (the count appears once the first page arrives).
 */
export function migrationCell(q: URLSearchParams): { cell: MigrationCellLink; endpoint: string; notice: HTMLElement } | null {
  const cell = {
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    by: q.get('by') ?? 'tier',
    fromState: q.get('fromState') ?? '',
    toState: q.get('toState') ?? '',
  };
  if (!cell.from || !cell.to || !cell.fromState || !cell.toState) return null;
  const endpoint = `/api/migration/customers?${new URLSearchParams(cell)}`;
  const back = `#/migration?${new URLSearchParams({ from: cell.from, to: cell.to, by: cell.by })}`;
  const notice = h(
    'div',
    { class: 'notice', 'data-role': 'migration-cell' },
    `Customers whose ${BY[cell.by] ?? cell.by} was ${cell.fromState} on ${cell.from} and ${cell.toState} on ${cell.to}. `,
    h('a', { href: back }, 'Back to the migration'),
    ' · ',
    h('a', { href: '#/customers' }, 'Show all customers'),
  );
  return { cell, endpoint, notice };
}
