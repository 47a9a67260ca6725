/**
 * Turns the tabular shapes a script may pass (`st.dataframe`, `st.data_editor`, the charts) into
 * the protocol's column-oriented `TableData`: one typed array of cells per column. This is
 * TypeScript's stand-in for Streamlit's pandas conversion, so every data API accepts the same
 * inputs and reports bad input the same way.
 *
 * Accepted shapes:
 * - an array of records: `[{ city: "Oslo", temp: 3 }, …]` (columns in first-seen key order);
 * - an object of columns: `{ city: ["Oslo", …], temp: [3, …] }` (arrays or typed arrays);
 * - an array of rows: `[["Oslo", 3], …]` with `columns: ["city", "temp"]` (default names "0", "1", …);
 * - an array of plain values: one column named "value".
 */
import type { CellValue, ColumnData, ColumnKind, TableData } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { isPlainObject } from './plain-object.js';

/** Any of the shapes above. */
export type TabularData =
  | readonly Record<string, unknown>[]
  | { readonly [column: string]: ArrayLike<unknown> }
  | readonly (readonly unknown[])[]
  | readonly unknown[];

/**
 * Converts `data` for the `st` function named `fn` (used in error messages).
 *
 * @example
 * toTableData([{ a: 1, b: "x" }], "dataframe");
 * // { columns: [{ name: "a", kind: "number", values: [1] }, { name: "b", kind: "text", values: ["x"] }], rowCount: 1 }
 */
export function toTableData(data: TabularData | null | undefined, fn: string, columnNames?: readonly string[]): TableData {
  if (data === null || data === undefined) return { columns: [], rowCount: 0 };
  const raw = rawColumns(data, fn, columnNames);
  const rowCount = raw.reduce((n, c) => Math.max(n, c.values.length), 0);
  return { columns: raw.map((c) => typedColumn(c.name, c.values, rowCount)), rowCount };
}

interface RawColumn {
  name: string;
  values: ArrayLike<unknown>;
}

function rawColumns(data: TabularData, fn: string, columnNames: readonly string[] | undefined): RawColumn[] {
  if (isArrayLike(data)) {
    const rows = Array.from(data as ArrayLike<unknown>);
    if (rows.length === 0) return (columnNames ?? []).map((name) => ({ name, values: [] }));
    if (rows.every(isPlainObject)) return recordColumns(rows as Record<string, unknown>[], columnNames);
    if (rows.every((row) => Array.isArray(row))) return rowColumns(rows as unknown[][], columnNames);
    if (rows.some((row) => isPlainObject(row) || Array.isArray(row))) {
      throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail: 'data mixes rows of different shapes: pass all records, all arrays, or all plain values' });
    }
    return [{ name: columnNames?.[0] ?? 'value', values: rows }];
  }
  if (isPlainObject(data)) {
    return Object.entries(data).map(([name, values]) => {
      if (!isArrayLike(values)) {
        throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail: `column ${JSON.stringify(name)} must be an array, got ${describe(values)}` });
      }
      return { name, values };
    });
  }
  throw new MiniStError('MST_ERR_INVALID_ARGUMENT', {
    fn,
    detail: `data must be an array of records, an object of column arrays, or an array of rows; got ${describe(data)}`,
  });
}

function recordColumns(rows: readonly Record<string, unknown>[], columnNames: readonly string[] | undefined): RawColumn[] {
  const names: string[] = columnNames ? [...columnNames] : [];
  if (!columnNames) {
    const known = new Set<string>();
    for (const row of rows) {
      for (const key of Object.keys(row)) {
        if (!known.has(key)) {
          known.add(key);
          names.push(key);
        }
      }
    }
  }
  return names.map((name) => ({ name, values: rows.map((row) => row[name]) }));
}

function rowColumns(rows: readonly unknown[][], columnNames: readonly string[] | undefined): RawColumn[] {
  const width = rows.reduce((n, row) => Math.max(n, row.length), columnNames?.length ?? 0);
  return Array.from({ length: width }, (_, i) => ({ name: columnNames?.[i] ?? String(i), values: rows.map((row) => row[i]) }));
}

/** Picks the column's kind from its non-empty cells; mixed columns become text. */
function typedColumn(name: string, values: ArrayLike<unknown>, rowCount: number): ColumnData {
  let kind: ColumnKind | undefined;
  for (let i = 0; i < values.length; i++) {
    const k = cellKind(values[i]);
    if (k === undefined) continue;
    if (kind === undefined) kind = k;
    else if (kind !== k) {
      kind = 'text';
      break;
    }
  }
  const columnKind = kind ?? 'text';
  const cells = new Array<CellValue>(rowCount);
  for (let i = 0; i < rowCount; i++) cells[i] = cell(i < values.length ? values[i] : undefined, columnKind);
  return { name, kind: columnKind, values: cells };
}

function cellKind(value: unknown): ColumnKind | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'text';
  if (value instanceof Date) return 'datetime';
  return 'json';
}

function cell(value: unknown, kind: ColumnKind): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return kind === 'text' ? String(value) : null;
    return kind === 'text' ? String(value) : value;
  }
  if (typeof value === 'bigint') return kind === 'number' && Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'boolean') return kind === 'boolean' ? value : String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) return null;
    return kind === 'datetime' ? time : value.toISOString();
  }
  return jsonText(value);
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || ArrayBuffer.isView(value);
}


function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}
