/**
 * Streamlit's data rules for the built-in charts (`st.line_chart` and its siblings), applied on
 * the server so the page gets plain numeric series on one shared, ascending x array:
 *
 * - no `x`: the row number; `x` names a column (numbers, dates, or text/booleans as categories);
 * - `y`: a column or a list of columns; by default every other numeric column;
 * - `color`: a column name draws one series per distinct value of that column (long format);
 *   otherwise a CSS colour, or a list of colours, one per y column (wide format);
 * - `size` (scatter): a number for every point, or a column of sizes.
 *
 * Series are aligned: where a series has no point at an x, its value is null. Rows with the same
 * x share a slot while no series needs two values there; bars sum values that would collide
 * (what a stacked Vega-Lite bar shows), other kinds give the row a slot of its own.
 */
import type { ChartElement, ChartSeries, ChartX, ColumnData, TableData } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';

export type ChartKind = ChartElement['kind'];

/** The data options every built-in chart shares (Streamlit's names). */
export interface ChartDataOptions {
  /** Column for the x axis; absent: the row number. */
  x?: string | null;
  /** Column or columns to draw; absent: every numeric column other than x, color and size. */
  y?: string | readonly string[] | null;
  x_label?: string | null;
  y_label?: string | null;
  /** A column (one series per value), a CSS colour, or one colour per y column. */
  color?: string | readonly string[] | null;
  /** Scatter: point size (area in px²) for every point, or a column of sizes. */
  size?: string | number | null;
}

/** What the page needs besides the options: the shaped data and the axis titles. */
export interface ShapedChart {
  x: ChartX;
  series: ChartSeries[];
  xLabel: string;
  yLabel: string;
  size?: number;
}

/**
 * Reshapes `table` for the chart `fn` of kind `kind`.
 *
 * @example
 * shapeChart('line_chart', 'line', toTableData({ day: [1, 2], a: [3, 4], b: [5, 6] }, 'line_chart'), { x: 'day' });
 * // { x: { kind: 'number', values: [1, 2] }, series: [{ name: 'a', values: [3, 4] }, { name: 'b', values: [5, 6] }], xLabel: 'day', yLabel: '' }
 */
export function shapeChart(fn: string, kind: ChartKind, table: TableData, options: ChartDataOptions = {}): ShapedChart {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const column = (name: unknown, option: string): ColumnData => {
    const found = typeof name === 'string' ? byName.get(name) : undefined;
    if (!found) {
      throw new MiniStError('MST_ERR_CHART_COLUMN', { fn, option, column: JSON.stringify(name), columns: table.columns.map((c) => JSON.stringify(c.name)).join(', ') || 'none' });
    }
    return found;
  };

  const xColumn = options.x === undefined || options.x === null ? undefined : column(options.x, 'x');
  if (xColumn?.kind === 'json') invalid(fn, `x column ${JSON.stringify(xColumn.name)} holds objects; x must be numbers, dates or text`);

  const colorOption = options.color ?? undefined;
  const colorColumn = typeof colorOption === 'string' && byName.has(colorOption) ? byName.get(colorOption) : undefined;
  let colors: string[] | undefined;
  if (colorOption !== undefined && !colorColumn) {
    colors = typeof colorOption === 'string' ? [colorOption] : [...colorOption];
    for (const c of colors) {
      if (typeof c !== 'string' || !isCssColor(c)) {
        // A plain word is far more likely a misspelt column than a colour.
        if (typeof colorOption === 'string') column(colorOption, 'color');
        invalid(fn, `color ${JSON.stringify(c)} is neither a column nor a colour ("#rrggbb", "rgb(…)", "hsl(…)")`);
      }
    }
  }

  let sizeColumn: ColumnData | undefined;
  let size: number | undefined;
  if (options.size !== undefined && options.size !== null) {
    if (kind !== 'scatter') invalid(fn, 'size applies to scatter charts only');
    if (typeof options.size === 'number') {
      if (!(options.size > 0) || !Number.isFinite(options.size)) invalid(fn, `size must be a positive number, got ${options.size}`);
      size = options.size;
    } else {
      sizeColumn = column(options.size, 'size');
      if (sizeColumn.kind !== 'number' && !allNull(sizeColumn)) invalid(fn, `size column ${JSON.stringify(sizeColumn.name)} must hold numbers`);
    }
  }

  const taken = new Set([xColumn?.name, colorColumn?.name, sizeColumn?.name]);
  const yColumns =
    options.y === undefined || options.y === null
      ? table.columns.filter((c) => !taken.has(c.name) && c.kind === 'number')
      : (typeof options.y === 'string' ? [options.y] : [...options.y]).map((name) => column(name, 'y'));
  for (const c of yColumns) {
    if (c.kind !== 'number' && !allNull(c)) invalid(fn, `y column ${JSON.stringify(c.name)} holds ${c.kind === 'json' ? 'objects' : c.kind}, not numbers`);
  }
  if (yColumns.length === 0 && table.columns.length > 0 && table.rowCount > 0) {
    invalid(fn, `no numeric column to draw: pass y, the name of a column of numbers (columns: ${table.columns.map((c) => JSON.stringify(c.name)).join(', ')})`);
  }
  if (colorColumn && yColumns.length > 1) {
    invalid(fn, `color names the column ${JSON.stringify(colorColumn.name)}, so y must be one column, not ${yColumns.length}`);
  }
  if (colors && colors.length !== yColumns.length) {
    invalid(fn, `${colors.length} colour(s) for ${yColumns.length} y column(s) (${yColumns.map((c) => JSON.stringify(c.name)).join(', ')}): give one colour per column`);
  }

  const xAxis = xKeys(xColumn, table.rowCount);
  const rows = sortedRows(xAxis.keys);
  const xLabel = options.x_label ?? xColumn?.name ?? '';
  const yLabel = options.y_label ?? (yColumns.length === 1 ? yColumns[0]!.name : '');
  const base = { xLabel, yLabel, ...(size !== undefined ? { size } : {}) };
  const sum = kind === 'bar';

  if (!colorColumn && !sum) {
    // One point per row (the common case, and the 100,000-point one): no slots, and when the rows
    // are already in x order, the columns' own arrays.
    const inOrder = rows.length === table.rowCount && rows.every((r, i) => r === i);
    const pick = (values: readonly unknown[]) => (inOrder ? (values as (number | null)[]) : rows.map((r) => values[r] as number | null));
    const series = yColumns.map((c, i): ChartSeries => ({
      name: c.name,
      values: pick(c.values),
      ...(colors ? { color: colors[i]! } : {}),
      ...(sizeColumn ? { sizes: pick(sizeColumn.values) } : {}),
    }));
    const x: ChartX = { kind: xAxis.kind, count: rows.length, values: xAxis.kind === 'index' ? [] : rows.map((r) => xAxis.keys[r]!) };
    return { ...base, x: xAxis.categories ? { ...x, categories: xAxis.categories } : x, series };
  }

  if (!colorColumn) {
    const slots = slotRows(rows, xAxis.keys, () => 0, 'sum');
    const series = yColumns.map((c, i): ChartSeries => ({
      name: c.name,
      values: gather(slots, c.values, true),
      ...(colors ? { color: colors[i]! } : {}),
      ...(sizeColumn ? { sizes: gather(slots, sizeColumn.values, false) } : {}),
    }));
    return { ...base, x: axis(xAxis, slots), series };
  }

  // Long format: one series per distinct value of the color column, in ascending order (Vega-Lite's legend order).
  const yColumn = yColumns[0];
  const groupOf = new Map<string, number>();
  const groupNames = [...new Set(rows.map((r) => groupName(colorColumn.values[r])))].sort(colorColumn.kind === 'number' ? (a, b) => Number(a) - Number(b) : undefined);
  groupNames.forEach((name, i) => groupOf.set(name, i));
  const rowGroup = new Int32Array(table.rowCount);
  for (const r of rows) rowGroup[r] = groupOf.get(groupName(colorColumn.values[r]))!;
  const slots = slotRows(rows, xAxis.keys, (r) => rowGroup[r]!, sum ? 'sum' : 'split');
  const series = groupNames.map((name, g): ChartSeries => {
    const values = new Array<number | null>(slots.x.length).fill(null);
    const sizes = sizeColumn ? new Array<number | null>(slots.x.length).fill(null) : undefined;
    for (let s = 0; s < slots.rows.length; s++) {
      for (const r of slots.rows[s]!) {
        if (rowGroup[r] !== g) continue;
        const y = yColumn ? (yColumn.values[r] as number | null) : null;
        values[s] = sum && values[s] !== null && y !== null ? values[s]! + y : (y ?? values[s]!);
        if (sizes && sizeColumn) sizes[s] = sizeColumn.values[r] as number | null;
      }
    }
    return { name, values, ...(sizes ? { sizes } : {}) };
  });
  return { ...base, x: axis(xAxis, slots), series };
}

interface XKeys {
  kind: ChartX['kind'];
  /** One key per row (NaN: no x, the row is left out). */
  keys: Float64Array;
  categories?: string[];
}

function xKeys(column: ColumnData | undefined, rowCount: number): XKeys {
  const keys = new Float64Array(rowCount);
  if (!column) {
    for (let i = 0; i < rowCount; i++) keys[i] = i;
    return { kind: 'index', keys };
  }
  if (column.kind === 'number' || column.kind === 'datetime') {
    for (let i = 0; i < rowCount; i++) keys[i] = typeof column.values[i] === 'number' ? (column.values[i] as number) : NaN;
    return { kind: column.kind, keys };
  }
  // Text and booleans are categories, in ascending order as Vega-Lite sorts a nominal axis.
  const names = column.values.map((v) => (v === null ? null : String(v)));
  const categories = [...new Set(names.filter((n): n is string => n !== null))].sort();
  const index = new Map(categories.map((c, i) => [c, i]));
  for (let i = 0; i < rowCount; i++) keys[i] = names[i] === null ? NaN : index.get(names[i]!)!;
  return { kind: 'category', keys, categories };
}

/** Row numbers with an x, ordered by x (stable); no sort when they already are (the usual case). */
function sortedRows(keys: Float64Array): number[] {
  const rows: number[] = [];
  let sorted = true;
  for (let i = 0; i < keys.length; i++) {
    if (Number.isNaN(keys[i])) continue;
    if (rows.length && keys[i]! < keys[rows[rows.length - 1]!]!) sorted = false;
    rows.push(i);
  }
  if (!sorted) rows.sort((a, b) => keys[a]! - keys[b]! || a - b);
  return rows;
}

interface Slots {
  x: number[];
  /** The rows that fall into each slot. */
  rows: number[][];
}

/**
 * Groups sorted rows into x slots. A row joins the current slot when its x is equal and its
 * series is free there (or `rule` is to sum); otherwise it opens a slot of its own.
 */
function slotRows(rows: readonly number[], keys: Float64Array, seriesOf: (row: number) => number, rule: 'sum' | 'split'): Slots {
  const x: number[] = [];
  const slotted: number[][] = [];
  /** series → the last slot it has a value in */
  const lastSlot = new Map<number, number>();
  for (const r of rows) {
    const key = keys[r]!;
    const current = slotted[slotted.length - 1];
    const series = seriesOf(r);
    const fits = current !== undefined && x[x.length - 1] === key && (rule === 'sum' || lastSlot.get(series) !== slotted.length - 1);
    if (fits) current.push(r);
    else {
      x.push(key);
      slotted.push([r]);
    }
    lastSlot.set(series, slotted.length - 1);
  }
  return { x, rows: slotted };
}

/** One value per slot: the slot's row's value, or the sum of its rows' values. */
function gather(slots: Slots, values: readonly unknown[], sum: boolean): (number | null)[] {
  const out = new Array<number | null>(slots.rows.length);
  for (let s = 0; s < slots.rows.length; s++) {
    const rows = slots.rows[s]!;
    if (rows.length === 1 || !sum) {
      const v = values[rows[0]!];
      out[s] = typeof v === 'number' ? v : null;
      continue;
    }
    let total: number | null = null;
    for (const r of rows) if (typeof values[r] === 'number') total = (total ?? 0) + (values[r] as number);
    out[s] = total;
  }
  return out;
}

function axis(keys: XKeys, slots: Slots): ChartX {
  return { kind: keys.kind, count: slots.x.length, values: keys.kind === 'index' ? [] : slots.x, ...(keys.categories ? { categories: keys.categories } : {}) };
}

function groupName(value: unknown): string {
  return value === null || value === undefined ? 'null' : String(value);
}

function allNull(column: ColumnData): boolean {
  return column.values.every((v) => v === null);
}

/** The colour forms Streamlit takes, as CSS writes them: hex, rgb(a)(…), hsl(a)(…). */
export function isCssColor(value: string): boolean {
  return /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(value) || /^(?:rgba?|hsla?)\([\d\s.,%/+-]+\)$/i.test(value);
}

function invalid(fn: string, detail: string): never {
  throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail });
}
