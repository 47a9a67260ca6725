/**
 * Pure builders for display elements: turn what a user passed to `st.*` into protocol elements.
 * No run context here; `DeltaGenerator` places what these build.
 */
import type { Element, ExceptionElement, TableElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { isPlainObject } from './plain-object.js';

/** JSON text for any value: cycles, bigints, Maps, Sets and functions do not throw. */
export function toJsonText(value: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (typeof item === 'bigint') return item.toString();
      if (typeof item === 'function') return `[Function ${item.name || 'anonymous'}]`;
      if (typeof item === 'symbol') return item.toString();
      if (item === undefined) return null;
      if (item instanceof Map) return Object.fromEntries(item);
      if (item instanceof Set) return [...item];
      if (typeof item === 'object' && item !== null) {
        if (seen.has(item)) return '[Circular]';
        seen.add(item);
      }
      return item;
    },
    2,
  );
  return text ?? 'null';
}

/** An exception element from anything thrown; the stack keeps only the user's own frames. */
export function exceptionElement(error: unknown): ExceptionElement {
  if (!(error instanceof Error)) {
    return { type: 'exception', name: 'Error', message: `Non-Error thrown: ${safeString(error)}`, stack: [] };
  }
  const element: ExceptionElement = {
    type: 'exception',
    name: error.name || 'Error',
    message: error.message,
    stack: userFrames(error.stack ?? ''),
  };
  if (error instanceof MiniStError) element.code = error.code;
  return element;
}

/** Frames of a stack that belong to the user's code, not to Node or to mini-st itself. */
function userFrames(stack: string): string[] {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => line.trim())
    .filter((line) => !/node:internal|node_modules|\/packages\/runtime\/(src|dist)\/|mini-st\/dist\//.test(line))
    .map((line) => line.replace(/__mini_st_main__/, '<script>'));
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}


/** An array of plain objects, as `st.write` draws a table. */
export function recordsTable(rows: readonly Record<string, unknown>[]): TableElement {
  const columns: string[] = [];
  const known = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!known.has(key)) {
        known.add(key);
        columns.push(key);
      }
    }
  }
  return {
    type: 'table',
    columns,
    rows: rows.map((row) => columns.map((column) => cellText(row[column]))),
  };
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return value instanceof Date ? value.toISOString() : toJsonText(value).replace(/\s+/g, ' ');
  return String(value);
}

/** How `st.write` draws one argument (Streamlit's rules, TypeScript's types). */
export function writeElement(value: unknown): Element {
  if (typeof value === 'string') return { type: 'markdown', body: value, allowHtml: false, variant: 'normal' };
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return { type: 'markdown', body: String(value), allowHtml: false, variant: 'normal' };
  }
  if (value === null || value === undefined) return { type: 'code', body: String(value), language: null, lineNumbers: false };
  if (value instanceof Error) return exceptionElement(value);
  if (value instanceof Date) return { type: 'markdown', body: value.toISOString(), allowHtml: false, variant: 'normal' };
  if (typeof value === 'function') {
    return { type: 'code', body: Function.prototype.toString.call(value), language: 'javascript', lineNumbers: false };
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) return recordsTable(value);
  return { type: 'json', body: toJsonText(value), expanded: true };
}
