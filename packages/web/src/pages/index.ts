import { overviewPage } from './overview.js';
import { valuePage } from './value.js';
import { modelsPage } from './models.js';
import { segmentsPage } from './segments.js';
import { migrationPage } from './migration.js';
import { cohortsPage } from './cohorts.js';
import { profitabilityPage } from './profitability.js';
import { customersPage } from './customers.js';
import { customerPage } from './customer.js';
import { dataPage } from './data.js';
import { expansionPage } from './expansion.js'; // expansion (issue 13)
// issue 11
import { acquisitionPage } from './acquisition.js';
import { prospectsPage } from './prospects.js';
import { retentionPage } from './retention.js';
// campaigns (issue 14, campaigns-ui)
import { campaignsPage } from './campaigns.js';
// feedback (issue 15)
import { feedbackPage } from './feedback.js';
// the customer value plan, the home page (issue 15)
import { planPage } from './plan.js';
import { loyaltyPage } from './loyalty.js';

export interface PageModule {
  path: string;
  title: string;
  inNav: boolean;
  render(root: HTMLElement, params: string[]): Promise<void>;
}

/** Every page, in menu order: one small module per report. */
export const PAGES: PageModule[] = [
  { path: 'plan', title: 'Plan', inNav: true, render: planPage }, // the home page (issue 15): first, so an empty route shows it
  { path: 'overview', title: 'Overview', inNav: true, render: overviewPage },
  { path: 'value', title: 'Customer value', inNav: true, render: valuePage },
  { path: 'models', title: 'Model fit', inNav: true, render: modelsPage },
  { path: 'segments', title: 'Segments', inNav: true, render: segmentsPage },
  { path: 'migration', title: 'Migration', inNav: true, render: migrationPage },
  { path: 'cohorts', title: 'Cohorts', inNav: true, render: cohortsPage },
  { path: 'profitability', title: 'Profitability', inNav: true, render: profitabilityPage },
  { path: 'expansion', title: 'Expansion', inNav: true, render: expansionPage }, // expansion (issue 13)
  { path: 'retention', title: 'Retention', inNav: true, render: retentionPage },
  { path: 'feedback', title: 'Feedback', inNav: true, render: feedbackPage },
  { path: 'loyalty', title: 'Loyalty', inNav: true, render: loyaltyPage }, // issue 15
  { path: 'customers', title: 'Customers', inNav: true, render: customersPage },
  { path: 'customer', title: 'Customer', inNav: false, render: customerPage },
  { path: 'data', title: 'Data', inNav: true, render: dataPage },
  // issue 11
  { path: 'acquisition', title: 'Acquisition', inNav: true, render: acquisitionPage },
  { path: 'prospects', title: 'Prospects', inNav: true, render: prospectsPage },
  // campaigns (issue 14, campaigns-ui)
  { path: 'campaigns', title: 'Campaigns', inNav: true, render: campaignsPage },
];
