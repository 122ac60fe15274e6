/** What the registry needs of a chart instance (an ECharts instance has both). */
interface LiveChart {
  dispose(): void;
  resize(): void;
}

// The charts of the current page. Kept apart from charts.ts so that the entry chunk (main.ts) does not
// import ECharts: only pages that draw charts load it (issue 18, first page under 200 kB).
const live: LiveChart[] = [];
addEventListener('resize', () => {
  for (const c of live) c.resize();
});

/** Registers a chart drawn on the current page, to be resized with the window and disposed on navigation. */
export function keepChart(c: LiveChart): void {
  live.push(c);
}

/** Disposes the charts of the previous page. */
export function disposeCharts(): void {
  while (live.length) live.pop()!.dispose();
}
