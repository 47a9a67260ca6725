/**
 * Pickers: `st.date_input`, `st.time_input` and `st.color_picker`. Dates travel as "YYYY-MM-DD"
 * and reach the script as `Date`s at local midnight (JavaScript has no date-only type); times
 * travel and reach the script as "HH:MM" text, colors as "#rrggbb". Methods attach to
 * `DeltaGenerator` by declaration merging; values go through `registerWidget` like every widget.
 */
import type { WidgetValue } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { DeltaGenerator } from './delta-generator.js';
import type { WidgetSpec } from './widget.js';
import type { ChangeOptions } from './widgets.js';

/** A date: a `Date` (its local calendar day counts) or "YYYY-MM-DD". */
export type DateLike = Date | string;

/** What a range date input returns: nothing picked yet, only the start, or both ends. */
export type DateRange = [] | [Date] | [Date, Date];

export interface DateInputOptions extends ChangeOptions {
  /** "today" (the default), a date, `null` (empty), or a list of up to two dates for a range. */
  value?: DateLike | 'today' | null | readonly DateLike[];
  /** Default: ten years before the value (or today). */
  min_value?: DateLike | null;
  /** Default: ten years after the value (or today). */
  max_value?: DateLike | null;
  /** Accepted for Streamlit compatibility; the browser's date picker shows the person's locale. */
  format?: string;
}

export interface TimeInputOptions extends ChangeOptions {
  /** "now" (the default, to the minute), "HH:MM", a `Date` (its local time of day), or `null`. */
  value?: 'now' | string | Date | null;
  /** Seconds between choices, at least 60 (default 900: every quarter hour). */
  step?: number;
}

export interface ColorPickerOptions extends ChangeOptions {
  /** "#rrggbb" or "#rgb" (default "#000000"). */
  value?: string;
}

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * A date picker. Returns a `Date` at local midnight of the chosen day; with `value` a list,
     * a range: `[]`, `[start]` or `[start, end]`.
     *
     * @example
     * const birthday = st.date_input("Your birthday", { value: "2000-01-31" });
     * const [from, to] = st.date_input("Period", { value: [new Date(2024, 0, 1), new Date(2024, 0, 7)] });
     */
    date_input(label: string, options: DateInputOptions & { value: readonly DateLike[] }): DateRange;
    date_input(label: string, options: DateInputOptions & { value: null }): Date | null;
    date_input(label: string, options?: DateInputOptions): Date;

    /**
     * A time picker. Returns "HH:MM" ("HH:MM:SS" when `step` is not whole minutes).
     * @example const alarm = st.time_input("Set an alarm for", { value: "08:45" });
     */
    time_input(label: string, options: TimeInputOptions & { value: null }): string | null;
    time_input(label: string, options?: TimeInputOptions): string;

    /**
     * A color picker. Returns "#rrggbb".
     * @example const color = st.color_picker("Pick a color", { value: "#00f900" });
     */
    color_picker(label: string, options?: ColorPickerOptions): string;
  }
}

function invalid(fn: string, detail: string): MiniStError {
  return new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn, detail });
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "YYYY-MM-DD" of a Date's local calendar day. */
export function isoDay(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "YYYY-MM-DD" from what a script or the page gave, or undefined when it is not a real day. */
function parseDay(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : isoDay(value);
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(y, m - 1, d);
  date.setFullYear(y);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? value : undefined;
}

/** The local midnight of a "YYYY-MM-DD" day. */
function dayDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  date.setFullYear(y);
  return date;
}

function shiftYears(day: string, years: number): string {
  const date = dayDate(day);
  date.setFullYear(date.getFullYear() + years);
  return isoDay(date);
}

DeltaGenerator.prototype.date_input = function date_input(this: DeltaGenerator, label: string, options: DateInputOptions = {}): never {
  const fn = 'date_input';
  const given = options.value === undefined ? 'today' : options.value;
  const range = Array.isArray(given);
  const today = isoDay(new Date());
  const day = (value: unknown, what: string): string => {
    const parsed = value === 'today' ? today : parseDay(value);
    if (parsed === undefined) throw invalid(fn, `${what} must be a Date or "YYYY-MM-DD", got ${JSON.stringify(value)}`);
    return parsed;
  };
  const initial: string[] | string | null = range ? (given as readonly DateLike[]).map((v, i) => day(v, `value[${i}]`)) : given === null ? null : day(given, 'value');
  if (Array.isArray(initial) && initial.length > 2) throw invalid(fn, 'a range takes at most two dates');
  const anchor = Array.isArray(initial) ? (initial[0] ?? today) : (initial ?? today);
  const min = options.min_value == null ? shiftYears(anchor, -10) : day(options.min_value, 'min_value');
  const max = options.max_value == null ? shiftYears(Array.isArray(initial) ? (initial[1] ?? anchor) : anchor, 10) : day(options.max_value, 'max_value');
  if (min > max) throw invalid(fn, `min_value ${min} is after max_value ${max}`);
  const inRange = (d: string) => d >= min && d <= max;

  type Value = Date | null | Date[];
  const toValue = (days: string | null | string[]): Value => (days === null ? null : Array.isArray(days) ? days.map(dayDate) : dayDate(days));
  const check = (days: string | null | string[]): string | null | string[] => {
    const list = days === null ? [] : Array.isArray(days) ? days : [days];
    for (const d of list) if (!inRange(d)) throw invalid(fn, `${d} is outside ${min} … ${max}`);
    if (Array.isArray(days) && days.length === 2 && days[0]! > days[1]!) throw invalid(fn, `the range ${days[0]} … ${days[1]} ends before it starts`);
    return days;
  };
  const wire = (value: Value): string | null => {
    if (value === null) return range ? '' : null;
    if (Array.isArray(value)) return value.length === 0 ? '' : `${isoDay(value[0]!)}/${value[1] ? isoDay(value[1]) : ''}`;
    return isoDay(value);
  };
  const spec: WidgetSpec<Value> = {
    kind: fn,
    label,
    options,
    shape: [range ? initial : given === 'today' ? 'today' : initial, options.min_value == null ? null : min, options.max_value == null ? null : max, range],
    defaultValue: toValue(check(initial)),
    deserialize: (raw: WidgetValue) => {
      if (raw === null && !range) return null;
      if (typeof raw !== 'string') return undefined;
      const parts = range ? (raw === '' ? [] : raw.split('/').filter((part, i) => i === 0 || part !== '')) : [raw];
      const days = parts.map(parseDay);
      if (days.some((d) => d === undefined || !inRange(d)) || days.length > 2) return undefined;
      if (days.length === 2 && days[0]! > days[1]!) return undefined;
      return toValue(range ? (days as string[]) : days[0]!);
    },
    coerce: (value) => {
      if (value === null && !range) return null;
      if (range) {
        if (!Array.isArray(value)) throw invalid(fn, 'a range date input takes a list of up to two dates');
        return toValue(check(value.map((v, i) => day(v, `value[${i}]`))));
      }
      return toValue(check(day(value, 'value')));
    },
    callback: options.on_change,
    args: options.args,
    element: (common, current) => ({ ...common, type: 'date_input', value: wire(current), range, min, max }),
  };
  return this._widget(spec) as never;
};

/** "HH:MM" or "HH:MM:SS" from what a script or the page gave, or undefined. */
function parseTime(value: unknown, seconds: boolean): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return `${pad(value.getHours())}:${pad(value.getMinutes())}${seconds ? `:${pad(value.getSeconds())}` : ''}`;
  }
  if (typeof value !== 'string') return undefined;
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(value);
  if (!match) return undefined;
  return `${match[1]}:${match[2]}${seconds ? `:${match[3] ?? '00'}` : ''}`;
}

DeltaGenerator.prototype.time_input = function time_input(this: DeltaGenerator, label: string, options: TimeInputOptions = {}): never {
  const fn = 'time_input';
  const step = options.step ?? 900;
  if (!Number.isInteger(step) || step < 60 || step > 23 * 3600) throw invalid(fn, `step must be whole seconds from 60 to 82800, got ${step}`);
  const seconds = step % 60 !== 0;
  const given = options.value === undefined ? 'now' : options.value;
  const time = (value: unknown): string => {
    const parsed = parseTime(value === 'now' ? new Date() : value, seconds);
    if (parsed === undefined) throw invalid(fn, `value must be "HH:MM", a Date, "now" or null, got ${JSON.stringify(value)}`);
    return parsed;
  };
  const spec: WidgetSpec<string | null> = {
    kind: fn,
    label,
    options,
    shape: [given === 'now' ? 'now' : given === null ? null : time(given), step],
    defaultValue: given === null ? null : time(given),
    deserialize: (raw) => (raw === null ? null : parseTime(raw, seconds)),
    coerce: (value) => (value === null ? null : time(value)),
    callback: options.on_change,
    args: options.args,
    element: (common, current) => ({ ...common, type: 'time_input', value: current, step }),
  };
  return this._widget(spec) as never;
};

/** "#rrggbb" in lower case from "#rgb" or "#rrggbb", or undefined. */
function parseColor(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value);
  if (!match) return undefined;
  const hex = match[1]!.toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

DeltaGenerator.prototype.color_picker = function color_picker(this: DeltaGenerator, label: string, options: ColorPickerOptions = {}): string {
  const coerce = (value: unknown): string => {
    const color = parseColor(value);
    if (color === undefined) throw invalid('color_picker', `value must be a hex color such as "#00f900", got ${JSON.stringify(value)}`);
    return color;
  };
  const initial = coerce(options.value ?? '#000000');
  const spec: WidgetSpec<string> = {
    kind: 'color_picker',
    label,
    options,
    shape: [initial],
    defaultValue: initial,
    deserialize: parseColor,
    coerce,
    callback: options.on_change,
    args: options.args,
    element: (common, current) => ({ ...common, type: 'color_picker', value: current }),
  };
  return this._widget(spec);
};
