/**
 * `st.data_editor`: an editable grid. The page reports Streamlit's edit state (`edited_rows`,
 * `added_rows`, `deleted_rows`) as the widget value; every cell in it is checked here against its
 * column (kind, bounds, disabled, required) before the script sees it, and a bad edit is refused
 * with `MST_ERR_DATA_EDITOR_VALUE`. The call returns the data with the edits applied, in the
 * shape the script passed (records, an object of columns, rows, or plain values).
 */
import type { CellValue, DataEditorElement, DataEditorValue, GridColumn, TableData } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { gridParts, type GridOptions } from './dataframe.js';
import { DeltaGenerator } from './delta-generator.js';
import { toTableData, type TabularData } from './tabular.js';
import type { ChangeOptions } from './widgets.js';
import { isPlainObject } from './plain-object.js';

export interface DataEditorOptions extends GridOptions, Omit<ChangeOptions, 'disabled' | 'label_visibility'> {
  /** "dynamic": rows can be added and deleted (default "fixed"). */
  num_rows?: 'fixed' | 'dynamic';
  /** `true` disables editing; a list of column names disables those columns. */
  disabled?: boolean | readonly string[];
  /** Column names for an array of rows. */
  columns?: readonly string[];
}

/** A cell as the script gets it back: `datetime` cells become `Date`s. */
export type EditedCell = number | string | boolean | Date | null;

/** The limit of rows a page may add in one editor (a hostile page cannot make the script build millions). */
const MAX_ADDED_ROWS = 100_000;

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * An editable table. Returns the data with the person's edits, in the shape passed in
     * (records in, records out; an object of columns in, an object of columns out; rows in, rows
     * out). With a `key`, `st.session_state[key]` holds the edit state
     * `{ edited_rows, added_rows, deleted_rows }`.
     *
     * @example
     * const edited = st.data_editor(
     *   [{ task: "Write docs", done: false }, { task: "Ship", done: false }],
     *   { num_rows: "dynamic", column_config: { done: st.column_config.CheckboxColumn("Done?") }, key: "todo" },
     * );
     * st.write(`${edited.filter((row) => row.done).length} done`);
     */
    data_editor<T extends TabularData>(data: T, options?: DataEditorOptions): T;
  }
}

/**
 * An edit state with no edits.
 * @example emptyEditState() // { edited_rows: {}, added_rows: [], deleted_rows: [] }
 */
export function emptyEditState(): DataEditorValue {
  return { edited_rows: {}, added_rows: [], deleted_rows: [] };
}

/** What an edit state is checked against: the shown columns and what may change. */
export interface EditRules {
  data: TableData;
  columns: readonly GridColumn[];
  numRows: 'fixed' | 'dynamic';
  /** Every column disabled. */
  disabled: boolean;
}

/**
 * Checks an edit state from the page (or from session_state) and returns a clean copy; throws
 * `MST_ERR_DATA_EDITOR_VALUE` naming what was wrong.
 *
 * @example
 * parseEditState({ edited_rows: { "0": { price: 2 } }, added_rows: [], deleted_rows: [] }, rules);
 */
export function parseEditState(raw: unknown, rules: EditRules): DataEditorValue {
  const fail = refuse;
  if (!isPlainObject(raw)) fail('the edit state must be an object');
  const state = raw as Record<string, unknown>;
  for (const key of Object.keys(state)) {
    if (key !== 'edited_rows' && key !== 'added_rows' && key !== 'deleted_rows') fail(`unknown key ${JSON.stringify(key.slice(0, 40))}`);
  }
  const edited = state.edited_rows ?? {};
  const added = state.added_rows ?? [];
  const deleted = state.deleted_rows ?? [];
  if (!isPlainObject(edited)) refuse('edited_rows must be an object');
  if (!Array.isArray(added)) refuse('added_rows must be an array');
  if (!Array.isArray(deleted)) refuse('deleted_rows must be an array');
  const rowCount = rules.data.rowCount;
  const column = (name: string) => {
    const index = rules.data.columns.findIndex((c) => c.name === name);
    if (index < 0) fail(`there is no column ${JSON.stringify(name.slice(0, 80))} to edit`);
    const spec = rules.columns[index]!;
    if (rules.disabled || spec.disabled) fail(`column ${JSON.stringify(name)} cannot be edited`);
    return { data: rules.data.columns[index]!, spec };
  };
  const cells = (row: unknown, where: string): Record<string, CellValue> => {
    if (!isPlainObject(row)) fail(`${where} must be an object of column → value`);
    const out: Record<string, CellValue> = {};
    for (const [name, value] of Object.entries(row as Record<string, unknown>)) {
      const { data, spec } = column(name);
      out[name] = checkCell(value, data.kind, spec, `${where}[${JSON.stringify(name)}]`, fail);
    }
    return out;
  };

  const editedRows: Record<string, Record<string, CellValue>> = {};
  for (const [key, row] of Object.entries(edited as Record<string, unknown>)) {
    const index = Number(key);
    if (!/^\d+$/.test(key) || index >= rowCount) fail(`edited_rows has row ${JSON.stringify(key.slice(0, 20))}, but the data has ${rowCount} rows`);
    editedRows[String(index)] = cells(row, `edited_rows[${index}]`);
  }
  if ((added.length > 0 || deleted.length > 0) && rules.numRows !== 'dynamic') fail('rows cannot be added or deleted: num_rows is "fixed"');
  if (added.length > MAX_ADDED_ROWS) fail(`more than ${MAX_ADDED_ROWS} added rows`);
  const addedRows = added.map((row, i) => {
    const out = cells(row, `added_rows[${i}]`);
    for (const [c, spec] of rules.columns.entries()) {
      const name = rules.data.columns[c]!.name;
      if (spec.required && (out[name] === undefined || out[name] === null)) fail(`added_rows[${i}] needs a value in the required column ${JSON.stringify(name)}`);
    }
    return out;
  });
  const deletedRows = [...new Set(deleted as unknown[])].map((index) => {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= rowCount) {
      fail(`deleted_rows has ${JSON.stringify(index)}, not a row of the data (0 to ${rowCount - 1})`);
    }
    return index as number;
  });
  deletedRows.sort((a, b) => a - b);
  return { edited_rows: editedRows, added_rows: addedRows, deleted_rows: deletedRows };
}

function refuse(detail: string): never {
  throw new MiniStError('MST_ERR_DATA_EDITOR_VALUE', { detail });
}

function checkCell(value: unknown, kind: string, spec: GridColumn, where: string, fail: (detail: string) => never): CellValue {
  if (value === null) return null;
  switch (kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${where} must be a number`);
      if (spec.min !== undefined && value < spec.min) return fail(`${where} is below the column's min_value ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) return fail(`${where} is above the column's max_value ${spec.max}`);
      return value;
    case 'text':
      if (typeof value !== 'string') return fail(`${where} must be text`);
      if (value.length > 1_000_000) return fail(`${where} is longer than 1,000,000 characters`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') return fail(`${where} must be true or false`);
      return value;
    case 'datetime':
      if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > 8.64e15) return fail(`${where} must be a time in milliseconds since 1970`);
      return value;
    default:
      return fail(`${where}: ${kind} columns cannot be edited`);
  }
}

/** A wire cell as the script gets it. */
function scriptCell(value: CellValue | undefined, kind: string): EditedCell {
  if (value === undefined || value === null) return null;
  if (kind === 'datetime' && typeof value === 'number') return new Date(value);
  return value;
}

/**
 * The script's data with an edit state applied, in the shape it came in.
 *
 * @example
 * applyEdits([{ a: 1 }, { a: 2 }], table, { edited_rows: { "1": { a: 5 } }, added_rows: [], deleted_rows: [0] });
 * // [{ a: 5 }]
 */
export function applyEdits<T>(input: T, table: TableData, state: DataEditorValue): T {
  const names = table.columns.map((c) => c.name);
  const kinds = new Map(table.columns.map((c) => [c.name, c.kind]));
  const deleted = new Set(state.deleted_rows);
  const editsOf = (row: number) => Object.entries(state.edited_rows[String(row)] ?? {});
  const keep = (_: unknown, row: number) => !deleted.has(row);

  if (input === null || input === undefined || (Array.isArray(input) && (input.length === 0 || input.every(isPlainObject)))) {
    const rows = ((input ?? []) as Record<string, unknown>[]).map((row, r) => {
      const copy: Record<string, unknown> = { ...row };
      for (const [name, value] of editsOf(r)) copy[name] = scriptCell(value, kinds.get(name)!);
      return copy;
    });
    const added = state.added_rows.map((row) => Object.fromEntries(names.map((name) => [name, scriptCell(row[name], kinds.get(name)!)])));
    return [...rows.filter(keep), ...added] as T;
  }
  if (Array.isArray(input) && input.every((row) => Array.isArray(row))) {
    const rows = (input as unknown[][]).map((row, r) => {
      const copy = [...row];
      for (const [name, value] of editsOf(r)) copy[names.indexOf(name)] = scriptCell(value, kinds.get(name)!);
      return copy;
    });
    const added = state.added_rows.map((row) => names.map((name) => scriptCell(row[name], kinds.get(name)!)));
    return [...rows.filter(keep), ...added] as T;
  }
  if (Array.isArray(input) || ArrayBuffer.isView(input)) {
    const name = names[0] ?? 'value';
    const values = Array.from(input as ArrayLike<unknown>).map((value, r) => {
      const edit = state.edited_rows[String(r)];
      return edit && Object.hasOwn(edit, name) ? scriptCell(edit[name], kinds.get(name)!) : value;
    });
    return [...values.filter(keep), ...state.added_rows.map((row) => scriptCell(row[name], kinds.get(name)!))] as T;
  }
  const columns = input as Record<string, ArrayLike<unknown>>;
  const out: Record<string, unknown[]> = {};
  for (const name of Object.keys(columns)) {
    const values = Array.from(columns[name]!);
    for (let r = 0; r < table.rowCount; r++) {
      const edit = state.edited_rows[String(r)];
      if (edit && Object.hasOwn(edit, name)) values[r] = scriptCell(edit[name], kinds.get(name)!);
    }
    out[name] = [...values.filter(keep), ...state.added_rows.map((row) => scriptCell(row[name], kinds.get(name)!))];
  }
  return out as T;
}

DeltaGenerator.prototype.data_editor = function data_editor<T extends TabularData>(this: DeltaGenerator, data: T, options: DataEditorOptions = {}): T {
  const fn = 'data_editor';
  const numRows = options.num_rows ?? 'fixed';
  if (numRows !== 'fixed' && numRows !== 'dynamic') {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail: `num_rows must be "fixed" or "dynamic", got ${JSON.stringify(numRows)}` });
  }
  const disabled = options.disabled ?? false;
  if (typeof disabled !== 'boolean' && !(Array.isArray(disabled) && disabled.every((name) => typeof name === 'string'))) {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail: 'disabled must be true, false, or a list of column names' });
  }
  const table = toTableData(data, fn, options.columns);
  const parts = gridParts(fn, table, options);
  if (Array.isArray(disabled)) {
    parts.columns.forEach((column, i) => {
      if (disabled.includes(parts.data.columns[i]!.name)) column.disabled = true;
    });
  }
  // JSON columns (objects, arrays) are shown but not edited: text would lose their structure.
  parts.columns.forEach((column, i) => {
    if (parts.data.columns[i]!.kind === 'json') column.disabled = true;
  });
  const rules: EditRules = { data: parts.data, columns: parts.columns, numRows, disabled: disabled === true };
  const state = this._widget<DataEditorValue>({
    kind: fn,
    label: '',
    options: { ...(options.key !== undefined ? { key: options.key } : {}), disabled: disabled === true },
    // New data is a new editor: Streamlit drops the edits when the data changes.
    shape: [parts.digest, numRows, parts.hideIndex, Array.isArray(disabled) ? disabled : null],
    defaultValue: emptyEditState(),
    deserialize: (raw) => {
      try {
        return parseEditState(raw, rules);
      } catch {
        // Refused: the script keeps the last good state, and the page is sent that state back.
        return undefined;
      }
    },
    coerce: (value) => parseEditState(value, rules),
    callback: options.on_change,
    args: options.args,
    element: (common, value): DataEditorElement => ({ ...common, type: 'data_editor', ...parts, value, numRows }),
  });
  return applyEdits(data, table, state);
};

