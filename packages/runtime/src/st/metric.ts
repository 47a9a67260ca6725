/**
 * `st.metric`: a number shown big, with how it changed (the delta) below it, colored by whether
 * the change is good. Attached to `DeltaGenerator` by declaration merging.
 */
import type { LabelVisibility, MetricElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { DeltaGenerator } from './delta-generator.js';

export interface MetricOptions {
  /** How the value changed: a number or a text such as "-5 %" (a leading "-" points down). */
  delta?: number | string | null;
  /** "normal": up is green and down red; "inverse": the reverse (costs); "off": gray. */
  delta_color?: 'normal' | 'inverse' | 'off';
  /** Tooltip next to the label. */
  help?: string;
  label_visibility?: LabelVisibility;
  /** Draw a border around the metric. */
  border?: boolean;
}

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * A metric: a value in big type, and optionally how it changed. `null` shows a dash.
     *
     * @example
     * st.metric("Temperature", "70 °F", { delta: "1.2 °F" });
     * st.metric("Gas price", 4, { delta: -0.5, delta_color: "inverse" });
     */
    metric(label: string, value: number | string | bigint | null, options?: MetricOptions): void;
  }
}

DeltaGenerator.prototype.metric = function metric(this: DeltaGenerator, label, value, options: MetricOptions = {}): void {
  const color = options.delta_color ?? 'normal';
  if (color !== 'normal' && color !== 'inverse' && color !== 'off') {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'metric', detail: `delta_color must be "normal", "inverse" or "off", got ${JSON.stringify(color)}` });
  }
  const delta = options.delta === undefined || options.delta === null || options.delta === '' ? undefined : String(options.delta);
  const element: MetricElement = {
    type: 'metric',
    label: String(label),
    value: value === null || value === undefined ? '—' : String(value),
    deltaColor: color,
    deltaArrow: delta === undefined ? 'none' : isNegative(options.delta) ? 'down' : 'up',
    labelVisibility: options.label_visibility ?? 'visible',
    border: options.border ?? false,
    ...(delta !== undefined ? { delta } : {}),
    ...(options.help !== undefined ? { help: options.help } : {}),
  };
  this._place('metric', element);
};

/** Streamlit's rule: a negative number, or a text starting with "-". */
function isNegative(delta: MetricOptions['delta']): boolean {
  return typeof delta === 'number' ? delta < 0 : String(delta).trim().startsWith('-');
}
