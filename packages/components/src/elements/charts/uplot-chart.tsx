/**
 * The built-in charts drawn with uPlot (a lazy chunk: loaded the first time a chart is shown).
 * uPlot draws on a canvas from flat arrays and thins lines to the pixel columns it has, so 100,000
 * points cost one pass, not 100,000 React nodes. Areas, bars and points use small path builders
 * of ours over the arrays `series.ts` prepared (stacks included). The legend under the chart shows
 * each series' value under the cursor (uPlot's live legend): the chart's tooltip. The plot is
 * rebuilt when the element or the theme changes and resized with its container.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import type { ChartElement } from '@mini-st/protocol';
import { describeChart, prepareChart, valueRange, type PreparedChart } from './series.js';
import { readTheme, useThemeKey, withAlpha, type ChartTheme } from './theme.js';

/** The plot's height when the script gives none (charts.tsx reserves it while this chunk loads). */
const DEFAULT_HEIGHT = 350;

/** Draws a `chart` element. */
export default function UplotChart({ el }: { el: ChartElement }) {
  const box = useRef<HTMLDivElement>(null);
  const themeKey = useThemeKey();
  const label = useMemo(() => describeChart(el), [el]);

  useEffect(() => {
    const node = box.current;
    if (!node) return;
    const theme = readTheme();
    const prepared = prepareChart(el, theme.scheme);
    const height = el.height ?? DEFAULT_HEIGHT;
    const width = () => Math.max(120, el.useContainerWidth || el.width === undefined ? node.clientWidth : Math.min(el.width, node.clientWidth || el.width));
    const plot = new uPlot(plotOptions(el, prepared, theme, width(), height), [prepared.x, ...prepared.tops] as uPlot.AlignedData, node);
    plot.root.querySelector('.u-over')?.setAttribute('aria-hidden', 'true');
    let last = width();
    const resize = new ResizeObserver(() => {
      const next = width();
      if (next !== last) plot.setSize({ width: (last = next), height });
    });
    resize.observe(node);
    node.dataset.drawn = 'true';
    return () => {
      resize.disconnect();
      plot.destroy();
      delete node.dataset.drawn;
    };
  }, [el, themeKey]);

  return (
    <figure className="st-chart" role="figure" aria-label={label}>
      <div ref={box} className="st-chart-plot" />
    </figure>
  );
}

function plotOptions(el: ChartElement, prepared: PreparedChart, theme: ChartTheme, width: number, height: number): uPlot.Options {
  const bars = el.kind === 'bar';
  const dx = smallestStep(prepared.x);
  const xs = prepared.x;
  const categories = el.data.x.categories;
  // Vega-Lite (so Streamlit) puts zero on a quantitative y axis by default, for every mark.
  const [low, high] = valueRange(prepared, true);
  const pad = (high - low) * 0.05;
  const axis = (label: string): uPlot.Axis => ({
    stroke: theme.muted,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 },
    font: `12px ${theme.font}`,
    labelFont: `600 13px ${theme.font}`,
    label: label || undefined,
    labelSize: label ? 24 : 0,
  });
  const xAxis = axis(el.xLabel);
  if (categories) {
    xAxis.splits = (u) => xs.filter((v) => v >= (u.scales.x!.min ?? -Infinity) && v <= (u.scales.x!.max ?? Infinity));
    xAxis.values = (_u, splits) => splits.map((v) => categories[v] ?? '');
  }
  const yAxis = axis(el.yLabel);
  if (prepared.percent) yAxis.values = (_u, splits) => splits.map((v) => `${Math.round(v * 100)} %`);
  if (el.horizontal) {
    xAxis.side = 3;
    yAxis.side = 2;
  }

  const xMin = xs.length ? xs[0]! : 0;
  const xMax = xs.length ? xs[xs.length - 1]! : 1;
  // Bars and categories get half a slot each side; points a margin so edge points are whole.
  const margin = el.kind === 'scatter' ? (xMax - xMin) * 0.03 : 0;
  const xRange: uPlot.Range.MinMax =
    bars || categories ? [xMin - dx / 2, xMax + dx / 2] : xMin === xMax ? [xMin - 1, xMax + 1] : [xMin - margin, xMax + margin];
  const grouped = bars && el.stack === 'grouped';

  return {
    width,
    height,
    ...(el.data.x.kind === 'datetime' ? { ms: 1 as const } : {}),
    scales: {
      x: { time: el.data.x.kind === 'datetime', ori: el.horizontal ? 1 : 0, dir: el.horizontal ? -1 : 1, range: () => xRange },
      // Padded away from the data, never below a zero baseline the data sits on.
      y: { ori: el.horizontal ? 0 : 1, range: () => [low < 0 ? low - pad : low, high > 0 ? high + pad : high] },
    },
    axes: [xAxis, yAxis],
    legend: { live: true, markers: { width: 0, fill: (_u, si) => prepared.colors[si - 1] ?? theme.muted } },
    cursor: { points: { size: 7 }, drag: { x: false, y: false } },
    series: [
      { label: el.xLabel || (el.data.x.kind === 'index' ? 'row' : 'x'), value: (_u, v) => formatX(el, v) },
      ...prepared.names.map((name, i): uPlot.Series => {
        const color = prepared.colors[i]!;
        const value = (_u: uPlot, _v: number | null, _si: number, idx: number | null) => (idx === null ? '–' : formatNumber(prepared.raw[i]![idx] ?? null));
        if (el.kind === 'line') return { label: name, stroke: color, width: 2, spanGaps: true, points: { show: false }, value };
        if (el.kind === 'area') {
          const layered = prepared.bottoms === null;
          return { label: name, stroke: color, width: 2, fill: withAlpha(color, layered ? 0.4 : 0.7), points: { show: false }, paths: areaPaths(prepared, i), value };
        }
        if (el.kind === 'bar') {
          return { label: name, stroke: color, fill: withAlpha(color, el.stack === 'layered' ? 0.7 : 1), width: 0, points: { show: false }, paths: barPaths(prepared, i, dx, grouped ? { index: i, count: prepared.names.length } : null, el.horizontal), value };
        }
        const sizes = el.data.series[i]?.sizes;
        return { label: name, stroke: color, fill: withAlpha(color, 0.7), width: 0, points: { show: false }, paths: pointPaths(sizes, el.size ?? 30), value };
      }),
    ],
  };
}

type PathResult = ReturnType<uPlot.Series.PathBuilder>;

function pathResult(stroke: Path2D | null, fill: Path2D | null): PathResult {
  return { stroke, fill, clip: null, band: null, gaps: null, flags: 0 } as unknown as PathResult;
}

/** Filled between the series' top and its bottom (the stack below it, or zero); gaps break it. */
function areaPaths(prepared: PreparedChart, index: number): uPlot.Series.PathBuilder {
  return (u, si, i0, i1) => {
    const xs = u.data[0];
    const tops = u.data[si] as (number | null)[];
    const bottoms = prepared.bottoms?.[index];
    const stroke = new Path2D();
    const fill = new Path2D();
    const x = (i: number) => u.valToPos(xs[i]!, 'x', true);
    const y = (v: number) => u.valToPos(v, 'y', true);
    let run: number[] = [];
    const flush = () => {
      if (!run.length) return;
      run.forEach((i, k) => (k ? stroke.lineTo(x(i), y(tops[i]!)) : stroke.moveTo(x(i), y(tops[i]!))));
      run.forEach((i, k) => (k ? fill.lineTo(x(i), y(tops[i]!)) : fill.moveTo(x(i), y(tops[i]!))));
      for (let k = run.length - 1; k >= 0; k--) fill.lineTo(x(run[k]!), y(bottoms?.[run[k]!] ?? 0));
      fill.closePath();
      run = [];
    };
    for (let i = i0; i <= i1; i++) {
      if (tops[i] === null || tops[i] === undefined) flush();
      else run.push(i);
    }
    flush();
    return pathResult(stroke, fill);
  };
}

/** One rectangle per value, from the stack below it (or zero) to its top; grouped bars share the slot. */
function barPaths(prepared: PreparedChart, index: number, dx: number, group: { index: number; count: number } | null, horizontal: boolean): uPlot.Series.PathBuilder {
  return (u, si, i0, i1) => {
    const xs = u.data[0];
    const tops = u.data[si] as (number | null)[];
    const bottoms = prepared.bottoms?.[index];
    const fill = new Path2D();
    if (!xs.length) return pathResult(null, fill);
    const slot = Math.abs(u.valToPos(xs[0]! + dx, 'x', true) - u.valToPos(xs[0]!, 'x', true));
    const full = Math.max(1, slot * 0.8);
    const size = group ? full / group.count : full;
    const offset = group ? -full / 2 + size * group.index : -full / 2;
    for (let i = i0; i <= i1; i++) {
      const top = tops[i];
      if (top === null || top === undefined) continue;
      const along = u.valToPos(xs[i]!, 'x', true) + offset;
      const from = u.valToPos(bottoms?.[i] ?? 0, 'y', true);
      const to = u.valToPos(top, 'y', true);
      if (horizontal) fill.rect(Math.min(from, to), along, Math.abs(to - from), size);
      else fill.rect(along, Math.min(from, to), size, Math.abs(to - from));
    }
    return pathResult(null, fill);
  };
}

/** A circle per point; `size` is its area in CSS px², as in Vega-Lite. */
function pointPaths(sizes: (number | null)[] | undefined, size: number): uPlot.Series.PathBuilder {
  return (u, si, i0, i1) => {
    const xs = u.data[0];
    const ys = u.data[si] as (number | null)[];
    const fill = new Path2D();
    const ratio = uPlot.pxRatio;
    for (let i = i0; i <= i1; i++) {
      const v = ys[i];
      if (v === null || v === undefined) continue;
      const r = Math.max(0.5, Math.sqrt(Math.max(0, sizes?.[i] ?? size) / Math.PI)) * ratio;
      const cx = u.valToPos(xs[i]!, 'x', true);
      const cy = u.valToPos(v, 'y', true);
      fill.moveTo(cx + r, cy);
      fill.arc(cx, cy, r, 0, 2 * Math.PI);
    }
    return pathResult(null, fill);
  };
}

/** The smallest gap between neighbouring x values (a bar's slot), 1 when there is none. */
function smallestStep(xs: number[]): number {
  let step = Infinity;
  for (let i = 1; i < xs.length; i++) {
    const d = xs[i]! - xs[i - 1]!;
    if (d > 0 && d < step) step = d;
  }
  return Number.isFinite(step) ? step : 1;
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

function formatNumber(v: number | null): string {
  return v === null ? '–' : numberFormat.format(v);
}

function formatX(el: ChartElement, v: number | null): string {
  if (v === null || v === undefined) return '–';
  if (el.data.x.kind === 'category') return el.data.x.categories?.[v] ?? '';
  if (el.data.x.kind === 'datetime') {
    // UTC, as the server sent it: a date alone at midnight, seconds only when there are some.
    const iso = new Date(v).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ').replace(/:00$/, '');
  }
  return formatNumber(v);
}
