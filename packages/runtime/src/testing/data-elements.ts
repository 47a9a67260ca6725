/**
 * AppTest wrapper for `st.data_editor`: its `value` is the edit state (as in
 * `st.session_state[key]`), and `edit_cell`, `add_row`, `delete_row` and `set_value` queue a new
 * edit state for the next run, exactly as the page would send it (cells in wire form: times as
 * `Date`s are turned into milliseconds). The server's checks apply: a bad edit is refused there.
 * Registers with elements.ts instead of being imported by it (no module cycle).
 */
import type { CellValue, DataEditorElement, DataEditorValue, WidgetValue } from '@mini-st/protocol';
import { Widget, widgetWrappers, type Driver } from './elements.js';

/** A cell as a test passes it: a `Date` for a time column. */
export type TestCell = CellValue | Date;

const wire = (value: TestCell): CellValue => (value instanceof Date ? value.getTime() : value);

export class DataEditorWidget<A = unknown> extends Widget<DataEditorValue, A> {
  declare readonly proto: DataEditorElement;

  /** Column names of the shown columns. */
  get columns(): string[] {
    return this.proto.data.columns.map((column) => column.name);
  }

  /**
   * Set one cell of the data (`row`: its position in the data) or of an added row
   * (`row` ≥ the data's row count).
   * @example await at.data_editor[0].edit_cell(0, "price", 9.5).run();
   */
  edit_cell(row: number, column: string, value: TestCell): this {
    const state = this.current();
    const rowCount = this.proto.data.rowCount;
    if (row >= rowCount) {
      const added = state.added_rows.map((cells, k) => (k === row - rowCount ? { ...cells, [column]: wire(value) } : cells));
      return this.queueState({ ...state, added_rows: added });
    }
    const key = String(row);
    return this.queueState({ ...state, edited_rows: { ...state.edited_rows, [key]: { ...state.edited_rows[key], [column]: wire(value) } } });
  }

  /** Add a row at the end (needs `num_rows: "dynamic"`). @example at.data_editor[0].add_row({ task: "New" }) */
  add_row(cells: Record<string, TestCell> = {}): this {
    const state = this.current();
    const row = Object.fromEntries(Object.entries(cells).map(([name, value]) => [name, wire(value)]));
    return this.queueState({ ...state, added_rows: [...state.added_rows, row] });
  }

  /** Delete a row of the data by its position (needs `num_rows: "dynamic"`). @example at.data_editor[0].delete_row(0) */
  delete_row(row: number): this {
    const state = this.current();
    return this.queueState({ ...state, deleted_rows: [...new Set([...state.deleted_rows, row])].sort((a, b) => a - b) });
  }

  private current(): DataEditorValue {
    const queued = this.driver.queued(this.id)?.raw;
    if (typeof queued === 'object' && queued !== null && !Array.isArray(queued)) return queued;
    return this.value ?? this.proto.value;
  }

  private queueState(state: DataEditorValue): this {
    this.driver.queue(this.id, state as WidgetValue);
    return this;
  }
}

widgetWrappers.set('data_editor', (element, driver) => new DataEditorWidget(element as DataEditorElement, driver as Driver<unknown>));
