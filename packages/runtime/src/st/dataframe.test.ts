import { describe, expect, it } from 'vitest';
import type { DataframeElement } from '@mini-st/protocol';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';
import { resolveColumns } from './column-config.js';
import type { DataframeOptions } from './dataframe.js';
import { toTableData } from './tabular.js';

const rows = [
  { city: 'Oslo', temp: 3.5, sunny: false, id: 7 },
  { city: 'Lima', temp: 19.25, sunny: true, id: 8 },
];

describe('st.dataframe', () => {
  it('sends the data column by column with a digest, and applies column_config and column_order', async () => {
    const h = runnerHarness(() => {
      st.dataframe(rows, {
        column_config: {
          temp: st.column_config.NumberColumn('Temperature', { format: '%.1f °C', min_value: -50, width: 'small', help: 'in the shade' }),
          city: 'City',
          id: null,
        },
        column_order: ['temp', 'city', 'id'],
        hide_index: true,
        height: 300,
      });
    });
    const run = await h.rerun();
    const element = run.elements[0] as DataframeElement;
    expect(element).toMatchObject({ type: 'dataframe', hideIndex: true, height: 300, useContainerWidth: false });
    expect(element.data).toEqual({
      rowCount: 2,
      columns: [
        { name: 'temp', kind: 'number', values: [3.5, 19.25] },
        { name: 'city', kind: 'text', values: ['Oslo', 'Lima'] },
      ],
    });
    expect(element.columns).toEqual([
      { label: 'Temperature', type: 'number', format: '%.1f °C', min: -50, width: 'small', help: 'in the shade' },
      { label: 'City', type: 'auto' },
    ]);
    expect(element.digest).toMatch(/^[\w-]{20,}$/);
  });

  it('gives equal data an equal digest and changed data another', async () => {
    let value = 1;
    const h = runnerHarness(() => st.dataframe({ a: [value, 2, 3] }));
    const first = (await h.rerun()).elements[0] as DataframeElement;
    const again = (await h.rerun()).elements[0] as DataframeElement;
    value = 5;
    const changed = (await h.rerun()).elements[0] as DataframeElement;
    expect(again.digest).toBe(first.digest);
    expect(changed.digest).not.toBe(first.digest);
  });

  it('reads rows with column names', async () => {
    const h = runnerHarness(() => st.dataframe([[1, 'a'], [2, 'b']], { columns: ['n', 's'] }));
    const element = (await h.rerun()).elements[0] as DataframeElement;
    expect(element.data.columns.map((c) => [c.name, c.kind])).toEqual([['n', 'number'], ['s', 'text']]);
  });

  it('refuses a bad height, a config for a missing column, and a NumberColumn over text', async () => {
    const h = runnerHarness(() => {
      const attempts: DataframeOptions[] = [
        { height: -1 },
        { column_config: { nope: 'x' } },
        { column_config: { city: st.column_config.NumberColumn('City') } },
        { column_config: { temp: st.column_config.Column('T', { width: 'huge' as never }) } },
        { column_order: ['temp', 'ghost'] },
      ];
      for (const options of attempts) {
        try {
          st.dataframe(rows, options);
        } catch (error) {
          st.write((error as { code: string }).code);
        }
      }
    });
    const run = await h.rerun();
    expect(run.elements.map((e) => (e.type === 'markdown' ? e.body : e.type))).toEqual([
      'MST_ERR_INVALID_ARGUMENT',
      'MST_ERR_COLUMN_CONFIG',
      'MST_ERR_COLUMN_CONFIG',
      'MST_ERR_COLUMN_CONFIG',
      'MST_ERR_INVALID_ARGUMENT',
    ]);
  });
});

describe('resolveColumns', () => {
  it('gives an all-empty column the kind its config asks for', () => {
    const table = toTableData([{ a: null }, { a: null }], 'data_editor');
    const { data } = resolveColumns(table, 'data_editor', { column_config: { a: { type: 'number', label: 'A' } } });
    expect(data.columns[0]!.kind).toBe('number');
  });
});

describe('st.table', () => {
  it('draws every row as text with the row index first', async () => {
    const h = runnerHarness(() => st.table([{ name: 'Ada', born: 1815, when: new Date(Date.UTC(2020, 0, 2)) }, { name: 'Alan', born: null }]));
    const run = await h.rerun();
    expect(run.elements[0]).toEqual({
      type: 'table',
      columns: ['', 'name', 'born', 'when'],
      rows: [
        ['0', 'Ada', '1815', '2020-01-02T00:00:00.000Z'],
        ['1', 'Alan', '', ''],
      ],
    });
  });
});
