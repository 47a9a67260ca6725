/**
 * st.data_editor: the editable grid (grid/editor-grid.tsx), loaded lazily like st.dataframe's.
 */
import { lazy, Suspense } from 'react';
import type { DataEditorElement } from '@mini-st/protocol';
import { columnsKey, GridPlaceholder } from './dataframe.js';
import { gridHeight } from './grid/grid-math.js';

const EditorGrid = lazy(() => import('./grid/grids.js').then((m) => ({ default: m.EditorGrid })));

/** Draws a `data_editor` element. */
export function DataEditor({ el }: { el: DataEditorElement }) {
  return (
    <Suspense fallback={<GridPlaceholder height={gridHeight(el.height, el.data.rowCount)} />}>
      <EditorGrid key={columnsKey(el)} el={el} />
    </Suspense>
  );
}
