import { api, authHeaders, downloadCsv } from '../api.js';
import type { ReportColumn } from '@cvm/core/report';
import { h } from '../dom.js';
import { int, when } from '../format.js';
import { pageHeader } from '../widgets.js';
import { tableView } from '../table-view.js';
import { reportTable, tableBox } from '../table.js';
import type { ApiDataSources, ApiError, ApiInputQuarantine, ApiUpload } from '@cvm/core/api';

const FIELDS = ['customer', 'date', 'amount', 'quantity', 'price', 'order', 'product', 'channel', 'cost'];

/** Sends the form with XMLHttpRequest for upload progress; resolves with the JSON answer. */
function send(form: FormData, progress: HTMLProgressElement): Promise<{ status: number; body: ApiUpload | ApiError }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/data/upload');
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) progress.value = e.loaded / e.total;
    };
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as ApiUpload | ApiError });
      } catch (e) {
        reject(e);
      }
    };
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(form);
  });
}

/** The ingested files' table. */
const SOURCE_COLUMNS: ReportColumn[] = [
  { key: 'file_name', label: 'file', kind: 'text' },
  { key: 'format', label: 'format', kind: 'text' },
  { key: 'bytes', label: 'bytes', kind: 'count' },
  { key: 'ingested_at', label: 'ingested at (UTC)', kind: 'text' },
  { key: 'rows_read', label: 'rows read', kind: 'count' },
  { key: 'rows_accepted', label: 'accepted', kind: 'count' },
  { key: 'rows_quarantined', label: 'quarantined', kind: 'count' },
];

function sourcesSection(d: ApiDataSources): HTMLElement {
  return h(
    'div',
    { 'data-role': 'sources' },
    h('h2', {}, 'Ingested files'),
    tableBox(
      SOURCE_COLUMNS,
      d.sources.map((s) => [s.file_name, s.format, s.bytes, when(s.ingested_at), s.rows_read, s.rows_accepted, s.rows_quarantined]),
      { name: 'sources', caption: 'Ingested files' },
    ),
    h('h2', {}, 'Quarantine by reason'),
    h(
      'ul',
      { 'data-role': 'reasons' },
      ...d.quarantineByReason.map((r) => h('li', {}, `${int(r.rows)} ${String(r.reason).replaceAll('_', ' ')}: ${r.meaning}`)),
    ),
    d.quarantineByReason.length ? '' : h('p', { class: 'meta' }, 'No rows quarantined.'),
    d.sources.length && d.sources.every((s) => s.rows_accepted === 0)
      ? h(
          'p',
          { class: 'error', 'data-role': 'nothing-accepted' },
          'No row of the ingested files was accepted, so there is nothing to analyse yet: the reasons are above and every rejected row is listed below. Fix the file or the column mapping and upload it again.',
        )
      : '',
  );
}

export async function dataPage(root: HTMLElement): Promise<void> {
  const d = await api<ApiDataSources>('/api/data/sources');
  root.append(
    pageHeader('Data', 'Ingested files, the upload of a new log, and the quarantine: every rejected row with its file, line and reason.'),
  );
  let sources = sourcesSection(d);
  root.append(sources);

  const progress = h('progress', { max: 1, value: 0 });
  const result = h('div', { 'data-role': 'upload-result' });
  const columns = h('datalist', { id: 'file-columns' });
  const header = h('p', { class: 'meta', 'data-role': 'file-header' });
  const file = h('input', {
    type: 'file',
    name: 'file',
    required: true,
    accept: '.csv,.tsv,.txt,.gz,.parquet,.ndjson,.jsonl,.json',
    'data-role': 'file',
  });
  const form = h(
    'form',
    { class: 'upload', 'data-role': 'upload' },
    h('label', {}, `Log file (CSV, Parquet, NDJSON; at most ${int(d.maxUploadBytes / 1048576)} MB)`, file),
    ...FIELDS.map((f) =>
      h(
        'label',
        {},
        `${f} column${f === 'customer' || f === 'date' ? '' : ' (optional)'}`,
        h('input', {
          type: 'text',
          name: `${f}_col`,
          placeholder: 'auto-detect',
          list: 'file-columns',
          autocomplete: 'off',
          'data-field': f,
        }),
      ),
    ),
    h('label', {}, 'date format', h('input', { type: 'text', name: 'date_format', placeholder: 'auto' })),
    h('label', {}, 'time zone', h('input', { type: 'text', name: 'timezone', placeholder: 'UTC' })),
    h('label', {}, 'progress', progress),
    h('button', { type: 'submit', class: 'primary', 'data-role': 'submit' }, 'Upload and ingest'),
  );
  // the chosen file's header (text logs only): its columns are offered in every column box
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    columns.replaceChildren();
    header.replaceChildren();
    if (!chosen || !/\.(csv|tsv|txt)$/i.test(chosen.name)) return;
    const first = (await chosen.slice(0, 65536).text()).split(/\r?\n/)[0] ?? '';
    const sep = [',', '\t', ';', '|'].reduce((best, c) => (first.split(c).length > first.split(best).length ? c : best), ',');
    const names = first
      .split(sep)
      .map((x) => x.trim().replace(/^"(.*)"$/, '$1'))
      .filter((x) => x !== '');
    columns.replaceChildren(...names.map((n) => h('option', { value: n })));
    header.replaceChildren(
      `Columns in ${chosen.name}: `,
      ...names.flatMap((n, i) => [i ? ', ' : '', h('code', {}, n)]),
      '. Pick them in the boxes below (or leave a box empty to auto-detect).',
    );
  });
  let quarantine = tableView('/api/data/quarantine', 'quarantine');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    result.replaceChildren(h('p', { class: 'meta' }, 'uploading…'));
    const chosen = file.files?.[0];
    if (chosen && chosen.size > d.maxUploadBytes) {
      result.replaceChildren(
        h('div', { class: 'error' }, `The file is ${int(chosen.size)} bytes; the limit is ${int(d.maxUploadBytes)} bytes.`),
      );
      return;
    }
    try {
      const { status, body } = await send(new FormData(form), progress);
      if (status !== 200 || !('ingest' in body)) {
        progress.value = 0;
        const error = body !== null && 'error' in body ? body.error : undefined;
        result.replaceChildren(
          h('div', { class: 'error', 'data-code': error?.code ?? '' }, error?.message ?? `The upload failed (HTTP ${status})`),
        );
        return;
      }
      const r = body.ingest;
      progress.value = 0;
      result.replaceChildren(
        body.status === 'rejected' || body.status === 'unchanged'
          ? h(
              'div',
              {
                class: body.status === 'rejected' ? 'error' : 'notice',
                'data-status': body.status,
                'data-rows-read': String(r.rowsRead),
                'data-rows-accepted': String(r.rowsAccepted),
                'data-rows-quarantined': String(r.rowsQuarantined),
              },
              body.message,
            )
          : h(
              'div',
              {
                class: 'notice',
                'data-status': r.status,
                'data-rows-read': String(r.rowsRead),
                'data-rows-accepted': String(r.rowsAccepted),
                'data-rows-quarantined': String(r.rowsQuarantined),
              },
              `${body.originalName}: ${r.status}; ${int(r.rowsRead)} rows read, ${int(r.rowsAccepted)} accepted, ${int(r.rowsQuarantined)} quarantined`,
              Object.keys(r.quarantineByReason).length
                ? ` (${Object.entries(r.quarantineByReason)
                    .map(([k, v]) => `${v} ${k}`)
                    .join(', ')})`
                : '',
              '. The reports are recomputed; ',
              h('a', { href: '#/overview' }, 'see the overview'),
              '.',
            ),
      );
      const fresh = sourcesSection(await api<ApiDataSources>('/api/data/sources'));
      sources.replaceWith(fresh);
      sources = fresh;
      const table = tableView('/api/data/quarantine', 'quarantine');
      quarantine.replaceWith(table);
      quarantine = table;
    } catch (err) {
      progress.value = 0;
      result.replaceChildren(h('div', { class: 'error' }, (err as Error).message));
    }
  });
  root.append(h('h2', {}, 'Upload a log'), header, columns, form, result);
  root.append(h('h2', {}, 'Quarantined rows'), quarantine);
  // issue 11: the rejected rows of the customers, spend and prospects files
  const inputs = await api<ApiInputQuarantine>('/api/data/input-quarantine');
  root.append(
    h('h2', {}, 'Quarantined rows of the customers, spend and prospects files'),
    inputs.total
      ? h(
          'div',
          { 'data-role': 'input-quarantine' },
          reportTable(inputs.table, { tall: true }),
          h(
            'button',
            {
              type: 'button',
              'data-csv': 'input-quarantine',
              onclick: () => void downloadCsv('/api/data/input-quarantine?format=csv', 'quarantine-inputs.csv'),
            },
            'Download CSV',
          ),
        )
      : h('p', { class: 'meta', 'data-role': 'input-quarantine' }, 'No rows of those files quarantined (or none of them was given).'),
  );
}
