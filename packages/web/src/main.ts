import { captureToken, fetchSettings, watchComputing, watchDataStamp, type DataStamp } from './api.js';
import { loadCurrency } from './format.js';
import { disposeCharts } from './chart-registry.js';
import { clear, h } from './dom.js';
import { PAGES } from './pages/index.js';
import { installPageChrome } from './page-chrome.js';

captureToken();
const nav = document.getElementById('nav')!;
const root = document.getElementById('page')!;
const footer = document.getElementById('data-stamp')!;
installPageChrome(root);
// issue 18: while the server is still computing what this page needs, say so (the reads ask again)
const computing = h('p', { class: 'computing', role: 'status', 'data-role': 'computing', hidden: true });
root.before(computing);
watchComputing((reasons) => {
  computing.hidden = reasons.length === 0;
  computing.textContent = reasons.length ? `${reasons[0]}: this page fills in by itself when it is done.` : '';
});

const utc = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
/** The footer line: which data the page reflects and when it was computed (issue 16). */
function showStamp(s: DataStamp): void {
  footer.textContent =
    s.version === null
      ? ''
      : `Data version ${s.version}${s.lastIngest ? `, last ingest ${utc(s.lastIngest)}` : ' (nothing ingested)'}` +
        (s.computedAt ? `. Figures computed ${utc(s.computedAt)}.` : '.') +
        // issue 16: after an incremental refresh some stages are carried over until the next re-fit
        (s.reflects !== null && s.reflects !== s.version
          ? ` Some figures still reflect data version ${s.reflects} (carried over by an incremental refresh until the next re-fit).`
          : '') +
        (s.fit !== null && s.fit !== s.version ? ` Model parameters fitted at data version ${s.fit}.` : '');
}
for (const p of PAGES.filter((x) => x.inNav)) nav.append(h('a', { href: `#/${p.path}`, 'data-nav': p.path }, p.title));

/** Hash routes: #/plan (home), #/overview, #/customers, #/customer/ID, … Each page module renders into the main element. */
async function route(): Promise<void> {
  // a query after the path (#/acquisition?cohort=quarter) is the page's filter state, read by the page
  const [path = 'plan', ...rest] = location.hash.replace(/^#\/?/, '').replace(/\?.*$/, '').split('/');
  const page = PAGES.find((p) => p.path === path) ?? PAGES[0]!;
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('active', a.getAttribute('data-nav') === page.path);
  disposeCharts();
  clear(root);
  watchDataStamp(showStamp);
  showStamp({ version: null, lastIngest: null, computedAt: null, reflects: null, fit: null });
  root.setAttribute('data-page', page.path);
  root.removeAttribute('data-ready');
  try {
    // the currency every money column names (read once; a table drawn before it is known would say "the log's currency")
    await loadCurrency(fetchSettings);
    await page.render(root, rest.map(decodeURIComponent));
  } catch (e) {
    root.append(h('div', { class: 'error', 'data-role': 'page-error' }, `Could not load this page: ${(e as Error).message}`));
  }
  root.setAttribute('data-ready', '1');
}
addEventListener('hashchange', () => void route());
void route();
