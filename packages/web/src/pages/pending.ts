import { api } from '../api.js';
import { notComputed, pageHeader } from '../widgets.js';

/** A page whose report the server does not compute yet: it shows the API's reason and no numbers. */
export function pendingPage(name: string, title: string, what: string) {
  return async (root: HTMLElement): Promise<void> => {
    const r = await api(`/api/${name}`);
    root.append(pageHeader(title, what));
    root.append(r.status === 'not_computed' ? notComputed(r.reason) : notComputed('The server answered with a report this page cannot show yet.'));
  };
}
