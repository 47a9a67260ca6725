import { describe, expect, it } from 'vitest';
import { MiniStError } from '../errors.js';
import { isCssColor, shapeChart, type ChartDataOptions, type ChartKind } from './chart-data.js';
import { toTableData, type TabularData } from './tabular.js';

const shape = (data: TabularData, options: ChartDataOptions = {}, kind: ChartKind = 'line') =>
  shapeChart('line_chart', kind, toTableData(data, 'line_chart'), options);

function thrown(fn: () => unknown): MiniStError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MiniStError) return error;
    throw error;
  }
  throw new Error('expected a MiniStError');
}

describe('shapeChart: x and y', () => {
  it('uses the row number as x and every numeric column as y when neither is given', () => {
    const chart = shape({ a: [1, 2, 3], label: ['x', 'y', 'z'], b: [4, 5, 6] });
    expect(chart.x).toEqual({ kind: 'index', count: 3, values: [] });
    expect(chart.series).toEqual([
      { name: 'a', values: [1, 2, 3] },
      { name: 'b', values: [4, 5, 6] },
    ]);
    expect([chart.xLabel, chart.yLabel]).toEqual(['', '']);
  });

  it('takes x and one y column by name, and titles the axes after them', () => {
    const chart = shape([{ day: 1, sales: 10, costs: 3 }, { day: 2, sales: 12, costs: 4 }], { x: 'day', y: 'sales' });
    expect(chart.x).toEqual({ kind: 'number', count: 2, values: [1, 2] });
    expect(chart.series).toEqual([{ name: 'sales', values: [10, 12] }]);
    expect([chart.xLabel, chart.yLabel]).toEqual(['day', 'sales']);
  });

  it('leaves the x and color columns out of the default y', () => {
    const chart = shape({ t: [1, 2], a: [3, 4], g: [5, 6] }, { x: 't', color: 'g' });
    expect(chart.series.map((s) => s.name)).toEqual(['5', '6']);
    expect(chart.yLabel).toBe('a');
  });

  it('sorts rows by x and keeps nulls as gaps, leaving out rows without an x', () => {
    const chart = shape({ x: [3, 1, null, 2], y: [30, 10, 99, null] }, { x: 'x' });
    expect(chart.x.values).toEqual([1, 2, 3]);
    expect(chart.series[0]!.values).toEqual([10, null, 30]);
  });

  it('sends dates as milliseconds and text as sorted categories', () => {
    const dates = shape({ when: [new Date('2024-01-02T00:00:00Z'), new Date('2024-01-01T00:00:00Z')], v: [2, 1] }, { x: 'when' });
    expect(dates.x).toEqual({ kind: 'datetime', count: 2, values: [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)] });
    expect(dates.series[0]!.values).toEqual([1, 2]);
    const fruit = shape({ fruit: ['pear', 'apple'], n: [5, 3] }, { x: 'fruit' }, 'bar');
    expect(fruit.x).toEqual({ kind: 'category', count: 2, values: [0, 1], categories: ['apple', 'pear'] });
    expect(fruit.series[0]!.values).toEqual([3, 5]);
  });

  it('keeps a line point per row when x repeats, and sums repeated x for bars', () => {
    expect(shape({ x: [1, 1, 2], y: [1, 2, 3] }, { x: 'x' }).x.values).toEqual([1, 1, 2]);
    const bars = shape({ x: ['a', 'a', 'b'], y: [1, 2, 3] }, { x: 'x' }, 'bar');
    expect(bars.series[0]!.values).toEqual([3, 3]);
  });

  it('takes x_label and y_label over the column names', () => {
    const chart = shape({ x: [1], y: [2] }, { x: 'x', y: ['y'], x_label: 'Time', y_label: 'Value' });
    expect([chart.xLabel, chart.yLabel]).toEqual(['Time', 'Value']);
  });
});

describe('shapeChart: color', () => {
  it('draws one series per distinct value of a color column, aligned on shared x values', () => {
    const rows = [
      { d: 1, v: 10, s: 'b' },
      { d: 1, v: 20, s: 'a' },
      { d: 2, v: 11, s: 'b' },
      { d: 3, v: 21, s: 'a' },
    ];
    const chart = shape(rows, { x: 'd', y: 'v', color: 's' });
    expect(chart.x.values).toEqual([1, 2, 3]);
    expect(chart.series).toEqual([
      { name: 'a', values: [20, null, 21] },
      { name: 'b', values: [10, 11, null] },
    ]);
  });

  it('gives a repeated x of one group a slot of its own rather than dropping a point', () => {
    const chart = shape({ x: [1, 1, 1], y: [1, 2, 3], g: ['a', 'a', 'b'] }, { x: 'x', y: 'y', color: 'g' }, 'scatter');
    expect(chart.x.values).toEqual([1, 1]);
    expect(chart.series).toEqual([
      { name: 'a', values: [1, 2] },
      { name: 'b', values: [null, 3] },
    ]);
  });

  it('takes a colour, or a list of colours, for the y columns', () => {
    expect(shape({ a: [1] }, { color: '#ff0000' }).series[0]!.color).toBe('#ff0000');
    const two = shape({ a: [1], b: [2] }, { color: ['#f00', 'rgb(0, 0, 255)'] });
    expect(two.series.map((s) => s.color)).toEqual(['#f00', 'rgb(0, 0, 255)']);
  });

  it('refuses a colour list whose length differs from the y columns', () => {
    const error = thrown(() => shape({ a: [1], b: [2] }, { color: '#f00' }));
    expect(error.code).toBe('MST_ERR_INVALID_ARGUMENT');
    expect(error.message).toContain('1 colour(s) for 2 y column(s)');
  });

  it('refuses a color column with several y columns', () => {
    const error = thrown(() => shape({ a: [1], b: [2], g: ['x'] }, { y: ['a', 'b'], color: 'g' }));
    expect(error.message).toContain('y must be one column');
  });

  it('reads a word that is neither a column nor a colour as a missing column', () => {
    const error = thrown(() => shape({ a: [1] }, { color: 'grup' }));
    expect(error.code).toBe('MST_ERR_CHART_COLUMN');
    expect(error.message).toBe('st.line_chart: color names the column "grup", which the data does not have (its columns: "a").');
  });
});

describe('shapeChart: errors and size', () => {
  it('names the missing column and the option that named it', () => {
    const error = thrown(() => shape({ a: [1], b: [2] }, { x: 'a', y: ['b', 'c'] }));
    expect(error.code).toBe('MST_ERR_CHART_COLUMN');
    expect(error.message).toBe('st.line_chart: y names the column "c", which the data does not have (its columns: "a", "b").');
    expect(thrown(() => shape({ a: [1] }, { x: 'when' })).message).toContain('x names the column "when"');
  });

  it('refuses a y column of text', () => {
    const error = thrown(() => shape({ a: ['x'] }, { y: 'a' }));
    expect(error.message).toContain('y column "a" holds text, not numbers');
  });

  it('says when there is nothing numeric to draw', () => {
    expect(thrown(() => shape({ a: ['x'] })).message).toContain('no numeric column to draw');
  });

  it('draws nothing for no data', () => {
    expect(shapeChart('line_chart', 'line', toTableData(null, 'line_chart'))).toEqual({ x: { kind: 'index', count: 0, values: [] }, series: [], xLabel: '', yLabel: '' });
  });

  it('takes a size number or a size column for scatter charts, and refuses size elsewhere', () => {
    expect(shape({ a: [1] }, { size: 50 }, 'scatter').size).toBe(50);
    const sized = shape({ x: [2, 1], y: [3, 4], s: [10, 20] }, { x: 'x', y: 'y', size: 's' }, 'scatter');
    expect(sized.series).toEqual([{ name: 'y', values: [4, 3], sizes: [20, 10] }]);
    expect(thrown(() => shape({ a: [1] }, { size: 5 }, 'line')).message).toContain('size applies to scatter charts only');
    expect(thrown(() => shape({ a: [1] }, { size: 'big' }, 'scatter')).code).toBe('MST_ERR_CHART_COLUMN');
  });

  it('shapes 100,000 rows into flat arrays', () => {
    const n = 100_000;
    const chart = shape({ t: Float64Array.from({ length: n }, (_, i) => i), v: Float64Array.from({ length: n }, (_, i) => Math.sin(i)) }, { x: 't' });
    expect(chart.x.values).toHaveLength(n);
    expect(chart.series[0]!.values[n - 1]).toBeCloseTo(Math.sin(n - 1));
  });
});

describe('isCssColor', () => {
  it('knows hex, rgb and hsl colours from words', () => {
    expect(['#abc', '#aabbcc', '#aabbccdd', 'rgb(1,2,3)', 'rgba(1, 2, 3, 0.5)', 'hsl(120 50% 50%)'].every(isCssColor)).toBe(true);
    expect(['red', 'group', '#abcde', 'rgb(1,2,3);x'].some(isCssColor)).toBe(false);
  });
});
