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
// feedback (issue 15)
import { feedbackPage } from './feedback.js';

export interface PageModule {
  path: string;
  title: string;
  inNav: boolean;
  render(root: HTMLElement, params: string[]): Promise<void>;
}

/** Every page, in menu order: one small module per report. */
export const PAGES: PageModule[] = [
  { path: 'overview', title: 'Overview', inNav: true, render: overviewPage },
  { path: 'value', title: 'Customer value', inNav: true, render: valuePage },
  { path: 'models', title: 'Model fit', inNav: true, render: modelsPage },
  { path: 'segments', title: 'Segments', inNav: true, render: segmentsPage },
  { path: 'migration', title: 'Migration', inNav: true, render: migrationPage },
  { path: 'cohorts', title: 'Cohorts', inNav: true, render: cohortsPage },
  { path: 'profitability', title: 'Profitability', inNav: true, render: profitabilityPage },
  { path: 'feedback', title: 'Feedback', inNav: true, render: feedbackPage },
  { path: 'customers', title: 'Customers', inNav: true, render: customersPage },
  { path: 'customer', title: 'Customer', inNav: false, render: customerPage },
  { path: 'data', title: 'Data', inNav: true, render: dataPage },
];
