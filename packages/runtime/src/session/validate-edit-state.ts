/**
 * The structural check of `st.data_editor`'s edit state in a frame from the page (used by
 * validate.ts): plain objects and arrays of JSON cells, bounded in size. What each cell must be
 * (its column's kind, bounds, editability) is checked later by the widget itself (st/data-editor.ts).
 */
import type { DataEditorValue } from '@mini-st/protocol';

const MAX_ROWS = 100_000;
const MAX_CELLS_PER_ROW = 1_000;

function isCell(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isRow(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const cells = Object.values(value);
  return cells.length <= MAX_CELLS_PER_ROW && cells.every(isCell);
}

/**
 * Whether `value` has the shape `{ edited_rows: {row: {column: cell}}, added_rows: [{column: cell}], deleted_rows: [int] }`.
 * @example isEditState({ edited_rows: { "0": { a: 1 } }, added_rows: [], deleted_rows: [] }) // true
 */
export function isEditState(value: unknown): value is DataEditorValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 3) return false;
  const { edited_rows: edited, added_rows: added, deleted_rows: deleted } = value as Record<string, unknown>;
  if (typeof edited !== 'object' || edited === null || Array.isArray(edited)) return false;
  const editedRows = Object.values(edited);
  if (editedRows.length > MAX_ROWS || !editedRows.every(isRow)) return false;
  if (!Array.isArray(added) || added.length > MAX_ROWS || !added.every(isRow)) return false;
  return Array.isArray(deleted) && deleted.length <= MAX_ROWS && deleted.every((row) => Number.isInteger(row) && (row as number) >= 0);
}
