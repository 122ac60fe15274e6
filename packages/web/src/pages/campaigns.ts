import { api } from '../api.js';
import { clear, h } from '../dom.js';
import { reportSectionView } from '../report-section-view.js';
import { reportTable } from '../table.js';
import { pageHeader } from '../widgets.js';
import { campaignResultsPage } from './campaign-results.js';
import type { ApiAudiences, ApiCampaignPlan, ApiCampaigns } from '@cvm/core/api';

const OPS: Record<string, string> = { eq: 'is', ne: 'is not', gt: '>', gte: '≥', lt: '<', lte: '≤', in: 'is one of (a|b)' };

/** Campaigns: the list with status, and the create form with the power shown before creation. `#/campaigns/ID` shows one campaign's results. */
export async function campaignsPage(root: HTMLElement, params: string[]): Promise<void> {
  if (params[0]) return campaignResultsPage(root, params[0]);
  const list = await api<ApiCampaigns>('/api/campaigns');
  root.append(
    pageHeader(
      'Campaigns',
      'Every action is a bet: a randomised control group, kept from the action, shows what the campaign really added. Define the audience, see how small an effect the split can detect, then create it; results compare the target group with the control group.',
    ),
  );
  const t = list.section.tables[0];
  root.append(
    list.campaigns.length === 0
      ? h('p', { 'data-role': 'no-campaigns' }, list.section.lines[0])
      : reportTable(t, {
          heading: 'h3',
          link: (key, v) => (key === 'campaign_id' ? `#/campaigns/${encodeURIComponent(String(v))}` : null),
        }),
  );
  // saved audiences (Customers page, cvm audience save) can be a campaign's target
  const saved: { name: string; filters: string[] }[] = await api<ApiAudiences>('/api/audiences').then(
    (r: { audiences: { name: string; filters: string[] }[] }) => r.audiences,
    () => [],
  );
  root.append(createForm(Object.keys(list.audienceColumns), saved));
}

function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h('label', {}, label, input, hint ? h('span', { class: 'hint' }, hint) : null);
}

/** The create form: fields, audience filters, "Show power" (preview) and "Create" (enabled once the shown plan matches the form). */
function createForm(columns: string[], saved: readonly { name: string; filters: string[] }[] = []): HTMLElement {
  const input = (name: string, attrs: Record<string, string | number | boolean> = {}) => h('input', { name, 'data-field': name, ...attrs });
  const name = input('name', { required: true, placeholder: 'e.g. Win back at-risk customers' });
  const action = input('action', { required: true, placeholder: 'e.g. 10% voucher by e-mail' });
  const sendDate = input('sendDate', { type: 'date', required: true });
  const windowDays = input('windowDays', { type: 'number', min: 1, max: 3650, value: 30, required: true });
  const control = input('controlShare', { type: 'number', min: 1, max: 90, step: 'any', value: 10, required: true });
  const holdout = input('holdoutShare', { type: 'number', min: 0, max: 50, step: 'any', value: 0 });
  const seed = input('seed', { placeholder: 'default: the campaign id' });
  const effect = input('effectRate', { type: 'number', min: 0, max: 100, step: 'any', placeholder: 'optional' });
  const savedAudience = h(
    'select',
    { name: 'savedAudience', 'data-field': 'savedAudience' },
    h('option', { value: '' }, 'none'),
    ...saved.map((a) => h('option', { value: a.name }, `${a.name} (${a.filters.join(', ')})`)),
  ) as HTMLSelectElement;
  const filters = h('div', { class: 'filters', 'data-role': 'filters' });
  const addFilter = (): void => {
    const row = h('div', { class: 'filter-row', 'data-role': 'filter' });
    const n = filters.children.length + 1;
    row.append(
      h(
        'select',
        { 'data-part': 'column', 'aria-label': `filter ${n} column` },
        ...columns.map((c) => h('option', { value: c, selected: c === 'value_tier' }, c.replaceAll('_', ' '))),
      ),
      h(
        'select',
        { 'data-part': 'op', 'aria-label': `filter ${n} comparison` },
        ...Object.entries(OPS).map(([v, l]) => h('option', { value: v }, l)),
      ),
      h('input', { 'data-part': 'value', 'aria-label': `filter ${n} value`, placeholder: 'e.g. Gold' }),
      h('button', { type: 'button', 'aria-label': `remove filter ${n}`, onclick: () => row.remove() }, 'Remove'),
    );
    filters.append(row);
  };
  const plan = h('div', { 'data-role': 'plan' });
  const error = h('div', { 'data-role': 'form-error', role: 'alert' });
  const create = h('button', { type: 'submit', disabled: true, 'data-action': 'create' }, 'Create campaign');
  const body = () => ({
    name: name.value.trim(),
    action: action.value.trim(),
    sendDate: sendDate.value,
    windowDays: Number(windowDays.value),
    controlShare: Number(control.value) / 100,
    holdoutShare: Number(holdout.value || 0) / 100,
    ...(savedAudience.value ? { savedAudience: savedAudience.value } : {}),
    ...(seed.value.trim() ? { seed: seed.value.trim() } : {}),
    ...(effect.value ? { effectRate: Number(effect.value) / 100 } : {}),
    audience: [...filters.querySelectorAll('[data-role=filter]')].map((r) => {
      const part = (p: string) => (r.querySelector(`[data-part=${p}]`) as HTMLInputElement).value.trim();
      return `${part('column')}:${part('op')}:${part('value')}`;
    }),
  });
  let shown = '';
  const send = async (path: string): Promise<{ b: string; r: ApiCampaignPlan } | null> => {
    clear(error);
    const b = JSON.stringify(body());
    try {
      return { b, r: await api<ApiCampaignPlan>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b }) };
    } catch (e) {
      error.append(h('p', { class: 'error' }, (e as Error).message));
      return null;
    }
  };
  const preview = async (): Promise<void> => {
    if (!form.reportValidity()) return;
    const res = await send('/api/campaigns/preview');
    clear(plan);
    plan.removeAttribute('data-stale');
    create.disabled = true;
    if (!res) return;
    shown = res.b;
    plan.append(reportSectionView(res.r.section));
    create.disabled = false;
  };
  const form = h(
    'form',
    {
      class: 'upload campaign-form',
      'data-role': 'create-campaign',
      'aria-labelledby': 'create-title',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void (async () => {
          if (JSON.stringify(body()) !== shown) {
            await preview();
            return;
          }
          const res = await send('/api/campaigns');
          if (res) location.hash = `#/campaigns/${encodeURIComponent(res.r.campaign.id)}`;
        })();
      },
    },
    field('Name', name),
    field('What the target group receives', action),
    field('Send date', sendDate),
    field('Response window (days)', windowDays),
    field('Control group (% of the audience)', control, 'kept from the action; 10% is usual'),
    field('Global holdout (% of all customers)', holdout, 'kept out of every campaign'),
    field('Assignment seed', seed, 'the same seed gives the same groups'),
    field('Lift to detect in the response rate (points)', effect, 'shows the control share it needs'),
    h(
      'fieldset',
      { class: 'audience' },
      h('legend', {}, 'Audience (all conditions must hold; none = every customer)'),
      field(
        'Saved audience',
        savedAudience,
        saved.length ? 'its conditions join the ones below' : 'none saved yet: save one from the Customers page',
      ),
      filters,
      h('button', { type: 'button', 'data-action': 'add-filter', onclick: addFilter }, 'Add a condition'),
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('button', { type: 'button', 'data-action': 'preview', onclick: () => void preview() }, 'Show groups and power'),
      create,
    ),
    error,
    plan,
  );
  // editing the form hides a plan that no longer matches it
  form.addEventListener('input', () => {
    if (shown && JSON.stringify(body()) !== shown) {
      create.disabled = true;
      plan.setAttribute('data-stale', '1');
    }
  });
  return h('section', {}, h('h2', { id: 'create-title' }, 'New campaign'), form);
}
