/**
 * The charts as the core page knows them: two small wrappers that load the chart code on first
 * use (`lazy(() => import(…))`, each library in a chunk of its own) and hold the chart's place at
 * its height meanwhile, so nothing jumps. An app without charts never fetches either chunk.
 */
import { lazy, Suspense } from 'react';
import type { ChartElement, VegaLiteChartElement } from '@mini-st/protocol';

const UplotChart = lazy(() => import('./uplot-chart.js'));
const VegaLiteChart = lazy(() => import('./vega-lite-chart.js'));

/** Height of a built-in chart's plot area when the script gives none (the legend adds to it). */
const DEFAULT_HEIGHT = 350;

/** `st.line_chart`, `st.area_chart`, `st.bar_chart`, `st.scatter_chart`. */
export function Chart({ el }: { el: ChartElement }) {
  return (
    <Suspense fallback={<ChartPlaceholder height={(el.height ?? DEFAULT_HEIGHT) + 32} />}>
      <UplotChart el={el} />
    </Suspense>
  );
}

/** `st.vega_lite_chart`. */
export function VegaLite({ el }: { el: VegaLiteChartElement }) {
  return (
    <Suspense fallback={<ChartPlaceholder height={300} />}>
      <VegaLiteChart el={el} />
    </Suspense>
  );
}

function ChartPlaceholder({ height }: { height: number }) {
  return <div className="st-chart-loading" style={{ height }} role="status" aria-label="Loading chart" />;
}
