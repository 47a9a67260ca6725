/**
 * Choices drawn as sliders and buttons: `st.select_slider` (a slider over any options, one or a
 * range), `st.pills` and `st.segmented_control` (toggle buttons, one choice or several). Options
 * travel as indices and reach the script as the options themselves, as in radio and selectbox.
 */
import type { WidgetValue } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { DeltaGenerator } from './delta-generator.js';
import type { WidgetSpec } from './widget.js';
import { optionSet, type OptionsWidgetOptions } from './widgets.js';

export interface SelectSliderOptions<T> extends OptionsWidgetOptions<T> {
  /** The chosen option (default: the first), or `[low, high]` for a range. */
  value?: T | readonly [T, T];
}

export interface PillsOptions<T> extends OptionsWidgetOptions<T> {
  /** "single" (the default): one option or none; "multi": any number. */
  selection_mode?: 'single' | 'multi';
  /** Chosen at first: an option, a list of them (multi), or `null`. */
  default?: T | readonly T[] | null;
}

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * A slider over a list of options (sizes, months, grades). Returns the chosen option, or
     * `[low, high]` when `value` is a pair.
     *
     * @example
     * const size = st.select_slider("Size", ["S", "M", "L", "XL"], { value: "M" });
     * const [from, to] = st.select_slider("Months", months, { value: ["Mar", "Jun"] });
     */
    select_slider<T>(label: string, options: Iterable<T>, opts: SelectSliderOptions<T> & { value: readonly [T, T] }): [T, T];
    select_slider<T>(label: string, options: Iterable<T>, opts?: SelectSliderOptions<T>): T;

    /**
     * Options as pill-shaped toggle buttons. Returns the chosen option or `null`; with
     * `selection_mode: "multi"`, the list of chosen options.
     *
     * @example
     * const mood = st.pills("Mood", ["😀", "😐", "😞"]);
     * const tags = st.pills("Tags", ["a", "b", "c"], { selection_mode: "multi", default: ["a"] });
     */
    pills<T>(label: string, options: Iterable<T>, opts: PillsOptions<T> & { selection_mode: 'multi' }): T[];
    pills<T>(label: string, options: Iterable<T>, opts?: PillsOptions<T>): T | null;

    /**
     * Options as one row of joined toggle buttons. Returns the chosen option or `null`; with
     * `selection_mode: "multi"`, the list of chosen options.
     *
     * @example const view = st.segmented_control("View", ["Day", "Week", "Month"], { default: "Week" });
     */
    segmented_control<T>(label: string, options: Iterable<T>, opts: PillsOptions<T> & { selection_mode: 'multi' }): T[];
    segmented_control<T>(label: string, options: Iterable<T>, opts?: PillsOptions<T>): T | null;
  }
}

function invalid(fn: string, detail: string): MiniStError {
  return new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail });
}

DeltaGenerator.prototype.select_slider = function select_slider<T>(
  this: DeltaGenerator,
  label: string,
  options: Iterable<T>,
  opts: SelectSliderOptions<T> = {},
): never {
  const fn = 'select_slider';
  const set = optionSet(fn, options, opts.format_func);
  if (set.values.length === 0) throw invalid(fn, 'give at least one option');
  const range = Array.isArray(opts.value) && opts.value.length === 2 && !set.values.some((option) => Object.is(option, opts.value));
  type Value = T | [T, T];
  const coerce = (value: unknown): Value => {
    if (!range) return set.values[set.indexOf(value)] as T;
    if (!Array.isArray(value) || value.length !== 2) throw invalid(fn, 'a range select slider takes [low, high]');
    const [low, high] = value.map(set.indexOf) as [number, number];
    if (low > high) throw invalid(fn, 'the range has low after high');
    return [set.values[low] as T, set.values[high] as T];
  };
  const initial = coerce(opts.value === undefined ? set.values[0] : opts.value);
  const indices = (value: Value): number | [number, number] =>
    range ? [set.indexOf((value as [T, T])[0]), set.indexOf((value as [T, T])[1])] : set.indexOf(value);
  const spec: WidgetSpec<Value> = {
    kind: fn,
    label,
    options: opts,
    shape: [set.labels, indices(initial)],
    defaultValue: initial,
    deserialize: (raw: WidgetValue) => {
      const valid = (i: unknown): i is number => typeof i === 'number' && Number.isInteger(i) && i in set.values;
      if (!range) return valid(raw) ? (set.values[raw] as T) : undefined;
      if (!Array.isArray(raw) || raw.length !== 2 || !raw.every(valid) || raw[0]! > raw[1]!) return undefined;
      return [set.values[raw[0]!] as T, set.values[raw[1]!] as T];
    },
    coerce,
    callback: opts.on_change,
    args: opts.args,
    element: (common, current) => ({ ...common, type: 'select_slider', options: set.labels, value: indices(current) }),
  };
  return this._widget(spec) as never;
};

function toggleButtons<T>(
  dg: DeltaGenerator,
  fn: 'pills' | 'segmented_control',
  label: string,
  options: Iterable<T>,
  opts: PillsOptions<T>,
): T | null | T[] {
  const set = optionSet(fn, options, opts.format_func);
  const mode = opts.selection_mode ?? 'single';
  if (mode !== 'single' && mode !== 'multi') throw invalid(fn, `selection_mode must be "single" or "multi", got ${JSON.stringify(mode)}`);
  const multi = mode === 'multi';
  type Value = T | null | T[];
  const coerce = (value: unknown): Value => {
    if (multi) {
      const list = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
      return [...new Set(list.map(set.indexOf))].sort((a, b) => a - b).map((i) => set.values[i] as T);
    }
    if (Array.isArray(value)) throw invalid(fn, 'a single-selection control takes one option or null; pass selection_mode: "multi" for several');
    return value === null || value === undefined ? null : (set.values[set.indexOf(value)] as T);
  };
  const initial = coerce(opts.default);
  const indices = (value: Value): number[] => (value === null ? [] : multi ? (value as T[]).map(set.indexOf) : [set.indexOf(value)]);
  const spec: WidgetSpec<Value> = {
    kind: fn,
    label,
    options: opts,
    shape: [set.labels, indices(initial), mode],
    defaultValue: initial,
    deserialize: (raw: WidgetValue) => {
      if (!Array.isArray(raw) || raw.some((i) => !Number.isInteger(i) || !(i in set.values))) return undefined;
      const chosen = [...new Set(raw)].sort((a, b) => a - b);
      if (!multi && chosen.length > 1) return undefined;
      return multi ? chosen.map((i) => set.values[i] as T) : chosen.length === 0 ? null : (set.values[chosen[0]!] as T);
    },
    coerce,
    callback: opts.on_change,
    args: opts.args,
    element: (common, current) => ({ ...common, type: 'pills', style: fn, options: set.labels, indices: indices(current), multi }),
  };
  return dg._widget(spec);
}

DeltaGenerator.prototype.pills = function pills<T>(this: DeltaGenerator, label: string, options: Iterable<T>, opts: PillsOptions<T> = {}): never {
  return toggleButtons(this, 'pills', label, options, opts) as never;
};

DeltaGenerator.prototype.segmented_control = function segmented_control<T>(
  this: DeltaGenerator,
  label: string,
  options: Iterable<T>,
  opts: PillsOptions<T> = {},
): never {
  return toggleButtons(this, 'segmented_control', label, options, opts) as never;
};
