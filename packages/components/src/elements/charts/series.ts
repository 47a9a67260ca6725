/**
 * What a built-in chart draws, prepared from its element without touching the DOM or uPlot (so
 * it is tested in Node): the stacked arrays (stacks are computed here, once per element, over
 * flat number arrays: no per-point objects), each series' colour from the theme's palette, the
 * y range, and the accessible description. `uplot-chart.tsx` hands the result to uPlot.
 */
import type { ChartElement } from '@mini-st/protocol';

/** Streamlit's categorical palettes (light and dark), so charts look as Streamlit users expect. */
export const PALETTE = {
  light: ['#0068c9', '#83c9ff', '#ff2b2b', '#ffabab', '#29b09d', '#7defa1', '#ff8700', '#ffd16a', '#6d3fc0', '#d5dae5'],
  dark: ['#83c9ff', '#0068c9', '#ff2b2b', '#ffabab', '#7defa1', '#29b09d', '#ffd16a', '#ff8700', '#6d3fc0', '#d5dae5'],
} as const;

export interface PreparedChart {
  /** The x values. */
  x: number[];
  /** Per series: the top edge drawn (the stacked value, or the value itself). */
  tops: (number | null)[][];
  /** Per series: the bottom edge of its area or bar (the stack below it, or the baseline). */
  bottoms: (number | null)[][] | null;
  /** Per series, as the script gave it: what the legend and tooltip show. */
  raw: (number | null)[][];
  colors: string[];
  names: string[];
  /** y values are fractions of the stack (shown as percentages). */
  percent: boolean;
}

/**
 * Stacks and colours `el`'s series for the theme `scheme`.
 *
 * @example
 * prepareChart({ ...el, kind: 'bar', stack: 'zero' }, 'light').tops; // running sums, series by series
 */
export function prepareChart(el: ChartElement, scheme: 'light' | 'dark'): PreparedChart {
  const palette = PALETTE[scheme];
  const x = xValues(el);
  const raw = el.data.series.map((s) => s.values);
  const colors = el.data.series.map((s, i) => s.color ?? palette[i % palette.length]!);
  const names = el.data.series.map((s) => s.name);
  const stacked = (el.kind === 'area' || el.kind === 'bar') && el.stack !== 'layered' && el.stack !== 'grouped';
  if (!stacked) return { x, tops: raw, bottoms: null, raw, colors, names, percent: false };

  const n = x.length;
  const base = new Float64Array(n);
  if (el.stack === 'normalize' || el.stack === 'center') {
    // normalize: every x sums to 1; center: the stack sits around zero (a streamgraph).
    const totals = new Float64Array(n);
    for (const values of raw) for (let i = 0; i < n; i++) totals[i] = totals[i]! + Math.abs(values[i] ?? 0);
    if (el.stack === 'center') for (let i = 0; i < n; i++) base[i] = -totals[i]! / 2;
    else {
      const scaled = raw.map((values) => values.map((v, i) => (v === null ? null : Math.abs(v) / (totals[i] || 1))));
      return { x, ...stackUp(scaled, base), raw, colors, names, percent: true };
    }
  }
  return { x, ...stackUp(raw, base), raw, colors, names, percent: false };
}

/** The x values: sent, or for the row number (`index`) made here, 0 … count - 1. */
function xValues(el: ChartElement): number[] {
  if (el.data.x.kind !== 'index') return el.data.x.values;
  const x = new Array<number>(el.data.x.count);
  for (let i = 0; i < x.length; i++) x[i] = i;
  return x;
}

/** Running sums from `base`: each series starts where the one before it ended. */
function stackUp(series: (number | null)[][], base: Float64Array): { tops: (number | null)[][]; bottoms: (number | null)[][] } {
  const level = Float64Array.from(base);
  const tops: (number | null)[][] = [];
  const bottoms: (number | null)[][] = [];
  for (const values of series) {
    const top = new Array<number | null>(values.length);
    const bottom = new Array<number | null>(values.length);
    for (let i = 0; i < values.length; i++) {
      bottom[i] = level[i]!;
      level[i] = level[i]! + (values[i] ?? 0);
      top[i] = level[i]!;
    }
    tops.push(top);
    bottoms.push(bottom);
  }
  return { tops, bottoms };
}

/** [min, max] of what is drawn, with the baseline 0 in it for areas and bars. */
export function valueRange(prepared: PreparedChart, includeZero: boolean): [number, number] {
  let min = includeZero ? 0 : Infinity;
  let max = includeZero ? 0 : -Infinity;
  for (const list of [...prepared.tops, ...(prepared.bottoms ?? [])]) {
    for (const v of list) {
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min === Infinity) return [0, 1];
  if (min === max) return [min - 1, max + 1];
  return [min, max];
}

const KIND_NAMES = { line: 'Line chart', area: 'Area chart', bar: 'Bar chart', scatter: 'Scatter chart' } as const;

/**
 * The chart's accessible name: its kind, what it shows against what, and how many points.
 *
 * @example
 * describeChart(el); // "Line chart of sales and costs by day, 3 points"
 */
export function describeChart(el: ChartElement): string {
  const names = el.data.series.map((s) => s.name);
  const what = names.length === 0 ? 'no data' : names.length <= 4 ? listed(names) : `${names.length} series`;
  const by = el.xLabel ? ` by ${el.xLabel}` : el.data.x.kind === 'index' ? ' by row' : '';
  const points = el.data.x.count;
  return `${el.horizontal ? 'Horizontal bar chart' : KIND_NAMES[el.kind]} of ${what}${by}, ${points.toLocaleString('en-US')} point${points === 1 ? '' : 's'}`;
}

function listed(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
