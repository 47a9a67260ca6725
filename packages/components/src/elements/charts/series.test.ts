import { describe, expect, it } from 'vitest';
import type { ChartElement } from '@mini-st/protocol';
import { describeChart, PALETTE, prepareChart, valueRange } from './series.js';

type Over = Partial<Omit<ChartElement, 'data'>> & Partial<ChartElement['data']>;

/** A chart element; `x` and `series` go into its data. */
function chart({ x, series, ...over }: Over = {}): ChartElement {
  const el: ChartElement = {
    type: 'chart',
    kind: 'line',
    data: {
      x: { kind: 'number', count: 3, values: [1, 2, 3] },
      series: [
        { name: 'a', values: [1, 2, null] },
        { name: 'b', values: [3, 4, 5] },
      ],
    },
    digest: 'd',
    xLabel: 'day',
    yLabel: '',
    useContainerWidth: true,
    stack: 'layered',
    horizontal: false,
    ...over,
  };
  return { ...el, data: { x: x ?? el.data.x, series: series ?? el.data.series } };
}

describe('prepareChart', () => {
  it('draws lines as given, coloured from the theme palette unless the script chose a colour', () => {
    const light = prepareChart(chart({ series: [{ name: 'a', values: [1, 2, 3] }, { name: 'b', values: [3, 4, 5], color: '#123456' }] }), 'light');
    expect(light.tops).toEqual([[1, 2, 3], [3, 4, 5]]);
    expect(light.bottoms).toBeNull();
    expect(light.colors).toEqual([PALETTE.light[0], '#123456']);
    expect(prepareChart(chart(), 'dark').colors).toEqual([PALETTE.dark[0], PALETTE.dark[1]]);
  });

  it('makes the row numbers of an index x, which travel as a count only', () => {
    expect(prepareChart(chart({ x: { kind: 'index', count: 3, values: [] } }), 'light').x).toEqual([0, 1, 2]);
  });

  it('stacks areas and bars, a gap counting as zero, and keeps the raw values for the legend', () => {
    const p = prepareChart(chart({ kind: 'bar', stack: 'zero' }), 'light');
    expect(p.bottoms).toEqual([[0, 0, 0], [1, 2, 0]]);
    expect(p.tops).toEqual([[1, 2, 0], [4, 6, 5]]);
    expect(p.raw).toEqual([[1, 2, null], [3, 4, 5]]);
    expect(p.percent).toBe(false);
  });

  it('normalizes stacks to fractions of each x', () => {
    const p = prepareChart(chart({ kind: 'area', stack: 'normalize' }), 'light');
    expect(p.tops.at(-1)).toEqual([1, 1, 1]);
    expect(p.tops[0]).toEqual([0.25, 2 / 6, 0]);
    expect(p.percent).toBe(true);
  });

  it('centres a streamgraph around zero', () => {
    const p = prepareChart(chart({ kind: 'area', stack: 'center' }), 'light');
    expect(p.bottoms![0]).toEqual([-2, -3, -2.5]);
    expect(p.tops.at(-1)).toEqual([2, 3, 2.5]);
  });

  it('does not stack grouped or layered bars', () => {
    expect(prepareChart(chart({ kind: 'bar', stack: 'grouped' }), 'light').bottoms).toBeNull();
    expect(prepareChart(chart({ kind: 'bar', stack: 'layered' }), 'light').bottoms).toBeNull();
  });

  it('prepares 100,000 stacked points without per-point objects', () => {
    const n = 100_000;
    const values = Array.from({ length: n }, (_, i) => i % 7);
    const p = prepareChart(chart({ kind: 'area', stack: 'zero', x: { kind: 'index', count: n, values: [] }, series: [{ name: 'a', values }, { name: 'b', values }] }), 'light');
    expect(p.tops[1]![n - 1]).toBe(2 * ((n - 1) % 7));
  });
});

describe('valueRange', () => {
  it('spans what is drawn, with zero for areas and bars', () => {
    const p = prepareChart(chart({ series: [{ name: 'a', values: [5, 7, null] }] }), 'light');
    expect(valueRange(p, false)).toEqual([5, 7]);
    expect(valueRange(p, true)).toEqual([0, 7]);
    expect(valueRange(prepareChart(chart({ series: [] }), 'light'), false)).toEqual([0, 1]);
  });
});

describe('describeChart', () => {
  it('names the kind, the series, the x axis and the number of points', () => {
    expect(describeChart(chart())).toBe('Line chart of a and b by day, 3 points');
    expect(describeChart(chart({ kind: 'bar', horizontal: true, xLabel: '', x: { kind: 'index', count: 1, values: [] } }))).toBe('Horizontal bar chart of a and b by row, 1 point');
    const many = Array.from({ length: 6 }, (_, i) => ({ name: `s${i}`, values: [] }));
    expect(describeChart(chart({ kind: 'scatter', series: many }))).toBe('Scatter chart of 6 series by day, 3 points');
  });
});
