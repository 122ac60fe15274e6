import type { ModelsStage } from '../analysis/analysis-types.js';
import type { RefreshBase, RefreshResult } from './refresh.js';

/** What the last append did to the served state (issue 16): refreshed incrementally, or recomputed in full (and why). */
export type RefreshInfo =
  | ({ mode: 'incremental'; dataVersion: number; sourceId: number; timeMs: number } & Omit<RefreshResult, 'summary' | 'scores'>)
  | { mode: 'full'; dataVersion: number | null; reason: string };

/** What an incremental refresh starts from: the current version's summary, scores, fit and models, and the data version they reflect. */
export type SettledBase = { base: RefreshBase; models: ModelsStage; dataVersion: number };
