/**
 * The grid's pure parts (window maths, sorting, cell text, edit state) and its server-rendered
 * markup (ARIA grid, only the visible rows drawn). Scrolling, clicking and editing are covered by
 * examples/e2e/dataframe.test.ts in Chromium.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DataEditorValue, GridColumn, TableData } from '@mini-st/protocol';
import { cellText, editText, formatDate, parseCell } from './format-cell.js';
import { editedCell, shownRows, withAddedRow, withCell, withDeletedRow } from './edit-state.js';
import { Grid } from './grid.js';
import { gridHeight, initialWidth, nextSort, ROW_HEIGHT, sortRows, visibleRows } from './grid-math.js';

const auto = (label: string): GridColumn => ({ label, type: 'auto' });

describe('the virtual window', () => {
  it('draws the rows in view plus overscan, and never past the ends', () => {
    expect(visibleRows(0, 350, 100_000)).toEqual({ first: 0, last: 17 });
    expect(visibleRows(3500, 350, 100_000)).toEqual({ first: 94, last: 117 });
    const end = visibleRows(ROW_HEIGHT * 100_000, 350, 100_000);
    expect(end.last).toBe(100_000);
    expect(end.last - end.first).toBeLessThan(30);
    expect(visibleRows(0, 350, 0)).toEqual({ first: 0, last: 0 });
    expect(visibleRows(0, 350, 3)).toEqual({ first: 0, last: 3 });
  });

  it('is ten rows tall by default, the app\'s height when given', () => {
    expect(gridHeight(undefined, 3)).toBe(ROW_HEIGHT * 4 + 2);
    expect(gridHeight(undefined, 100_000)).toBe(ROW_HEIGHT * 11 + 2);
    expect(gridHeight(250, 100_000)).toBe(250);
  });

  it('starts columns at their configured width, else one that fits', () => {
    expect(initialWidth({ label: 'a', type: 'auto', width: 'medium' }, [])).toBe(200);
    expect(initialWidth({ label: 'a', type: 'auto', width: 123 }, [])).toBe(123);
    expect(initialWidth(auto('a'), ['x'.repeat(10)])).toBe(109);
  });
});

describe('sorting', () => {
  it('cycles ascending, descending, none on one column', () => {
    const a = nextSort(null, 2);
    const b = nextSort(a, 2);
    expect([a, b, nextSort(b, 2), nextSort(b, 0)]).toEqual([
      { column: 2, direction: 'asc' },
      { column: 2, direction: 'desc' },
      null,
      { column: 0, direction: 'asc' },
    ]);
  });

  it('is stable, by kind, with empty cells last both ways', () => {
    const numbers = [3, null, 1, 3, 10];
    expect(sortRows([0, 1, 2, 3, 4], (r) => numbers[r]!, 'number', 'asc')).toEqual([2, 0, 3, 4, 1]);
    expect(sortRows([0, 1, 2, 3, 4], (r) => numbers[r]!, 'number', 'desc')).toEqual([4, 0, 3, 2, 1]);
    const text = ['b10', 'b9', 'A'];
    expect(sortRows([0, 1, 2], (r) => text[r]!, 'text', 'asc')).toEqual([2, 1, 0]);
    expect(sortRows([0, 1, 2], (r) => [true, false, true][r]!, 'boolean', 'asc')).toEqual([1, 0, 2]);
  });
});

describe('cell text', () => {
  it('formats numbers with printf formats and plain defaults', () => {
    expect(cellText(1234.5, 'number', { label: 'p', type: 'number', format: '$%.2f' })).toBe('$1234.50');
    expect(cellText(7.5, 'number', { label: 'p', type: 'number', format: '%d' })).toBe('7');
    expect(cellText(1 / 3, 'number', auto('p'))).toBe('0.3333');
    expect(cellText(42, 'number', auto('p'))).toBe('42');
    expect(cellText(null, 'number', auto('p'))).toBe('');
    // Streamlit's named formats.
    expect(cellText(-1234.5, 'number', { label: 'p', type: 'number', format: 'dollar' })).toBe('-$1,234.50');
    expect(cellText(0.256, 'number', { label: 'p', type: 'number', format: 'percent' })).toBe('25.60%');
    expect(cellText(-3, 'number', { label: 'p', type: 'number', format: 'accounting' })).toBe('(3.00)');
    expect(cellText(Date.UTC(2024, 0, 2), 'datetime', { label: 't', type: 'datetime', format: 'iso8601' })).toBe('2024-01-02T00:00:00.000Z');
  });

  it('formats times in UTC with date patterns', () => {
    const t = Date.UTC(2024, 2, 5, 14, 7, 9);
    expect(formatDate(t, 'MMM D, YYYY HH:mm')).toBe('Mar 5, 2024 14:07');
    expect(cellText(t, 'datetime', auto('t'))).toBe('2024-03-05 14:07:09');
    expect(cellText(t, 'datetime', { label: 't', type: 'date' })).toBe('2024-03-05');
    expect(editText(t, 'datetime', { label: 't', type: 'date' })).toBe('2024-03-05');
  });

  it('reads typed text as a cell of the column\'s kind, refusing what does not fit', () => {
    const bounded: GridColumn = { label: 'n', type: 'number', min: 0, max: 10 };
    expect(parseCell('4.5', 'number', bounded)).toEqual({ ok: true, value: 4.5 });
    expect(parseCell('11', 'number', bounded)).toMatchObject({ ok: false });
    expect(parseCell('abc', 'number', bounded)).toMatchObject({ ok: false });
    expect(parseCell('', 'number', bounded)).toEqual({ ok: true, value: null });
    expect(parseCell('2024-03-05', 'datetime', auto('d'))).toEqual({ ok: true, value: Date.UTC(2024, 2, 5) });
    expect(parseCell('hello', 'text', auto('s'))).toEqual({ ok: true, value: 'hello' });
  });
});

describe('the edit state', () => {
  const data: TableData = { rowCount: 3, columns: [{ name: 'n', kind: 'number', values: [1, 2, 3] }] };
  const empty: DataEditorValue = { edited_rows: {}, added_rows: [], deleted_rows: [] };

  it('records cell edits, added rows and deleted rows as Streamlit does', () => {
    let state = withCell(empty, 3, 1, 'n', 20);
    state = withAddedRow(state);
    state = withCell(state, 3, 3, 'n', 99);
    state = withDeletedRow(state, 3, 0);
    expect(state).toEqual({ edited_rows: { '1': { n: 20 } }, added_rows: [{ n: 99 }], deleted_rows: [0] });
    expect(shownRows(state, 3)).toEqual([1, 2, 3]);
    expect([1, 2, 3].map((row) => editedCell(state, data, row, 0))).toEqual([20, 3, 99]);
    expect(withDeletedRow(state, 3, 3).added_rows).toEqual([]);
  });
});

describe('the grid markup', () => {
  const n = 100_000;
  const data: TableData = {
    rowCount: n,
    columns: [
      { name: 'id', kind: 'number', values: Array.from({ length: n }, (_, i) => i) },
      { name: 'ok', kind: 'boolean', values: Array.from({ length: n }, (_, i) => i % 2 === 0) },
    ],
  };
  const render = (hideIndex: boolean) =>
    renderToStaticMarkup(
      <Grid
        label="Data table"
        data={data}
        columns={[auto('id'), { label: 'OK?', type: 'checkbox', help: 'even rows' }]}
        useContainerWidth={false}
        hideIndex={hideIndex}
        rows={Array.from({ length: n }, (_, i) => i)}
        cell={(row, col) => data.columns[col]!.values[row]!}
      />,
    );

  it('is an ARIA grid that counts every row but draws only the first screen', () => {
    const html = render(false);
    expect(html).toContain('role="grid"');
    expect(html).toContain(`aria-rowcount="${n + 1}"`);
    expect(html).toContain('aria-colcount="3"');
    expect(html.match(/role="row"/g)!.length).toBeLessThan(30);
    expect(html).toContain('aria-rowindex="2"');
    expect(html).not.toContain(`aria-rowindex="${n + 1}"`);
    expect(html).toContain('aria-sort="none"');
    expect(html).toContain('aria-label="Resize column OK?"');
    expect(html).toContain('title="even rows"');
    expect(html.match(/role="rowheader"/g)!.length).toBeGreaterThan(5);
  });

  it('leaves the index column out with hide_index', () => {
    const html = render(true);
    expect(html).not.toContain('role="rowheader"');
    expect(html).toContain('aria-colcount="2"');
  });
});
