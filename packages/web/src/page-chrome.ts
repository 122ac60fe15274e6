import { PAGES } from './pages/index.js';

/**
 * Page chrome for keyboards and screen readers (issue #20): a title per page ("Cohorts — cvm"),
 * and the skip link moving focus to the main element without touching the hash route.
 */
export function installPageChrome(root: HTMLElement): void {
  const retitle = (): void => {
    const page = PAGES.find((p) => p.path === root.getAttribute('data-page'));
    const h1 = root.querySelector('h1')?.textContent;
    document.title = `${h1 || page?.title || 'Overview'} — cvm`;
  };
  new MutationObserver(retitle).observe(root, { attributes: true, attributeFilter: ['data-page', 'data-ready'] });
  document.querySelector('[data-role=skip]')?.addEventListener('click', (e) => {
    e.preventDefault();
    root.focus();
  });
}
