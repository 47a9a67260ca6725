/**
 * Each widget's own shape: its Streamlit options, its default, how a value from the page or from
 * session_state becomes the value the script sees, and its element. `registerWidget` does the rest.
 */
import type { ButtonKind, WidgetValue } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import type { Callback } from './script-state.js';
import type { WidgetOptions, WidgetSpec } from './widget.js';

/** Options of widgets that report changes (Streamlit's `on_change` + `args`). */
export interface ChangeOptions extends WidgetOptions {
  /** Called before the next run when the user changes the value. */
  on_change?: Callback;
  /** Arguments passed to `on_change`. */
  args?: readonly unknown[];
}

export interface ButtonOptions extends WidgetOptions {
  /** Called before the run that the click causes. */
  on_click?: Callback;
  args?: readonly unknown[];
  type?: ButtonKind;
  use_container_width?: boolean;
}

export interface FormSubmitButtonOptions extends Omit<ButtonOptions, 'key'> {
  key?: string;
}

export interface TextInputOptions extends ChangeOptions {
  /** Initial text; `null` starts empty and returns `null` until the user types. */
  value?: string | null;
  max_chars?: number;
  type?: 'default' | 'password';
  placeholder?: string;
}

export interface TextAreaOptions extends ChangeOptions {
  value?: string | null;
  max_chars?: number;
  height?: number;
  placeholder?: string;
}

export interface NumberInputOptions extends ChangeOptions {
  min_value?: number;
  max_value?: number;
  /** Initial value: a number, `null` (empty), or "min" (the default: `min_value`, else 0). */
  value?: number | null | 'min';
  step?: number;
  /** printf-style, e.g. "%.2f" or "%d". */
  format?: string;
  placeholder?: string;
}

export interface SliderOptions<V extends number | [number, number] = number> extends ChangeOptions {
  min_value?: number;
  max_value?: number;
  /** One number, or `[low, high]` for a range slider. */
  value?: V;
  step?: number;
  format?: string;
}

export interface CheckboxOptions extends ChangeOptions {
  value?: boolean;
}

export interface OptionsWidgetOptions<T> extends ChangeOptions {
  /** How an option is shown (default: `String`). */
  format_func?: (option: T) => string;
}

export interface RadioOptions<T> extends OptionsWidgetOptions<T> {
  /** Preselected option; `null` selects none. Default 0. */
  index?: number | null;
  horizontal?: boolean;
  captions?: readonly string[];
}

export interface SelectboxOptions<T> extends OptionsWidgetOptions<T> {
  index?: number | null;
  placeholder?: string;
}

export interface MultiselectOptions<T> extends OptionsWidgetOptions<T> {
  default?: readonly T[] | T | null;
  max_selections?: number;
  placeholder?: string;
}

function invalid(fn: string, detail: string): MiniStError {
  return new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail });
}

export function buttonSpec(
  kind: 'button' | 'form_submit_button',
  label: string,
  options: ButtonOptions,
  form?: { formId: string; clearOnSubmit: boolean },
): WidgetSpec<boolean> {
  const spec: WidgetSpec<boolean> = {
    kind,
    label,
    options,
    // Two forms may both have a "Submit" button: the form is part of its identity.
    shape: [options.type ?? 'secondary', options.help ?? null, form?.formId ?? null],
    defaultValue: false,
    deserialize: () => undefined,
    coerce: () => false,
    callback: options.on_click,
    args: options.args,
    element: (common) => ({
      ...common,
      type: 'button',
      kind: options.type ?? 'secondary',
      isSubmit: kind === 'form_submit_button',
      useContainerWidth: options.use_container_width ?? false,
    }),
  };
  if (form) spec.clearOnSubmit = form.clearOnSubmit;
  return spec;
}

function textValue(fn: string, maxChars: number | undefined, nullable: boolean) {
  return (value: unknown): string | null => {
    if (value === null && nullable) return null;
    if (typeof value !== 'string') throw invalid(fn, `value must be a string, got ${typeof value}`);
    if (maxChars !== undefined && value.length > maxChars) {
      throw invalid(fn, `value has ${value.length} characters, more than max_chars (${maxChars})`);
    }
    return value;
  };
}

function textDeserialize(maxChars: number | undefined) {
  return (raw: WidgetValue): string | null | undefined => {
    if (raw === null) return null;
    if (typeof raw !== 'string') return undefined;
    return maxChars === undefined ? raw : raw.slice(0, maxChars);
  };
}

/** The value side shared by text_input and text_area: a string (or null), at most max_chars. */
function textSide(kind: 'text_input' | 'text_area', options: TextInputOptions | TextAreaOptions) {
  const value = options.value === undefined ? '' : options.value;
  const coerce = textValue(kind, options.max_chars, true);
  return {
    value,
    defaultValue: coerce(value),
    deserialize: textDeserialize(options.max_chars),
    coerce,
    callback: options.on_change,
    args: options.args,
  };
}

export function textInputSpec(label: string, options: TextInputOptions): WidgetSpec<string | null> {
  const { value, ...side } = textSide('text_input', options);
  return {
    kind: 'text_input',
    label,
    options,
    shape: [value, options.max_chars ?? null, options.type ?? 'default', options.placeholder ?? null],
    ...side,
    element: (common, current) => ({
      ...common,
      type: 'text_input',
      value: current,
      inputType: options.type ?? 'default',
      ...(options.placeholder !== undefined ? { placeholder: options.placeholder } : {}),
      ...(options.max_chars !== undefined ? { maxChars: options.max_chars } : {}),
    }),
  };
}

export function textAreaSpec(label: string, options: TextAreaOptions): WidgetSpec<string | null> {
  const { value, ...side } = textSide('text_area', options);
  return {
    kind: 'text_area',
    label,
    options,
    shape: [value, options.max_chars ?? null, options.height ?? null, options.placeholder ?? null],
    ...side,
    element: (common, current) => ({
      ...common,
      type: 'text_area',
      value: current,
      ...(options.placeholder !== undefined ? { placeholder: options.placeholder } : {}),
      ...(options.max_chars !== undefined ? { maxChars: options.max_chars } : {}),
      ...(options.height !== undefined ? { height: options.height } : {}),
    }),
  };
}

/** Streamlit decides int or float from the argument types; JavaScript has one number type, so
 * a widget is whole-numbered when every number given is whole and the format is not a float's. */
function numericKind(values: readonly (number | null | undefined)[], format: string | undefined): 'int' | 'float' {
  if (format !== undefined && /[eEfFgG]$/.test(format)) return 'float';
  return values.every((v) => v === undefined || v === null || Number.isInteger(v)) ? 'int' : 'float';
}

function checkNumber(fn: string, value: unknown, min: number | undefined, max: number | undefined): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(fn, `value must be a finite number, got ${String(value)}`);
  if (min !== undefined && value < min) throw invalid(fn, `value ${value} is less than min_value ${min}`);
  if (max !== undefined && value > max) throw invalid(fn, `value ${value} is greater than max_value ${max}`);
  return value;
}

function inRange(value: WidgetValue, min: number | undefined, max: number | undefined, int: boolean): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  if (int && !Number.isInteger(value)) return undefined;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) return undefined;
  return value;
}

export function numberInputSpec(label: string, options: NumberInputOptions): WidgetSpec<number | null> {
  const { min_value: min, max_value: max, format } = options;
  if (min !== undefined && max !== undefined && min > max) {
    throw invalid('number_input', `min_value ${min} is greater than max_value ${max}`);
  }
  const initial = options.value === undefined || options.value === 'min' ? (min ?? 0) : options.value;
  const dataType = numericKind([initial, min, max, options.step], format);
  const step = options.step ?? (dataType === 'int' ? 1 : 0.01);
  const coerce = (value: unknown): number | null =>
    value === null ? null : checkNumber('number_input', value, min, max);
  return {
    kind: 'number_input',
    label,
    options,
    shape: [min ?? null, max ?? null, initial, step, format ?? null, options.placeholder ?? null],
    defaultValue: coerce(initial),
    deserialize: (raw) => (raw === null ? null : inRange(raw, min, max, dataType === 'int')),
    coerce,
    callback: options.on_change,
    args: options.args,
    element: (common, current) => ({
      ...common,
      type: 'number_input',
      value: current,
      step,
      dataType,
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
      ...(format !== undefined ? { format } : {}),
      ...(options.placeholder !== undefined ? { placeholder: options.placeholder } : {}),
    }),
  };
}

export function sliderSpec<V extends number | [number, number]>(label: string, options: SliderOptions<V>): WidgetSpec<V> {
  const given = [options.value, options.min_value, options.max_value, options.step].flat() as (number | undefined)[];
  const dataType = numericKind(given, options.format);
  const min = options.min_value ?? (dataType === 'int' ? 0 : 0.0);
  const max = options.max_value ?? (dataType === 'int' ? 100 : 1.0);
  if (min > max) throw invalid('slider', `min_value ${min} is greater than max_value ${max}`);
  const step = options.step ?? (dataType === 'int' ? 1 : 0.01);
  const range = Array.isArray(options.value);
  const coerce = (value: unknown): V => {
    if (range) {
      if (!Array.isArray(value) || value.length !== 2) throw invalid('slider', 'a range slider takes [low, high]');
      const [low, high] = value.map((v: unknown) => checkNumber('slider', v, min, max)) as [number, number];
      if (low > high) throw invalid('slider', `range [${low}, ${high}] has low above high`);
      return [low, high] as V;
    }
    return checkNumber('slider', value, min, max) as V;
  };
  const initial = coerce(options.value ?? min);
  return {
    kind: 'slider',
    label,
    options,
    shape: [min, max, initial, step, options.format ?? null],
    defaultValue: initial,
    deserialize: (raw) => {
      const int = dataType === 'int';
      if (range) {
        if (!Array.isArray(raw) || raw.length !== 2) return undefined;
        const low = inRange(raw[0] as number, min, max, int);
        const high = inRange(raw[1] as number, min, max, int);
        return low === undefined || high === undefined || low > high ? undefined : ([low, high] as V);
      }
      return inRange(raw, min, max, int) as V | undefined;
    },
    coerce,
    callback: options.on_change,
    args: options.args,
    element: (common, current) => ({
      ...common,
      type: 'slider',
      value: Array.isArray(current) ? [current[0], current[1]] : current,
      min,
      max,
      step,
      dataType,
      ...(options.format !== undefined ? { format: options.format } : {}),
    }),
  };
}

export function checkboxSpec(kind: 'checkbox' | 'toggle', label: string, options: CheckboxOptions): WidgetSpec<boolean> {
  const initial = options.value ?? false;
  return {
    kind,
    label,
    options,
    shape: [initial],
    defaultValue: initial,
    deserialize: (raw) => (typeof raw === 'boolean' ? raw : undefined),
    coerce: (value) => {
      if (typeof value !== 'boolean') throw invalid(kind, `value must be true or false, got ${String(value)}`);
      return value;
    },
    callback: options.on_change,
    args: options.args,
    element: (common, current) => ({ ...common, type: 'checkbox', value: current, style: kind }),
  };
}

/** Options, their labels, and index ↔ option conversions shared by radio, selectbox, multiselect. */
export function optionSet<T>(fn: string, options: Iterable<T>, formatFunc: ((option: T) => string) | undefined) {
  const values = [...options];
  const labels = values.map((option) => (formatFunc ? formatFunc(option) : String(option)));
  const indexOf = (value: unknown): number => {
    const index = values.findIndex((option) => Object.is(option, value));
    if (index < 0) throw invalid(fn, `${JSON.stringify(value)} is not one of the options`);
    return index;
  };
  const checkIndex = (index: number | null, what: string): number | null => {
    if (index === null) return null;
    if (!Number.isInteger(index) || index < 0 || index >= Math.max(values.length, 1)) {
      throw invalid(fn, `${what} ${index} is out of range for ${values.length} options`);
    }
    return values.length === 0 ? null : index;
  };
  return { values, labels, indexOf, checkIndex };
}

/** The value side shared by radio and selectbox: one option (or none), travelling as its index. */
function singleChoice<T>(set: ReturnType<typeof optionSet<T>>, index: number | null) {
  return {
    defaultValue: index === null ? null : (set.values[index] as T),
    deserialize: (raw: WidgetValue): T | null | undefined =>
      raw === null ? null : typeof raw === 'number' && raw in set.values ? (set.values[raw] as T) : undefined,
    coerce: (value: unknown): T | null => (value === null ? null : (set.values[set.indexOf(value)] as T)),
    indexOf: (current: T | null): number | null => (current === null ? null : set.indexOf(current)),
  };
}

export function radioSpec<T>(label: string, options: Iterable<T>, opts: RadioOptions<T>): WidgetSpec<T | null> {
  const set = optionSet('radio', options, opts.format_func);
  const index = set.checkIndex(opts.index === undefined ? 0 : opts.index, 'index');
  const choice = singleChoice(set, index);
  return {
    kind: 'radio',
    label,
    options: opts,
    shape: [set.labels, index, opts.horizontal ?? false, opts.captions ?? null],
    defaultValue: choice.defaultValue,
    deserialize: choice.deserialize,
    coerce: choice.coerce,
    callback: opts.on_change,
    args: opts.args,
    element: (common, current) => ({
      ...common,
      type: 'radio',
      options: set.labels,
      index: choice.indexOf(current),
      horizontal: opts.horizontal ?? false,
      ...(opts.captions ? { captions: [...opts.captions] } : {}),
    }),
  };
}

export function selectboxSpec<T>(label: string, options: Iterable<T>, opts: SelectboxOptions<T>): WidgetSpec<T | null> {
  const set = optionSet('selectbox', options, opts.format_func);
  const index = set.checkIndex(opts.index === undefined ? 0 : opts.index, 'index');
  const choice = singleChoice(set, index);
  const placeholder = opts.placeholder ?? 'Choose an option';
  return {
    kind: 'selectbox',
    label,
    options: opts,
    shape: [set.labels, index, placeholder],
    defaultValue: choice.defaultValue,
    deserialize: choice.deserialize,
    coerce: choice.coerce,
    callback: opts.on_change,
    args: opts.args,
    element: (common, current) => ({ ...common, type: 'selectbox', options: set.labels, index: choice.indexOf(current), placeholder }),
  };
}

export function multiselectSpec<T>(label: string, options: Iterable<T>, opts: MultiselectOptions<T>): WidgetSpec<T[]> {
  const set = optionSet('multiselect', options, opts.format_func);
  const max = opts.max_selections;
  const coerce = (value: unknown): T[] => {
    const list = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (max !== undefined && list.length > max) throw invalid('multiselect', `${list.length} selections, more than max_selections (${max})`);
    return list.map((item) => set.values[set.indexOf(item)] as T);
  };
  const initial = coerce(opts.default);
  const placeholder = opts.placeholder ?? 'Choose an option';
  return {
    kind: 'multiselect',
    label,
    options: opts,
    shape: [set.labels, initial.map(set.indexOf), max ?? null, placeholder],
    defaultValue: initial,
    deserialize: (raw) => {
      if (!Array.isArray(raw) || raw.some((i) => typeof i !== 'number' || !(i in set.values))) return undefined;
      if (max !== undefined && raw.length > max) return undefined;
      return [...new Set(raw as number[])].map((i) => set.values[i] as T);
    },
    coerce,
    callback: opts.on_change,
    args: opts.args,
    element: (common, current) => ({
      ...common,
      type: 'multiselect',
      options: set.labels,
      indices: current.map(set.indexOf),
      placeholder,
      ...(max !== undefined ? { maxSelections: max } : {}),
    }),
  };
}
