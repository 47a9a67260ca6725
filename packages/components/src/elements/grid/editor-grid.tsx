/**
 * st.data_editor's grid (the lazily loaded half of elements/data-editor.tsx): the Grid over the
 * data with the current edit state applied. A cell edits on double-click, Enter or F2 (Enter or
 * leaving the cell commits, Escape cancels); checkbox cells toggle at once; with `numRows:
 * "dynamic"` rows can be added and deleted. Each change commits the whole edit state as the
 * widget's value; the server checks it again (a refused edit comes back as the server's state).
 */
import { useCallback, useMemo, useState } from 'react';
import type { DataEditorElement, DataEditorValue } from '@mini-st/protocol';
import { usePage, useWidgetValue } from '../../page-context.js';
import { editText, parseCell } from './format-cell.js';
import { editedCell, isEditState, shownRows, withAddedRow, withCell, withDeletedRow } from './edit-state.js';
import { Grid, type GridEditor } from './grid.js';

/** Draws a `data_editor` element. */
export default function EditorGrid({ el }: { el: DataEditorElement }) {
  const { store } = usePage();
  const shown = useWidgetValue(el.id);
  const state: DataEditorValue = isEditState(shown) ? shown : el.value;
  const { data } = el;
  const n = data.rowCount;
  const rows = useMemo(() => shownRows(state, n), [state, n]);
  const cell = useCallback((row: number, col: number) => editedCell(state, data, row, col), [state, data]);
  const dynamic = el.numRows === 'dynamic' && !el.disabled;
  const commit = (next: DataEditorValue) => store.commit(el, next);

  const editor: GridEditor = {
    editable: (col) => !el.disabled && !el.columns[col]!.disabled,
    toggle: (row, col) => commit(withCell(state, n, row, data.columns[col]!.name, cell(row, col) !== true)),
    renderEditor: (row, col, close) => (
      <CellEditor
        key={`${row}:${col}`}
        el={el}
        col={col}
        initial={editText(cell(row, col), data.columns[col]!.kind, el.columns[col]!)}
        label={`${el.columns[col]!.label}, row ${row}`}
        onDone={(text) => {
          close();
          if (text === null) return;
          const parsed = parseCell(text, data.columns[col]!.kind, el.columns[col]!);
          if (parsed.ok && parsed.value !== cell(row, col)) commit(withCell(state, n, row, data.columns[col]!.name, parsed.value));
        }}
      />
    ),
    deleteRow: dynamic ? (row) => commit(withDeletedRow(state, n, row)) : undefined,
  };

  return (
    <div className="st-data-editor">
      <Grid
        label="Data editor"
        data={data}
        columns={el.columns}
        height={el.height}
        width={el.width}
        useContainerWidth={el.useContainerWidth}
        hideIndex={el.hideIndex}
        rows={rows}
        cell={cell}
        editor={editor}
      />
      {dynamic && (
        <button type="button" className="st-grid-add" onClick={() => commit(withAddedRow(state))}>
          + Add row
        </button>
      )}
    </div>
  );
}

/** The text box of a cell being edited; `onDone(null)` cancels. */
function CellEditor(props: { el: DataEditorElement; col: number; initial: string; label: string; onDone: (text: string | null) => void }) {
  const [text, setText] = useState(props.initial);
  const [invalid, setInvalid] = useState(false);
  const column = props.el.columns[props.col]!;
  const kind = props.el.data.columns[props.col]!.kind;
  const type = kind === 'datetime' ? (column.type === 'date' ? 'date' : 'datetime-local') : 'text';
  const finish = (commit: boolean) => {
    if (!commit) return props.onDone(null);
    const parsed = parseCell(text, kind, column);
    if (!parsed.ok) {
      setInvalid(true);
      return;
    }
    props.onDone(text);
  };
  return (
    <input
      className="st-grid-input"
      type={type}
      inputMode={kind === 'number' ? 'decimal' : undefined}
      aria-label={props.label}
      aria-invalid={invalid || undefined}
      value={text}
      autoFocus
      onChange={(e) => {
        setText(e.target.value);
        setInvalid(false);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
          e.preventDefault();
          finish(true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          finish(false);
        }
      }}
      // Leaving the cell commits a good value and drops a bad one.
      onBlur={() => (parseCell(text, kind, column).ok ? props.onDone(text) : props.onDone(null))}
    />
  );
}
