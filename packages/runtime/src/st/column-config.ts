/**
 * `st.column_config`: how `st.dataframe` and `st.data_editor` draw and edit each column, with
 * Streamlit's builders (`Column`, `TextColumn`, `NumberColumn`, `CheckboxColumn`, `DateColumn`,
 * `DatetimeColumn`, `LinkColumn`) and rules: a string means a label, `null` hides the column,
 * `column_order` lists (and so limits) the columns shown. `resolveColumns` checks a config against
 * the data and turns it into the protocol's `GridColumn`s.
 */
import type { ColumnData, ColumnKind, GridColumn, TableData } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';

/** Streamlit's width names, or pixels. */
export type ColumnWidth = 'small' | 'medium' | 'large' | number;

/** Options every column type takes. */
export interface ColumnOptions {
  width?: ColumnWidth | null;
  /** Tooltip on the column's header. */
  help?: string | null;
  /** data_editor: the column cannot be edited. */
  disabled?: boolean | null;
  /** data_editor: added rows need a value here. */
  required?: boolean | null;
}

export interface NumberColumnOptions extends ColumnOptions {
  /**
   * printf-style ("%d", "%.2f", "$%.2f", "%.1f%%") or one of Streamlit's names: "plain",
   * "localized", "percent", "dollar", "euro", "accounting", "compact", "scientific", "engineering".
   */
  format?: string | null;
  min_value?: number | null;
  max_value?: number | null;
  step?: number | null;
}

export interface DateColumnOptions extends ColumnOptions {
  /**
   * A date pattern with YYYY, MM, M, MMM, DD, D, HH, mm, ss (e.g. "YYYY-MM-DD", "MMM D, YYYY"), or
   * "localized" or "iso8601". Times show in UTC.
   */
  format?: string | null;
}

export interface LinkColumnOptions extends ColumnOptions {
  /** Text shown instead of the URL. */
  display_text?: string | null;
}

/** What a `st.column_config.*` builder returns; a plain object with these keys works too. */
export interface ColumnConfig extends NumberColumnOptions, LinkColumnOptions {
  type?: GridColumn['type'];
  label?: string | null;
}

/** `column_config` of `st.dataframe` / `st.data_editor`: per column name, a config, a label, or null (hidden). */
export type ColumnConfigMapping = Readonly<Record<string, ColumnConfig | string | null>>;

function builder<O extends ColumnOptions>(type: GridColumn['type']) {
  return (label?: string | null, options?: O): ColumnConfig => ({ ...(options ?? {}), type, label: label ?? null });
}

/**
 * The column builders of `st.column_config`.
 *
 * @example
 * st.dataframe(rows, {
 *   column_config: {
 *     price: st.column_config.NumberColumn("Price (USD)", { format: "$%.2f" }),
 *     in_stock: st.column_config.CheckboxColumn("In stock?"),
 *     internal_id: null,
 *   },
 * });
 */
export const columnConfig = {
  /** Any column: label, width, help, disabled. @example st.column_config.Column("Name", { width: "medium" }) */
  Column: builder<ColumnOptions>('auto'),
  /** Text cells. @example st.column_config.TextColumn("Comment", { help: "Free text" }) */
  TextColumn: builder<ColumnOptions>('text'),
  /** Numbers with a printf-style format and bounds. @example st.column_config.NumberColumn("Price", { format: "$%.2f", min_value: 0 }) */
  NumberColumn: builder<NumberColumnOptions>('number'),
  /** Booleans as checkboxes. @example st.column_config.CheckboxColumn("Done") */
  CheckboxColumn: builder<ColumnOptions>('checkbox'),
  /** Dates (Date values). @example st.column_config.DateColumn("Birthday", { format: "MMM D, YYYY" }) */
  DateColumn: builder<DateColumnOptions>('date'),
  /** Dates with times. @example st.column_config.DatetimeColumn("Seen", { format: "YYYY-MM-DD HH:mm" }) */
  DatetimeColumn: builder<DateColumnOptions>('datetime'),
  /** URLs as links (checked for safe schemes in the page). @example st.column_config.LinkColumn("Site", { display_text: "Open" }) */
  LinkColumn: builder<LinkColumnOptions>('link'),
} as const;

export type ColumnConfigApi = typeof columnConfig;

/** Which column kinds each type can show (`auto`, `text` and `link` show any). */
const KINDS: Partial<Record<GridColumn['type'], readonly ColumnKind[]>> = {
  number: ['number'],
  checkbox: ['boolean'],
  date: ['datetime'],
  datetime: ['datetime'],
};
const KIND_OF: Partial<Record<GridColumn['type'], ColumnKind>> = { number: 'number', checkbox: 'boolean', date: 'datetime', datetime: 'datetime' };
const TYPES: readonly GridColumn['type'][] = ['auto', 'text', 'number', 'checkbox', 'date', 'datetime', 'link'];
const CONFIG_KEYS = new Set(['type', 'label', 'width', 'help', 'disabled', 'required', 'format', 'min_value', 'max_value', 'step', 'display_text']);

export interface ResolveOptions {
  column_config?: ColumnConfigMapping | null | undefined;
  column_order?: readonly string[] | null | undefined;
}

/** The shown columns: their data (in display order) and how to draw each. */
export interface ResolvedColumns {
  data: TableData;
  columns: GridColumn[];
}

/**
 * Applies `column_config` and `column_order` to `table` for the st function `fn`. An all-empty
 * column takes the kind its config asks for (so an empty NumberColumn edits numbers).
 *
 * @example
 * resolveColumns(toTableData([{ a: 1, b: 2 }], "dataframe"), "dataframe", { column_config: { b: null } });
 * // { data: { columns: [a], rowCount: 1 }, columns: [{ label: "a", type: "auto" }] }
 */
export function resolveColumns(table: TableData, fn: string, options: ResolveOptions): ResolvedColumns {
  const config = options.column_config ?? {};
  if (typeof config !== 'object' || Array.isArray(config)) throw invalid(fn, 'column_config must be an object of column name → config');
  const byName = new Map(table.columns.map((column) => [column.name, column]));
  for (const name of Object.keys(config)) {
    if (name !== '_index' && !byName.has(name)) throw new MiniStError('MST_ERR_COLUMN_CONFIG', { fn, column: name, detail: 'the data has no such column' });
  }
  let order = table.columns.map((column) => column.name);
  if (options.column_order !== undefined && options.column_order !== null) {
    if (!Array.isArray(options.column_order)) throw invalid(fn, 'column_order must be an array of column names');
    for (const name of options.column_order) {
      if (!byName.has(name)) throw invalid(fn, `column_order names ${JSON.stringify(name)}, which is not a column of the data`);
    }
    order = [...new Set(options.column_order)];
  }
  const data: ColumnData[] = [];
  const columns: GridColumn[] = [];
  for (const name of order) {
    const entry = Object.hasOwn(config, name) ? config[name] : undefined;
    if (entry === null) continue;
    const column = byName.get(name)!;
    const spec = gridColumn(fn, column, entry);
    data.push(spec.column);
    columns.push(spec.grid);
  }
  return { data: { columns: data, rowCount: table.rowCount }, columns };
}

function gridColumn(fn: string, column: ColumnData, entry: ColumnConfig | string | undefined): { column: ColumnData; grid: GridColumn } {
  const fail = (detail: string) => new MiniStError('MST_ERR_COLUMN_CONFIG', { fn, column: column.name, detail });
  if (entry === undefined) return { column, grid: { label: column.name, type: 'auto' } };
  if (typeof entry === 'string') return { column, grid: { label: entry, type: 'auto' } };
  if (typeof entry !== 'object' || Array.isArray(entry)) throw fail('must be a st.column_config.* value, a label, or null');
  for (const key of Object.keys(entry)) if (!CONFIG_KEYS.has(key)) throw fail(`unknown option ${JSON.stringify(key)}`);
  const type = entry.type ?? 'auto';
  if (!TYPES.includes(type)) throw fail(`type must be one of ${TYPES.join(', ')}`);
  let data = column;
  const allowed = KINDS[type];
  if (allowed && !allowed.includes(column.kind)) {
    if (!column.values.every((value) => value === null)) throw fail(`a ${type} column needs ${allowed.join(' or ')} values, but the column holds ${column.kind} values`);
    data = { ...column, kind: KIND_OF[type]! };
  }
  const grid: GridColumn = { label: entry.label ?? column.name, type };
  if (entry.width !== undefined && entry.width !== null) {
    const w = entry.width;
    if (!(w === 'small' || w === 'medium' || w === 'large' || (typeof w === 'number' && Number.isFinite(w) && w > 0))) {
      throw fail(`width must be "small", "medium", "large" or a positive number of pixels, got ${JSON.stringify(w)}`);
    }
    grid.width = w;
  }
  for (const key of ['help', 'format', 'display_text'] as const) {
    const value = entry[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw fail(`${key} must be a string`);
    if (key === 'display_text') grid.displayText = value;
    else grid[key] = value;
  }
  for (const [key, into] of [['min_value', 'min'], ['max_value', 'max'], ['step', 'step']] as const) {
    const value = entry[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw fail(`${key} must be a finite number`);
    grid[into] = value;
  }
  if (grid.step !== undefined && grid.step <= 0) throw fail('step must be positive');
  if (grid.min !== undefined && grid.max !== undefined && grid.min > grid.max) throw fail('min_value is above max_value');
  for (const key of ['disabled', 'required'] as const) {
    const value = entry[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'boolean') throw fail(`${key} must be true or false`);
    if (value) grid[key] = true;
  }
  return { column: data, grid };
}

function invalid(fn: string, detail: string): MiniStError {
  return new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail });
}
