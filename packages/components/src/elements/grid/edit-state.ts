/**
 * The data editor's edit state (`DataEditorValue`, Streamlit's `edited_rows` / `added_rows` /
 * `deleted_rows`) changed one step at a time, without React. Row ids below `rowCount` are rows of
 * the data; ids from `rowCount` on are added rows, in order.
 */
import type { CellValue, DataEditorValue, TableData } from '@mini-st/protocol';

/** Whether a widget value is an edit state (what the page holds for a data editor). */
export function isEditState(value: unknown): value is DataEditorValue {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'edited_rows' in value;
}

/**
 * The state with one cell set.
 * @example withCell(empty, 10, 3, "price", 2) // edited_rows: { "3": { price: 2 } }
 */
export function withCell(state: DataEditorValue, rowCount: number, row: number, column: string, value: CellValue): DataEditorValue {
  if (row >= rowCount) {
    const added = state.added_rows.map((cells, k) => (k === row - rowCount ? { ...cells, [column]: value } : cells));
    return { ...state, added_rows: added };
  }
  const key = String(row);
  return { ...state, edited_rows: { ...state.edited_rows, [key]: { ...state.edited_rows[key], [column]: value } } };
}

/** The state with an empty row added at the end. */
export function withAddedRow(state: DataEditorValue): DataEditorValue {
  return { ...state, added_rows: [...state.added_rows, {}] };
}

/** The state with a row deleted: a data row is listed in `deleted_rows`, an added row is dropped. */
export function withDeletedRow(state: DataEditorValue, rowCount: number, row: number): DataEditorValue {
  if (row >= rowCount) return { ...state, added_rows: state.added_rows.filter((_, k) => k !== row - rowCount) };
  if (state.deleted_rows.includes(row)) return state;
  return { ...state, deleted_rows: [...state.deleted_rows, row].sort((a, b) => a - b) };
}

/** The row ids shown: data rows not deleted, then the added rows. */
export function shownRows(state: DataEditorValue, rowCount: number): number[] {
  const deleted = new Set(state.deleted_rows);
  const rows: number[] = [];
  for (let r = 0; r < rowCount; r++) if (!deleted.has(r)) rows.push(r);
  for (let k = 0; k < state.added_rows.length; k++) rows.push(rowCount + k);
  return rows;
}

/** A cell as the editor shows it: its edit, else the data's value (added rows: their cells). */
export function editedCell(state: DataEditorValue, data: TableData, row: number, col: number): CellValue {
  const column = data.columns[col]!;
  if (row >= data.rowCount) return state.added_rows[row - data.rowCount]?.[column.name] ?? null;
  const edit = state.edited_rows[String(row)];
  if (edit && Object.hasOwn(edit, column.name)) return edit[column.name]!;
  return column.values[row] ?? null;
}
