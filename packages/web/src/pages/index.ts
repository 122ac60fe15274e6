/** A page's render function: fills the main element for the route's parameters. */
type PageRender = (root: HTMLElement, params: string[]) => Promise<void>;

/**
 * A page loaded on first visit (issue 18: the first page downloads only its own code; Vite makes
 * each page, and ECharts, a chunk of its own).
 */
const lazy =
  <K extends string>(load: () => Promise<Record<K, PageRender>>, name: K): PageRender =>
  async (root, params) =>
    (await load())[name](root, params);

export interface PageModule {
  path: string;
  title: string;
  inNav: boolean;
  render(root: HTMLElement, params: string[]): Promise<void>;
}

/** Every page, in menu order: one small module per report. */
export const PAGES: PageModule[] = [
  { path: 'plan', title: 'Plan', inNav: true, render: lazy(() => import('./plan.js'), 'planPage') }, // the home page (issue 15): first, so an empty route shows it
  { path: 'overview', title: 'Overview', inNav: true, render: lazy(() => import('./overview.js'), 'overviewPage') },
  { path: 'value', title: 'Customer value', inNav: true, render: lazy(() => import('./value.js'), 'valuePage') },
  { path: 'models', title: 'Model fit', inNav: true, render: lazy(() => import('./models.js'), 'modelsPage') },
  { path: 'segments', title: 'Segments', inNav: true, render: lazy(() => import('./segments.js'), 'segmentsPage') },
  { path: 'migration', title: 'Migration', inNav: true, render: lazy(() => import('./migration.js'), 'migrationPage') },
  { path: 'cohorts', title: 'Cohorts', inNav: true, render: lazy(() => import('./cohorts.js'), 'cohortsPage') },
  { path: 'profitability', title: 'Profitability', inNav: true, render: lazy(() => import('./profitability.js'), 'profitabilityPage') },
  { path: 'expansion', title: 'Expansion', inNav: true, render: lazy(() => import('./expansion.js'), 'expansionPage') }, // expansion (issue 13)
  { path: 'retention', title: 'Retention', inNav: true, render: lazy(() => import('./retention.js'), 'retentionPage') },
  { path: 'feedback', title: 'Feedback', inNav: true, render: lazy(() => import('./feedback.js'), 'feedbackPage') },
  { path: 'loyalty', title: 'Loyalty', inNav: true, render: lazy(() => import('./loyalty.js'), 'loyaltyPage') }, // issue 15
  { path: 'customers', title: 'Customers', inNav: true, render: lazy(() => import('./customers.js'), 'customersPage') },
  { path: 'customer', title: 'Customer', inNav: false, render: lazy(() => import('./customer.js'), 'customerPage') },
  { path: 'data', title: 'Data', inNav: true, render: lazy(() => import('./data.js'), 'dataPage') },
  // issue 11
  { path: 'acquisition', title: 'Acquisition', inNav: true, render: lazy(() => import('./acquisition.js'), 'acquisitionPage') },
  { path: 'prospects', title: 'Prospects', inNav: true, render: lazy(() => import('./prospects.js'), 'prospectsPage') },
  // campaigns (issue 14, campaigns-ui)
  { path: 'campaigns', title: 'Campaigns', inNav: true, render: lazy(() => import('./campaigns.js'), 'campaignsPage') },
];
