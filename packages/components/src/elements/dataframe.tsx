/**
 * st.dataframe: a placeholder of the grid's size while the grid's code loads (React.lazy: an app
 * without tables never downloads it), then the virtualized grid (grid/dataframe-grid.tsx).
 */
import { lazy, Suspense } from 'react';
import type { DataframeElement } from '@mini-st/protocol';
import { gridHeight } from './grid/grid-math.js';

const DataframeGrid = lazy(() => import('./grid/grids.js').then((m) => ({ default: m.DataframeGrid })));

/** Draws a `dataframe` element. */
export function Dataframe({ el }: { el: DataframeElement }) {
  return (
    <Suspense fallback={<GridPlaceholder height={gridHeight(el.height, el.data.rowCount)} />}>
      {/* New columns are a new grid: widths and sort start over. */}
      <DataframeGrid key={columnsKey(el)} el={el} />
    </Suspense>
  );
}

/** The grid's box, empty, while its code loads. */
export function GridPlaceholder({ height }: { height: number }) {
  return <div className="st-grid st-grid-loading" style={{ height }} aria-busy="true" />;
}

/** What identifies a grid's columns. */
export function columnsKey(el: { columns: readonly { label: string }[] }): string {
  return el.columns.map((c) => c.label).join('\u0000');
}
