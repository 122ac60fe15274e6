/** The honest answer for a report whose core is not there yet: no numbers, a reason, what to watch. */
export interface NotComputed {
  status: 'not_computed';
  report: string;
  reason: string;
}

export const notComputed = (report: string, reason: string): NotComputed => ({ status: 'not_computed', report, reason });
