/**
 * `st.vega_lite_chart` drawn by vega-embed (Vega-Lite compiled to Vega, on a canvas): a lazy
 * chunk of its own, the largest on the page, loaded only when such a chart is shown. Vega
 * compiles expressions with `Function()` by default, which the page's Content-Security-Policy
 * (script-src 'self') forbids, so expressions run in vega-interpreter (`ast: true`). No styles
 * are injected (the CSP forbids inline styles too): the tooltip's look is in styles/charts.css.
 */
import { useEffect, useMemo, useRef } from 'react';
import embed, { type VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TableData, VegaLiteChartElement } from '@mini-st/protocol';
import { PALETTE } from './series.js';
import { readTheme, useThemeKey, type ChartTheme } from './theme.js';

/** Draws a `vega_lite_chart` element. */
export default function VegaLiteChart({ el }: { el: VegaLiteChartElement }) {
  const box = useRef<HTMLDivElement>(null);
  const themeKey = useThemeKey();
  const spec = useMemo(() => withData(JSON.parse(el.spec) as Record<string, unknown>, el.data, el.useContainerWidth), [el]);
  const label = typeof spec.description === 'string' ? spec.description : typeof spec.title === 'string' ? `Chart: ${spec.title}` : 'Vega-Lite chart';

  useEffect(() => {
    const node = box.current;
    if (!node) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    const theme = readTheme();
    embed(node, spec as VisualizationSpec, {
      mode: 'vega-lite',
      renderer: 'canvas',
      actions: false,
      defaultStyle: false,
      ast: true,
      expr: expressionInterpreter,
      tooltip: { disableDefaultStyle: true, theme: theme.scheme },
      ...(el.theme === 'streamlit' ? { config: vegaConfig(theme) } : {}),
    }).then(
      (result) => {
        if (cancelled) return result.finalize();
        finalize = () => result.finalize();
        node.dataset.drawn = 'true';
      },
      (error: unknown) => {
        if (!cancelled) node.textContent = `This Vega-Lite spec cannot be drawn: ${error instanceof Error ? error.message : String(error)}`;
      },
    );
    return () => {
      cancelled = true;
      finalize?.();
      node.replaceChildren();
      delete node.dataset.drawn;
    };
  }, [spec, el.theme, themeKey]);

  return (
    <figure className="st-chart st-vega-chart" role="figure" aria-label={label}>
      <div ref={box} className="st-chart-plot" />
    </figure>
  );
}

/** The spec with the script's data as its values (rows built here from the columns) and its width. */
function withData(spec: Record<string, unknown>, data: TableData | null, fill: boolean): Record<string, unknown> {
  const out = { ...spec };
  if (fill) out.width = 'container';
  if (data) out.data = { values: rows(data) };
  return out;
}

function rows(data: TableData): Record<string, unknown>[] {
  const out = new Array<Record<string, unknown>>(data.rowCount);
  for (let i = 0; i < data.rowCount; i++) {
    const row: Record<string, unknown> = {};
    for (const column of data.columns) row[column.name] = column.values[i];
    out[i] = row;
  }
  return out;
}

/** Streamlit's look for Vega-Lite, in the page's colours. */
function vegaConfig(theme: ChartTheme) {
  const palette = [...PALETTE[theme.scheme]];
  return {
    background: 'transparent',
    font: theme.font,
    view: { stroke: 'transparent' },
    axis: { labelColor: theme.muted, titleColor: theme.text, gridColor: theme.grid, domainColor: theme.grid, tickColor: theme.grid, labelFontSize: 12, titleFontSize: 13 },
    legend: { labelColor: theme.text, titleColor: theme.text, labelFontSize: 12, titleFontSize: 13 },
    title: { color: theme.text, fontSize: 15 },
    range: { category: palette },
    mark: { color: palette[0] },
    header: { labelColor: theme.text, titleColor: theme.text },
  };
}
