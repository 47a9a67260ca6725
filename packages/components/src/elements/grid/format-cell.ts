/**
 * Cells as text, and text typed into an editor cell back into a cell (no React). Numbers use the
 * page's printf-style formatter (number-format.ts), times a small date pattern language
 * (YYYY, MM, M, MMM, DD, D, HH, mm, ss), in UTC: the server sends times as UTC milliseconds.
 */
import type { CellValue, ColumnKind, GridColumn } from '@mini-st/protocol';
import { sprintf } from '../../number-format.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A time (UTC milliseconds) in a date pattern.
 * @example formatDate(Date.UTC(2024, 2, 5, 14, 7), "MMM D, YYYY HH:mm") // "Mar 5, 2024 14:07"
 */
export function formatDate(ms: number, pattern: string): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const parts: Record<string, string> = {
    YYYY: pad(d.getUTCFullYear(), 4),
    MMM: MONTHS[d.getUTCMonth()]!,
    MM: pad(d.getUTCMonth() + 1),
    M: String(d.getUTCMonth() + 1),
    DD: pad(d.getUTCDate()),
    D: String(d.getUTCDate()),
    HH: pad(d.getUTCHours()),
    mm: pad(d.getUTCMinutes()),
    ss: pad(d.getUTCSeconds()),
  };
  return pattern.replace(/YYYY|MMM|MM|M|DD|D|HH|mm|ss/g, (token) => parts[token]!);
}

/** What a cell shows when its column has no format: Streamlit-like defaults per kind. */
function defaultText(value: CellValue, kind: ColumnKind, type: GridColumn['type']): string {
  if (kind === 'number' && typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  if (kind === 'datetime' && typeof value === 'number') return formatDate(value, type === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm:ss');
  return String(value);
}

/** Streamlit's named number formats (NumberColumn `format`), besides printf-style strings. */
const NUMBER_PRESETS: Record<string, (n: number) => string> = {
  plain: (n) => String(n),
  localized: (n) => n.toLocaleString(),
  percent: (n) => `${(n * 100).toFixed(2)}%`,
  dollar: (n) => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' }),
  euro: (n) => n.toLocaleString('en-US', { style: 'currency', currency: 'EUR' }),
  accounting: (n) => (n < 0 ? `(${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })})` : n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })),
  compact: (n) => n.toLocaleString('en-US', { notation: 'compact' }),
  scientific: (n) => n.toExponential(2),
  engineering: (n) => n.toLocaleString('en-US', { notation: 'engineering' }),
};

/** Streamlit's named date formats (DateColumn / DatetimeColumn `format`), besides patterns. */
const DATE_PRESETS: Record<string, (ms: number, dateOnly: boolean) => string> = {
  iso8601: (ms) => new Date(ms).toISOString(),
  localized: (ms, dateOnly) => (dateOnly ? new Date(ms).toLocaleDateString(undefined, { timeZone: 'UTC' }) : new Date(ms).toLocaleString(undefined, { timeZone: 'UTC' })),
};

/**
 * A cell as text ("" for empty cells).
 * @example cellText(1234.5, "number", { label: "p", type: "number", format: "$%.2f" }) // "$1234.50"
 */
export function cellText(value: CellValue | undefined, kind: ColumnKind, column: GridColumn): string {
  if (value === null || value === undefined) return '';
  if (column.format && typeof value === 'number') {
    if (kind === 'number') return NUMBER_PRESETS[column.format]?.(value) ?? sprintf(column.format, value);
    if (kind === 'datetime') return DATE_PRESETS[column.format]?.(value, column.type === 'date') ?? formatDate(value, column.format);
  }
  return defaultText(value, kind, column.type);
}

/** The result of reading typed text: a cell, or why it was refused. */
export type Parsed = { ok: true; value: CellValue } | { ok: false; reason: string };

/**
 * Text typed into a cell editor as a cell of the column's kind. Empty text is an empty cell.
 * Numbers must be within the column's min/max; times come from `<input type="date">` or
 * `"datetime-local"` values, read as UTC.
 *
 * @example parseCell("42", "number", { label: "n", type: "auto" }) // { ok: true, value: 42 }
 */
export function parseCell(text: string, kind: ColumnKind, column: GridColumn): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  switch (kind) {
    case 'number': {
      const n = Number(trimmed.replace(/[\s,_$%]/g, ''));
      if (!Number.isFinite(n)) return { ok: false, reason: 'not a number' };
      if (column.min !== undefined && n < column.min) return { ok: false, reason: `below ${column.min}` };
      if (column.max !== undefined && n > column.max) return { ok: false, reason: `above ${column.max}` };
      return { ok: true, value: n };
    }
    case 'boolean':
      if (/^(true|yes|1)$/i.test(trimmed)) return { ok: true, value: true };
      if (/^(false|no|0)$/i.test(trimmed)) return { ok: true, value: false };
      return { ok: false, reason: 'not true or false' };
    case 'datetime': {
      const ms = Date.parse(/Z|[+-]\d\d:?\d\d$/.test(trimmed) ? trimmed : `${trimmed}${trimmed.length <= 10 ? 'T00:00' : ''}Z`);
      return Number.isFinite(ms) ? { ok: true, value: ms } : { ok: false, reason: 'not a date' };
    }
    default:
      return { ok: true, value: text };
  }
}

/**
 * A cell as an editor input's starting text (the inverse of `parseCell`).
 * @example editText(Date.UTC(2024, 0, 2), "datetime", { label: "d", type: "date" }) // "2024-01-02"
 */
export function editText(value: CellValue | undefined, kind: ColumnKind, column: GridColumn): string {
  if (value === null || value === undefined) return '';
  if (kind === 'datetime' && typeof value === 'number') return formatDate(value, column.type === 'date' ? 'YYYY-MM-DD' : 'YYYY-MM-DDTHH:mm');
  return String(value);
}
