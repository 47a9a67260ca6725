/**
 * `st.dataframe` (a virtualized, sortable grid) and `st.table` (a static table, every row drawn).
 * Data goes through `toTableData` (any tabular shape) and `resolveColumns` (column_config). A grid
 * element carries a digest of its data, made here in the script's thread, so the session's mirror
 * on the main thread compares a short string instead of megabytes of JSON on every rerun.
 * Attached to `DeltaGenerator` by declaration merging.
 */
import { createHash } from 'node:crypto';
import type { DataframeElement, GridColumn, TableData, TableElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { resolveColumns, type ColumnConfigMapping } from './column-config.js';
import { DeltaGenerator } from './delta-generator.js';
import { toTableData, type TabularData } from './tabular.js';

/** Options shared by `st.dataframe` and `st.data_editor`. */
export interface GridOptions {
  /** Pixels of the scroll area (default: up to 10 rows, then scroll). */
  height?: number | null;
  /** Pixels (default: as wide as the columns need, up to the container). */
  width?: number | null;
  /** Stretch to the container's width. */
  use_container_width?: boolean;
  /** Hide the row index column. */
  hide_index?: boolean | null;
  /** Columns shown, in this order; the others are hidden. */
  column_order?: readonly string[] | null;
  /** Per column: a `st.column_config.*` value, a label, or `null` to hide it. */
  column_config?: ColumnConfigMapping | null;
}

export interface DataframeOptions extends GridOptions {
  /** Column names for an array of rows. */
  columns?: readonly string[];
}

export interface TableOptions {
  /** Column names for an array of rows. */
  columns?: readonly string[];
}

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * An interactive table: scrolls through any number of rows (only the visible ones are drawn),
     * sorts by a click on a column header, resizes columns by dragging a header's edge.
     *
     * @example
     * st.dataframe([{ city: "Oslo", temp: 3.5 }, { city: "Lima", temp: 19.25 }], {
     *   column_config: { temp: st.column_config.NumberColumn("Temperature", { format: "%.1f °C" }) },
     *   hide_index: true,
     * });
     * st.dataframe({ x: [1, 2, 3], y: [10, 20, 30] }, { height: 200 });
     */
    dataframe(data: TabularData | null | undefined, options?: DataframeOptions): void;

    /**
     * A static table: every row drawn, nothing to scroll or sort (for small data).
     * @example st.table([{ name: "Ada", born: 1815 }, { name: "Alan", born: 1912 }]);
     */
    table(data: TabularData | null | undefined, options?: TableOptions): void;
  }
}

/** The parts of a grid element built from data and grid options (shared with data_editor). */
export type GridParts = Pick<DataframeElement, 'data' | 'columns' | 'height' | 'width' | 'useContainerWidth' | 'hideIndex' | 'digest'>;

/**
 * Checks the grid options and builds the shared parts of a grid element.
 * @example gridParts("dataframe", toTableData(rows, "dataframe"), { hide_index: true })
 */
export function gridParts(fn: string, table: TableData, options: GridOptions): GridParts {
  const { data, columns } = resolveColumns(table, fn, options);
  const parts: GridParts = {
    data,
    columns,
    useContainerWidth: options.use_container_width ?? false,
    hideIndex: options.hide_index ?? false,
    digest: digestOf(data, columns),
  };
  for (const key of ['height', 'width'] as const) {
    const value = options[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail: `${key} must be a positive number of pixels, got ${JSON.stringify(value)}` });
    }
    parts[key] = Math.round(value);
  }
  return parts;
}

/**
 * A short hash of a grid's data and column specs, one column at a time (no whole-table string).
 * @example digestOf(element.data, element.columns) // "q3v…" (27 characters, base64url SHA-1)
 */
export function digestOf(data: TableData, columns: readonly GridColumn[]): string {
  const hash = createHash('sha1');
  hash.update(JSON.stringify(columns));
  hash.update(String(data.rowCount));
  for (const column of data.columns) {
    hash.update(JSON.stringify([column.name, column.kind]));
    hash.update(JSON.stringify(column.values));
  }
  return hash.digest('base64url');
}

DeltaGenerator.prototype.dataframe = function dataframe(this: DeltaGenerator, data, options: DataframeOptions = {}): void {
  const table = toTableData(data, 'dataframe', options.columns);
  const element: DataframeElement = { type: 'dataframe', ...gridParts('dataframe', table, options) };
  this._place('dataframe', element);
};

DeltaGenerator.prototype.table = function table(this: DeltaGenerator, data, options: TableOptions = {}): void {
  this._place('table', staticTable(toTableData(data, 'table', options.columns)));
};

/**
 * st.table's element: cells as text, with the row index first, as Streamlit draws it.
 * @example staticTable(toTableData([{ a: 1 }], "table")) // { type: "table", columns: ["", "a"], rows: [["0", "1"]] }
 */
export function staticTable(table: TableData): TableElement {
  const rows: string[][] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const row = [String(r)];
    for (const column of table.columns) row.push(cellText(column.values[r] ?? null, column.kind));
    rows.push(row);
  }
  return { type: 'table', columns: ['', ...table.columns.map((c) => c.name)], rows };
}

function cellText(value: string | number | boolean | null, kind: string): string {
  if (value === null) return '';
  if (kind === 'datetime' && typeof value === 'number') return new Date(value).toISOString();
  return String(value);
}
