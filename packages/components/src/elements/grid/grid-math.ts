/**
 * The grid's arithmetic, with no React: which rows a scroll position shows (the virtual window),
 * how tall the grid is, how wide each column starts, and the stable, kind-aware sort order that a
 * header click asks for. Used by grid.tsx; tested on its own.
 */
import type { CellValue, ColumnKind, GridColumn } from '@mini-st/protocol';

/** Every row is this tall (px): a fixed height is what makes the window arithmetic O(1). */
export const ROW_HEIGHT = 35;
/** Rows drawn above and below the visible ones, so a fast scroll does not show blanks. */
export const OVERSCAN = 6;
/** Streamlit's default: up to ten rows, then scroll. */
export const DEFAULT_VISIBLE_ROWS = 10;

/** The rows to draw: `first` (inclusive) to `last` (exclusive), in view order. */
export interface RowWindow {
  first: number;
  last: number;
}

/**
 * The rows in view at `scrollTop` within a body `viewport` pixels tall, plus overscan.
 *
 * @example
 * visibleRows(3500, 350, 100_000) // { first: 94, last: 117 }
 */
export function visibleRows(scrollTop: number, viewport: number, rowCount: number, rowHeight = ROW_HEIGHT, overscan = OVERSCAN): RowWindow {
  if (rowCount <= 0) return { first: 0, last: 0 };
  const top = Math.max(0, Math.floor(scrollTop / rowHeight));
  const shown = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const first = Math.max(0, Math.min(rowCount - 1, top - overscan));
  const last = Math.min(rowCount, top + shown + overscan);
  return { first, last: Math.max(first + 1, last) };
}

/**
 * The scroll area's height: the app's `height`, else the header plus up to ten rows.
 * @example gridHeight(undefined, 3) // 142 (header + 3 rows + borders)
 */
export function gridHeight(height: number | undefined, rowCount: number, extraRows = 0): number {
  if (height !== undefined) return height;
  return ROW_HEIGHT * (1 + Math.min(DEFAULT_VISIBLE_ROWS, Math.max(1, rowCount + extraRows))) + 2;
}

const NAMED_WIDTHS = { small: 75, medium: 200, large: 400 } as const;

/**
 * A column's starting width: its configured width, else one that fits its label and the first
 * hundred cells' text (a guess: people resize from there).
 *
 * @example initialWidth({ label: "price", type: "auto" }, ["1.50", "22.00"]) // 84
 */
export function initialWidth(column: GridColumn, sample: readonly string[]): number {
  const w = column.width;
  if (typeof w === 'number') return Math.max(30, Math.round(w));
  if (w !== undefined) return NAMED_WIDTHS[w];
  let chars = column.label.length + 2;
  for (const text of sample) chars = Math.max(chars, text.length);
  return Math.max(60, Math.min(320, Math.round(chars * 8.5 + 24)));
}

/** Header clicks cycle through these. */
export type SortDirection = 'asc' | 'desc';
export interface SortState {
  column: number;
  direction: SortDirection;
}

/**
 * The sort after a click on column `column`: ascending, then descending, then unsorted.
 * @example nextSort({ column: 1, direction: "asc" }, 1) // { column: 1, direction: "desc" }
 */
export function nextSort(current: SortState | null, column: number): SortState | null {
  if (!current || current.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}

function compareCells(a: CellValue, b: CellValue, kind: ColumnKind, collator: Intl.Collator): number {
  if (kind === 'number' || kind === 'datetime') return (a as number) - (b as number);
  if (kind === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/**
 * The order of `rows` (row ids in view order) sorted by `cell(row)`: stable (ties keep their
 * order), by the column's kind (numbers and times numerically, text by locale, false before
 * true), empty cells last in both directions, as spreadsheets do.
 *
 * @example
 * sortRows([0, 1, 2], (r) => [3, null, 1][r]!, "number", "asc") // [2, 0, 1]
 */
export function sortRows(rows: readonly number[], cell: (row: number) => CellValue, kind: ColumnKind, direction: SortDirection): number[] {
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row, at) => ({ row, at, value: cell(row) }));
  keyed.sort((x, y) => {
    const xEmpty = x.value === null;
    const yEmpty = y.value === null;
    if (xEmpty || yEmpty) return xEmpty === yEmpty ? x.at - y.at : xEmpty ? 1 : -1;
    return sign * compareCells(x.value, y.value, kind, collator) || x.at - y.at;
  });
  return keyed.map((k) => k.row);
}
