/**
 * The grid behind st.dataframe and st.data_editor: a scroll area that draws only the rows in view
 * (fixed row height, see grid-math.ts), a sticky header whose buttons sort (ascending, descending,
 * none) and whose edges resize columns (drag, or the arrow keys on the focused edge), and a
 * sticky row index. ARIA grid semantics: `aria-rowcount` counts every row, drawn rows carry
 * their `aria-rowindex`. Editing is the caller's: it passes `editor` (data-editor.tsx).
 * Loaded lazily (React.lazy), so apps without tables do not download it.
 */
import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import type { CellValue, ColumnData, GridColumn, TableData } from '@mini-st/protocol';
import { safeUrl } from '../../markdown.js';
import { cellText } from './format-cell.js';
import { gridHeight, initialWidth, nextSort, ROW_HEIGHT, sortRows, visibleRows, type SortState } from './grid-math.js';

/** What the data editor adds to the grid. */
export interface GridEditor {
  /** Whether cells of column `col` can be edited. */
  editable(col: number): boolean;
  /** A cell's editing UI was committed with a new value. */
  renderEditor(row: number, col: number, close: () => void): ReactNode;
  /** Toggle a checkbox cell at once (no separate editing step). */
  toggle(row: number, col: number): void;
  /** Dynamic rows: delete this row. */
  deleteRow?: ((row: number) => void) | undefined;
}

export interface GridProps {
  label: string;
  data: TableData;
  columns: readonly GridColumn[];
  height?: number | undefined;
  width?: number | undefined;
  useContainerWidth: boolean;
  hideIndex: boolean;
  /** Row ids in their unsorted view order. */
  rows: readonly number[];
  /** The value of a cell by row id and column index. */
  cell: (row: number, col: number) => CellValue;
  /** The index column's text for a row id. */
  rowLabel?: (row: number) => string;
  editor?: GridEditor | undefined;
  /** Extra height for the data editor's "add row" row. */
  extraRows?: number;
}

const KEY_STEP = 16;

/** The virtualized grid. */
export function Grid(props: GridProps) {
  const { data, columns, rows, cell, editor } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const [sort, setSort] = useState<SortState | null>(null);
  const [editing, setEditing] = useState<{ row: number; col: number } | null>(null);
  const [widths, setWidths] = useState<number[]>(() =>
    columns.map((column, c) => initialWidth(column, sampleText(data.columns[c]!, column))),
  );

  const order = useMemo(() => {
    if (!sort) return rows;
    const kind = data.columns[sort.column]?.kind ?? 'text';
    return sortRows(rows, (row) => cell(row, sort.column), kind, sort.direction);
  }, [rows, sort, cell, data]);

  const height = gridHeight(props.height, order.length, props.extraRows ?? 0);
  const shown = visibleRows(scrollTop, height - ROW_HEIGHT, order.length);
  const rowLabel = props.rowLabel ?? String;
  const indexWidth = props.hideIndex ? 0 : Math.max(48, String(data.rowCount).length * 9 + (editor?.deleteRow ? 40 : 20));
  const colWidths = columns.map((_, c) => widths[c] ?? 120);
  const totalWidth = indexWidth + colWidths.reduce((a, b) => a + b, 0);

  const resize = useCallback((col: number, width: number) => {
    setWidths((current) => current.map((w, c) => (c === col ? Math.max(40, Math.round(width)) : w)));
  }, []);

  const outerStyle = props.useContainerWidth ? { width: '100%' } : props.width !== undefined ? { width: props.width } : { width: totalWidth + 2 };
  const drawn: ReactNode[] = [];
  for (let i = shown.first; i < shown.last && i < order.length; i++) {
    const row = order[i]!;
    drawn.push(
      <div key={row} role="row" aria-rowindex={i + 2} className="st-grid-row" style={{ top: ROW_HEIGHT * (i + 1), width: totalWidth }}>
        {indexWidth > 0 && (
          <div role="rowheader" className="st-grid-index" style={{ width: indexWidth }}>
            {editor?.deleteRow && (
              <button type="button" className="st-grid-delete" aria-label={`Delete row ${rowLabel(row)}`} onClick={() => editor.deleteRow!(row)}>
                ×
              </button>
            )}
            {rowLabel(row)}
          </div>
        )}
        {columns.map((column, c) => (
          <GridCell
            key={c}
            value={cell(row, c)}
            column={column}
            data={data.columns[c]!}
            width={colWidths[c]!}
            editor={editor}
            editing={editing !== null && editing.row === row && editing.col === c}
            onEdit={(on) => setEditing(on ? { row, col: c } : null)}
            row={row}
            col={c}
          />
        ))}
      </div>,
    );
  }

  return (
    <div className="st-grid" style={{ ...outerStyle, maxWidth: '100%' }}>
      <div
        className="st-grid-scroll"
        role="grid"
        aria-label={props.label}
        aria-rowcount={order.length + 1}
        aria-colcount={columns.length + (indexWidth > 0 ? 1 : 0)}
        aria-readonly={editor ? undefined : true}
        tabIndex={0}
        style={{ height }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="st-grid-inner" style={{ width: totalWidth, height: ROW_HEIGHT * (order.length + 1) }}>
          <div role="row" aria-rowindex={1} className="st-grid-header" style={{ width: totalWidth }}>
            {indexWidth > 0 && <div role="columnheader" className="st-grid-index st-grid-corner" style={{ width: indexWidth }} />}
            {columns.map((column, c) => (
              <HeaderCell
                key={c}
                column={column}
                width={colWidths[c]!}
                sort={sort?.column === c ? sort.direction : null}
                onSort={() => setSort((current) => nextSort(current, c))}
                onResize={(w) => resize(c, w)}
              />
            ))}
          </div>
          {drawn}
        </div>
      </div>
    </div>
  );
}

function HeaderCell(props: {
  column: GridColumn;
  width: number;
  sort: 'asc' | 'desc' | null;
  onSort: () => void;
  onResize: (width: number) => void;
}) {
  const { column, width, sort } = props;
  const drag = useRef<{ x: number; width: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) props.onResize(drag.current.width + e.clientX - drag.current.x);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      props.onResize(width + (e.key === 'ArrowRight' ? KEY_STEP : -KEY_STEP));
    }
  };
  return (
    <div
      role="columnheader"
      aria-sort={sort === 'asc' ? 'ascending' : sort === 'desc' ? 'descending' : 'none'}
      className="st-grid-th"
      style={{ width }}
      title={column.help}
    >
      <button type="button" className="st-grid-sort" onClick={props.onSort}>
        <span className="st-grid-label">{column.label}</span>
        <span className="st-grid-arrow" aria-hidden="true">
          {sort === 'asc' ? '↑' : sort === 'desc' ? '↓' : ''}
        </span>
      </button>
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize column ${column.label}`}
        aria-valuenow={width}
        tabIndex={0}
        className="st-grid-resize"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

function GridCell(props: {
  value: CellValue;
  column: GridColumn;
  data: ColumnData;
  width: number;
  editor: GridEditor | undefined;
  editing: boolean;
  onEdit: (on: boolean) => void;
  row: number;
  col: number;
}) {
  const { value, column, data, editor, row, col } = props;
  const editable = editor?.editable(col) ?? false;
  const style = { width: props.width };
  const className = `st-grid-cell${data.kind === 'number' ? ' st-grid-num' : ''}${editable ? ' st-grid-editable' : ''}`;
  if (props.editing && editor) {
    return (
      <div role="gridcell" className={`${className} st-grid-editing`} style={style}>
        {editor.renderEditor(row, col, () => props.onEdit(false))}
      </div>
    );
  }
  if (data.kind === 'boolean' || column.type === 'checkbox') {
    return (
      <div role="gridcell" className={`${className} st-grid-check`} style={style}>
        <input
          type="checkbox"
          checked={value === true}
          disabled={!editable}
          aria-label={`${column.label}, row ${row}`}
          onChange={() => editor?.toggle(row, col)}
        />
      </div>
    );
  }
  const text = cellText(value, data.kind, column);
  let content: ReactNode = text;
  if (column.type === 'link' && typeof value === 'string') {
    const url = safeUrl(value);
    if (url !== null) {
      content = (
        <a href={url} target="_blank" rel="noopener noreferrer">
          {column.displayText ?? text}
        </a>
      );
    }
  }
  if (!editable) {
    return (
      <div role="gridcell" className={className} style={style} title={text.length > 30 ? text : undefined}>
        {content}
      </div>
    );
  }
  return (
    <div
      role="gridcell"
      className={className}
      style={style}
      tabIndex={0}
      aria-label={`${column.label}, row ${row}: ${text || 'empty'}. Press Enter to edit.`}
      onDoubleClick={() => props.onEdit(true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'F2') {
          e.preventDefault();
          props.onEdit(true);
        }
      }}
    >
      {content}
    </div>
  );
}

/** Some cells of a column as text (the first, the last, and some between), to guess its width. */
function sampleText(column: ColumnData, spec: GridColumn): string[] {
  const n = column.values.length;
  const rows = new Set<number>();
  for (let i = 0; i < 40 && i < n; i++) rows.add(i).add(n - 1 - i).add(Math.floor((i * n) / 40));
  return [...rows].map((r) => cellText(column.values[r], column.kind, spec));
}
