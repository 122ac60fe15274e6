import type { ReportTable } from './report-table.js';

/**
 * A section of a report as every surface shows it: headline sentences for people, warnings in plain
 * words (shown first and prominently), and tables declared with `defineTable`. The CLI prints the
 * lines, the warnings and the tables; the API returns sections beside the report object; the
 * dashboard renders the same tables.
 */
export interface ReportSection {
  id: string;
  title: string;
  lines: string[];
  warnings: string[];
  tables: ReportTable[];
}

/** Progress for long work, reported by stage (the CLI shows it on a terminal; elsewhere it is a no-op). */
export interface Progress {
  stage(name: string): void;
  done(): void;
}

/** A progress that shows nothing. */
export const NO_PROGRESS: Progress = { stage() {}, done() {} };
