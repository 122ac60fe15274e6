import { formatCell, normalizeCell, type Cell, type ReportColumn, type ReportTable } from '@cvm/core/report';
import { h, type Child } from './dom.js';
import { cur } from './format.js';

/**
 * The dashboard's one table renderer (issue 19). Every table on every page is drawn here from core
 * column metadata (`ReportColumn`: key, label, kind, unit, description): headers with the label,
 * the unit under it and the description as a tooltip; cells formatted by kind with core's
 * `formatCell` (the same text as the CLI, except that a null number shows as "—" where the CLI
 * leaves a blank), the raw value in `data-value`, the column key in
 * `data-col`; optional sort buttons, links, captions. The paged server-side table
 * (`table-view.ts`) and the per-page helpers build on it.
 */

/** A cell a page has already formatted (a number shown its own way): drawn as `text`, with `value` in data-value. */
export interface ShownCell {
  text: string | Node;
  value: Cell;
}
/** What a row may hold: a raw value (formatted by the column's kind), a pre-formatted number, or a node drawn as is. */
export type TableCell = Cell | undefined | ShownCell | Node;

/** How a table is drawn: its name for tests, caption, currency of money columns, links, sort, wrapping. */
export interface TableOptions {
  /** `data-table` attribute. */
  name: string;
  /** A caption for screen readers (what the table is); `visibleCaption` shows it to everyone. */
  caption?: string;
  visibleCaption?: boolean;
  /** Shown with every money column's unit; absent or null: the server's currency, else "the log's currency". */
  currency?: string | null;
  /** A cell as a link (e.g. a customer id to the drill-down), or null. */
  link?: (key: string, value: Cell, row: readonly TableCell[], i: number) => string | null;
  /** Headers of `keys` (default: every column) become sort buttons; `onSort` asks for the new order (the caller redraws). */
  sort?: { key: string; dir: 'asc' | 'desc' | ''; keys?: readonly string[]; onSort(key: string): void };
  /** Column keys whose text wraps. */
  wrap?: readonly string[];
  /** Text longer than 60 characters wraps too (small tables with sentences in them). */
  wrapLong?: boolean;
  /** Attributes of a body row (e.g. `data-cohort`). */
  rowAttrs?: (i: number) => Record<string, string> | undefined;
}

const numeric = (kind: string): boolean => kind !== 'text' && kind !== 'id' && kind !== 'date';
const isShown = (v: TableCell): v is ShownCell => typeof v === 'object' && v !== null && !(v instanceof Node);

/** The unit under a column's label: money columns always name their currency. */
export function columnUnit(c: Pick<ReportColumn, 'kind' | 'unit'>, currency?: string | null): string {
  if (c.kind !== 'money') return c.unit ?? '';
  const money = currency ?? cur();
  return c.unit ? `${money}, ${c.unit}` : money;
}

/** What a sort button does, in words: "highest first" (numbers), "latest first" (dates), "Z to A" (text). */
function sortWords(kind: string, descending: boolean): string {
  if (kind === 'date') return descending ? 'latest first' : 'earliest first';
  if (!numeric(kind)) return descending ? 'Z to A' : 'A to Z';
  return descending ? 'highest first' : 'lowest first';
}

function headerCell(c: ReportColumn, o: TableOptions): HTMLElement {
  const s = o.sort;
  const sortable = s !== undefined && (s.keys?.includes(c.key) ?? true);
  const active = sortable && s.key === c.key;
  const desc = active && s.dir === 'desc';
  const unit = columnUnit(c, o.currency);
  const label = sortable
    ? h(
        'button',
        {
          type: 'button',
          'data-sort': c.key,
          'aria-label': `${c.label}${unit ? ` (${unit})` : ''}: sort ${sortWords(c.kind, !desc)}`,
          onclick: () => s.onSort(c.key),
        },
        c.label,
        active ? (desc ? ' ▼' : ' ▲') : '',
      )
    : c.label;
  return h(
    'th',
    {
      scope: 'col',
      title: c.description || undefined,
      'data-col': c.key,
      'aria-sort': sortable ? (active ? (desc ? 'descending' : 'ascending') : 'none') : undefined,
    },
    label,
    unit ? h('span', { class: 'unit' }, unit) : null,
  );
}

function bodyCell(c: ReportColumn, v: TableCell, href: string | null, wrap: boolean | 'long', alignNumbers = true): HTMLElement {
  if (v instanceof Node) return h('td', { 'data-col': c.key }, v);
  const shown = isShown(v);
  const value = shown ? normalizeCell(v.value) : normalizeCell(v);
  // a number the API could not compute (null: no answers, no model) shows as a dash, not as a blank
  const text = shown ? v.text : value === null && numeric(c.kind) ? '—' : formatCell(value, c);
  const long = typeof text === 'string' && text.length > 60;
  const wraps = wrap === true || (wrap === 'long' && long && c.kind === 'text');
  const cls = alignNumbers && (shown || numeric(c.kind)) ? 'num' : wraps ? 'wrap' : '';
  return h(
    'td',
    { class: cls || undefined, 'data-col': c.key, 'data-value': value === null ? '' : String(value) },
    href ? h('a', { href }, text) : text,
  );
}

/** A `<table data-table=name>` of `rows` under `columns`: see the module note. */
export function tableElement(columns: readonly ReportColumn[], rows: readonly (readonly TableCell[])[], o: TableOptions): HTMLTableElement {
  const wrap = new Set(o.wrap ?? []);
  const body = rows.map((r, i) =>
    h(
      'tr',
      o.rowAttrs?.(i) ?? {},
      ...columns.map((c, j) => {
        const v = r[j];
        const raw = v instanceof Node ? null : isShown(v) ? v.value : (v ?? null);
        return bodyCell(c, v, o.link?.(c.key, raw, r, i) ?? null, wrap.has(c.key) || (o.wrapLong === true && 'long'));
      }),
    ),
  );
  return h(
    'table',
    { 'data-table': o.name },
    o.caption ? h('caption', { class: o.visibleCaption ? undefined : 'sr-only' }, o.caption) : null,
    h('thead', {}, h('tr', {}, ...columns.map((c) => headerCell(c, o)))),
    h('tbody', {}, ...body),
  );
}

/**
 * One record (a customer's every field) as a table of rows: each column's label and unit as the row
 * header, its value formatted by kind (`data-col`, `data-value`), its description beside it.
 */
export function recordTable(
  columns: readonly ReportColumn[],
  values: readonly TableCell[],
  o: { name: string; caption: string },
): HTMLElement {
  const rows = columns.map((c, j) => {
    const unit = columnUnit(c);
    return h(
      'tr',
      {},
      h('th', { scope: 'row' }, c.label, unit ? h('span', { class: 'unit' }, unit) : null),
      bodyCell(c, values[j], null, 'long', false),
      h('td', { class: 'rule' }, c.description ?? ''),
    );
  });
  return scrollBox(h('table', { 'data-table': o.name }, h('caption', { class: 'sr-only' }, o.caption), h('tbody', {}, ...rows)), o.caption);
}

/** The box a table scrolls sideways in on a phone; focusable, so a keyboard reaches it (axe scrollable-region-focusable). */
export function scrollBox(content: Child, label: string, tall = false): HTMLElement {
  return h('div', { class: tall ? 'scroll tall' : 'scroll', tabindex: 0, role: 'region', 'aria-label': label }, content);
}

/** A table in its scroll box (labelled by the caption, else by its name). */
export function tableBox(
  columns: readonly ReportColumn[],
  rows: readonly (readonly TableCell[])[],
  o: TableOptions & { tall?: boolean },
): HTMLElement {
  return scrollBox(tableElement(columns, rows, o), o.caption ?? `${o.name.replaceAll('-', ' ')} table`, o.tall);
}

/** Options of a whole core report table: those of {@link tableElement} (name defaults to the table's id), plus layout. */
export interface ReportTableOptions extends Partial<TableOptions> {
  /** Its title as a heading above it (then the block is a section of its own). */
  heading?: 'h2' | 'h3';
  /** A scroll box of limited height with a sticky header. */
  tall?: boolean;
}

/**
 * A whole core report table (`defineTable` output served by the API) in a `[data-report-table]`
 * block: the table (captioned by its title), then its notes (rules, cut points) under it.
 */
export function reportTable(t: ReportTable, o: ReportTableOptions = {}): HTMLElement {
  return h(
    o.heading ? 'section' : 'div',
    { class: 'report-table', 'data-report-table': t.id },
    o.heading ? h(o.heading, {}, t.title) : null,
    tableBox(t.columns, t.rows, { name: t.id, caption: t.title, wrapLong: true, ...o }),
    ...t.notes.map((n) => h('p', { class: 'rule' }, n)),
  );
}
