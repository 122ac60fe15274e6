/** What the registry needs of a chart instance (an ECharts instance has all three). */
interface LiveChart {
  clear(): void;
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

/**
 * Disposes the charts of the previous page. Each is cleared first: zrender paints an "incremental"
 * layer over several animation frames (15 ms of drawing per frame), and a frame still pending when the
 * chart is disposed paints on a released painter ("Cannot read properties of null (reading
 * 'layerStack')"). ECharts 6.1 puts every heat-map cell on such a layer even with `progressive: 0`, so
 * a heat map on a loaded machine is still painting when the user clicks a cell and leaves the page.
 * Clearing repaints the chart empty, synchronously, and a new paint makes zrender drop the pending frame.
 */
export function disposeCharts(): void {
  while (live.length) {
    const c = live.pop()!;
    c.clear();
    c.dispose();
  }
}
