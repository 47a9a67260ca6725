/**
 * The charts: `st.line_chart`, `st.area_chart`, `st.bar_chart`, `st.scatter_chart` (Streamlit's
 * built-in charts, reshaped here by `chart-data.ts` into numeric series the page draws with uPlot)
 * and `st.vega_lite_chart` (a Vega-Lite spec the page draws with Vega). Both chart libraries load
 * in the page only when a chart is shown. Attached to `DeltaGenerator` by declaration merging.
 */
import { createHash } from 'node:crypto';
import type { ChartElement, VegaLiteChartElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { shapeChart, type ChartDataOptions, type ChartKind } from './chart-data.js';
import { DeltaGenerator } from './delta-generator.js';
import { toTableData, type TabularData } from './tabular.js';
import { isPlainObject } from './plain-object.js';

/** The options every built-in chart takes (Streamlit's keyword arguments). */
export interface ChartOptions {
  /** Column for the x axis; absent: the row number. */
  x?: string | null;
  /** Column or columns to draw; absent: every other numeric column. */
  y?: string | readonly string[] | null;
  /** Title of the x axis; absent: the x column's name. */
  x_label?: string | null;
  /** Title of the y axis; absent: the y column's name when there is one. */
  y_label?: string | null;
  /**
   * A column name: one series per distinct value of that column (long format). Otherwise a CSS
   * colour ("#ff4b4b", "rgb(…)") for the one y column, or a list of colours, one per y column.
   */
  color?: string | readonly string[] | null;
  /** Width in CSS pixels, used when `use_container_width` is false. */
  width?: number | null;
  /** Height in CSS pixels (default 350). */
  height?: number | null;
  /** Fill the container's width (default true). */
  use_container_width?: boolean;
}

export interface AreaChartOptions extends ChartOptions {
  /** true or absent: stacked; false: overlapping; "normalize": to 100 %; "center": a streamgraph. */
  stack?: boolean | 'normalize' | 'center' | null;
}

export interface BarChartOptions extends ChartOptions {
  /** true or absent: stacked; false: side by side; "layered": overlapping; "normalize"; "center". */
  stack?: boolean | 'normalize' | 'center' | 'layered' | null;
  /** Bars run sideways. */
  horizontal?: boolean;
}

export interface ScatterChartOptions extends ChartOptions {
  /** Point size (area in px²) for every point, or a column of sizes. */
  size?: string | number | null;
}

export interface VegaLiteChartOptions {
  /** Fill the container's width. Default: yes, except for facet, repeat and concat specs. */
  use_container_width?: boolean | null;
  /** "streamlit" (default): the page's colours and fonts, light or dark; null: Vega-Lite's own. */
  theme?: 'streamlit' | null;
}

/** A Vega-Lite spec: any JSON object (https://vega.github.io/vega-lite/docs/spec.html). */
export type VegaLiteSpec = Record<string, unknown>;

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * A line chart. Without `x` the row number is the x axis; without `y` every other numeric
     * column is a line. `color` naming a column draws one line per value of it.
     *
     * @example
     * st.line_chart({ day: [1, 2, 3], sales: [10, 14, 9], costs: [7, 8, 8] }, { x: "day" });
     * st.line_chart(rows, { x: "date", y: "price", color: "symbol" });
     */
    line_chart(data?: TabularData | null, options?: ChartOptions): void;
    /**
     * An area chart: like `line_chart`, filled below the lines, stacked unless `stack: false`.
     *
     * @example
     * st.area_chart({ a: [1, 3, 2], b: [2, 1, 2] }, { stack: "normalize" });
     */
    area_chart(data?: TabularData | null, options?: AreaChartOptions): void;
    /**
     * A bar chart, stacked by default; `stack: false` puts bars side by side, `horizontal: true`
     * turns them sideways. Text x values are categories.
     *
     * @example
     * st.bar_chart([{ fruit: "apple", n: 3 }, { fruit: "pear", n: 5 }], { x: "fruit", y: "n", horizontal: true });
     */
    bar_chart(data?: TabularData | null, options?: BarChartOptions): void;
    /**
     * A scatter chart: one point per row; `size` is a number or a column of sizes.
     *
     * @example
     * st.scatter_chart(points, { x: "height", y: "weight", color: "species", size: "age" });
     */
    scatter_chart(data?: TabularData | null, options?: ScatterChartOptions): void;
    /**
     * A chart from a Vega-Lite spec, drawn by Vega. `data` becomes the spec's dataset; pass null
     * (or the spec alone) when the spec carries its own data.
     *
     * @example
     * st.vega_lite_chart(rows, {
     *   mark: "point",
     *   encoding: { x: { field: "a", type: "quantitative" }, y: { field: "b", type: "quantitative" } },
     * });
     * st.vega_lite_chart({ data: { values: [{ a: 1 }] }, mark: "bar", encoding: { y: { field: "a" } } });
     */
    vega_lite_chart(data: TabularData | VegaLiteSpec | null, spec?: VegaLiteSpec | null, options?: VegaLiteChartOptions): void;
  }
}

function builtInChart(fn: string, kind: ChartKind, data: TabularData | null | undefined, options: ChartOptions & { stack?: unknown; horizontal?: boolean; size?: string | number | null }): ChartElement {
  if (options === null || typeof options !== 'object') invalid(fn, 'options must be an object');
  const { x, series, ...labels } = shapeChart(fn, kind, toTableData(data, fn), options as ChartDataOptions);
  const width = pixels(fn, 'width', options.width);
  const height = pixels(fn, 'height', options.height);
  return {
    type: 'chart',
    kind,
    data: { x, series },
    digest: digestOf([x, ...series]),
    ...labels,
    useContainerWidth: options.use_container_width ?? true,
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    stack: stackMode(fn, kind, options.stack),
    horizontal: kind === 'bar' && options.horizontal === true,
  };
}

DeltaGenerator.prototype.line_chart = function line_chart(this: DeltaGenerator, data, options = {}) {
  this._place('line_chart', builtInChart('line_chart', 'line', data, options));
};
DeltaGenerator.prototype.area_chart = function area_chart(this: DeltaGenerator, data, options = {}) {
  this._place('area_chart', builtInChart('area_chart', 'area', data, options));
};
DeltaGenerator.prototype.bar_chart = function bar_chart(this: DeltaGenerator, data, options = {}) {
  this._place('bar_chart', builtInChart('bar_chart', 'bar', data, options));
};
DeltaGenerator.prototype.scatter_chart = function scatter_chart(this: DeltaGenerator, data, options = {}) {
  this._place('scatter_chart', builtInChart('scatter_chart', 'scatter', data, options));
};

DeltaGenerator.prototype.vega_lite_chart = function vega_lite_chart(this: DeltaGenerator, data, spec, options = {}) {
  this._place('vega_lite_chart', vegaLiteElement(data, spec, options));
};

/**
 * The element of `st.vega_lite_chart`. As in Streamlit, a spec passed alone as the first argument
 * is the spec.
 *
 * @example
 * vegaLiteElement(null, { mark: "bar", data: { values: [{ a: 1 }] }, encoding: { y: { field: "a" } } }, {});
 */
export function vegaLiteElement(data: TabularData | VegaLiteSpec | null | undefined, spec: VegaLiteSpec | null | undefined, options: VegaLiteChartOptions): VegaLiteChartElement {
  const fn = 'vega_lite_chart';
  if ((spec === undefined || spec === null) && isPlainObject(data) && !looksLikeColumns(data)) {
    spec = data;
    data = null;
  }
  if (!isPlainObject(spec)) invalid(fn, 'spec must be a Vega-Lite spec object, e.g. { mark: "bar", encoding: { … } }');
  let text: string;
  try {
    text = JSON.stringify(spec);
  } catch (error) {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail: `spec must be JSON (${(error as Error).message})` }, { cause: error });
  }
  const theme = options.theme === undefined ? 'streamlit' : options.theme;
  if (theme !== 'streamlit' && theme !== null) invalid(fn, `theme must be "streamlit" or null, got ${JSON.stringify(theme)}`);
  // Streamlit fills the container except for compound charts, whose width Vega computes itself.
  const compound = ['facet', 'repeat', 'concat', 'hconcat'].some((key) => key in spec!);
  const table = data === null || data === undefined ? null : toTableData(data as TabularData, fn);
  return {
    type: 'vega_lite_chart',
    spec: text,
    data: table,
    digest: digestOf(table ? [table.rowCount, ...table.columns] : [null]),
    useContainerWidth: options.use_container_width ?? !compound,
    theme,
  };
}

/**
 * A short hash of a chart's data, made here in the script's thread so the session's mirror
 * compares it instead of the data (session/mirror-text.ts). Number arrays are hashed as their
 * 64-bit floats (null as NaN), a few milliseconds for 100,000 points where their JSON would take
 * tens; everything else as JSON.
 *
 * @example
 * digestOf([{ name: "a", values: [1, null] }]) === digestOf([{ name: "a", values: [1, null] }]); // true
 */
export function digestOf(parts: readonly unknown[]): string {
  const hash = createHash('sha1');
  const add = (value: unknown): void => {
    const floats = Array.isArray(value) ? asFloats(value) : undefined;
    if (floats) {
      hash.update(`[${floats.length}]`).update(new Uint8Array(floats.buffer));
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, v] of Object.entries(value)) {
        hash.update(`${JSON.stringify(key)}:`);
        add(v);
      }
      hash.update('}');
    } else {
      hash.update(JSON.stringify(value) ?? 'undefined');
    }
    hash.update('\n');
  };
  for (const part of parts) add(part);
  return hash.digest('base64url');
}

/** The array as 64-bit floats (null as NaN), or undefined when it holds anything but numbers and nulls. */
function asFloats(values: readonly unknown[]): Float64Array | undefined {
  const floats = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') floats[i] = v;
    else if (v === null) floats[i] = NaN;
    else return undefined;
  }
  return floats;
}

/** An object whose every value is an array reads as columns of data, not as a spec. */
function looksLikeColumns(value: Record<string, unknown>): boolean {
  const values = Object.values(value);
  return values.length > 0 && values.every((v) => Array.isArray(v) || ArrayBuffer.isView(v));
}

function stackMode(fn: string, kind: ChartKind, stack: unknown): ChartElement['stack'] {
  if (kind === 'line' || kind === 'scatter') return 'layered';
  if (stack === undefined || stack === null || stack === true) return 'zero';
  if (stack === false) return kind === 'bar' ? 'grouped' : 'layered';
  if (stack === 'normalize' || stack === 'center') return stack;
  if (stack === 'layered' && kind === 'bar') return 'layered';
  return invalid(fn, `stack must be true, false, "normalize", "center"${kind === 'bar' ? ' or "layered"' : ''}, got ${JSON.stringify(stack)}`);
}

function pixels(fn: string, name: string, value: number | null | undefined): number | undefined {
  // 0 is Streamlit's old spelling of "no fixed size".
  if (value === undefined || value === null || value === 0) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) invalid(fn, `${name} must be a positive number of pixels, got ${JSON.stringify(value)}`);
  return value;
}


function invalid(fn: string, detail: string): never {
  throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail });
}
