/**
 * st.dataframe's grid: the read-only Grid over the element's data (the lazily loaded half of
 * elements/dataframe.tsx).
 */
import { useCallback, useMemo } from 'react';
import type { DataframeElement } from '@mini-st/protocol';
import { Grid } from './grid.js';

/** Draws a `dataframe` element. */
export default function DataframeGrid({ el }: { el: DataframeElement }) {
  const { data } = el;
  const rows = useMemo(() => Array.from({ length: data.rowCount }, (_, i) => i), [data.rowCount]);
  const cell = useCallback((row: number, col: number) => data.columns[col]!.values[row] ?? null, [data]);
  return (
    <Grid
      label="Data table"
      data={data}
      columns={el.columns}
      height={el.height}
      width={el.width}
      useContainerWidth={el.useContainerWidth}
      hideIndex={el.hideIndex}
      rows={rows}
      cell={cell}
    />
  );
}
