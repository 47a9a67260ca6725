import { describe, expect, it } from 'vitest';
import { toTableData } from './tabular.js';

describe('toTableData', () => {
  it('reads an array of records with columns in first-seen key order', () => {
    const table = toTableData([{ a: 1, b: 'x' }, { b: 'y', c: true }], 'dataframe');
    expect(table.rowCount).toBe(2);
    expect(table.columns).toEqual([
      { name: 'a', kind: 'number', values: [1, null] },
      { name: 'b', kind: 'text', values: ['x', 'y'] },
      { name: 'c', kind: 'boolean', values: [null, true] },
    ]);
  });

  it('reads an object of columns, typed arrays included, padding short columns with null', () => {
    const table = toTableData({ x: new Float64Array([1, 2, 3]), label: ['a', 'b'] }, 'line_chart');
    expect(table.rowCount).toBe(3);
    expect(table.columns[0]).toEqual({ name: 'x', kind: 'number', values: [1, 2, 3] });
    expect(table.columns[1]).toEqual({ name: 'label', kind: 'text', values: ['a', 'b', null] });
  });

  it('reads an array of rows with the given column names', () => {
    const table = toTableData([['Oslo', 3], ['Rome', 14]], 'dataframe', ['city', 'temp']);
    expect(table.columns.map((c) => [c.name, c.kind])).toEqual([['city', 'text'], ['temp', 'number']]);
    expect(table.columns[1]!.values).toEqual([3, 14]);
  });

  it('turns dates into epoch milliseconds, bigints into numbers, objects into JSON text', () => {
    const when = new Date(Date.UTC(2026, 0, 2));
    const table = toTableData({ when: [when], big: [10n], obj: [{ k: [1] }] }, 'dataframe');
    expect(table.columns).toEqual([
      { name: 'when', kind: 'datetime', values: [when.getTime()] },
      { name: 'big', kind: 'number', values: [10] },
      { name: 'obj', kind: 'json', values: ['{"k":[1]}'] },
    ]);
  });

  it('makes a mixed column text and non-finite numbers empty', () => {
    const table = toTableData({ m: [1, 'two', true], n: [Number.NaN, 2] }, 'dataframe');
    expect(table.columns[0]).toEqual({ name: 'm', kind: 'text', values: ['1', 'two', 'true'] });
    expect(table.columns[1]!.values).toEqual([null, 2, null]);
  });

  it('names a single column of plain values "value"', () => {
    expect(toTableData([3, 1, 2], 'bar_chart').columns).toEqual([{ name: 'value', kind: 'number', values: [3, 1, 2] }]);
  });

  it('refuses shapes it cannot read, naming the function', () => {
    expect(() => toTableData({ a: 5 } as never, 'dataframe')).toThrow(/dataframe.*column "a" must be an array/s);
    expect(() => toTableData('nope' as never, 'table')).toThrow(/table.*array of records/s);
    expect(() => toTableData([{ a: 1 }, [1]] as never, 'dataframe')).toThrow(/mixes rows/);
  });
});
