/**
 * What a session's script side remembers between runs: `st.session_state`'s own keys, and one
 * record per widget (its value as the script sees it, its default, its callback). Streamlit's
 * rules live here: values persist across runs by widget id; a value set through session_state
 * before its widget renders becomes the widget's value; writing it after the widget rendered in
 * this run is an error; a widget not rendered in a successful run drops its state.
 */
import type { WidgetValue } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { QueryParamsState } from './query-params.js';
import { isWithin, type FragmentRecord } from './fragment-scope.js';
import { NavigationState } from './navigation-state.js';
import { isPlainObject } from './plain-object.js';

/** A user callback: `on_change` / `on_click`, called with `args`. */
export type Callback = (...args: any[]) => unknown;

export interface WidgetRecord {
  id: string;
  kind: string;
  label: string;
  key: string | undefined;
  /** The value the script sees (an option, a number, …), not the wire form. */
  value: unknown;
  defaultValue: unknown;
  /** Wire value → script value; `undefined` refuses a malformed or out-of-range value. */
  deserialize: (raw: WidgetValue) => unknown;
  callback: Callback | undefined;
  args: readonly unknown[];
  formId: string | undefined;
  /** For form submit buttons: reset the form's widgets after the run that the submit caused. */
  clearOnSubmit?: boolean;
  /** The innermost fragment the widget sits in (its changes rerun only that fragment). */
  fragmentId?: string | undefined;
  /** Where the widget was drawn: a fragment run forgets only the widgets under its fragments. */
  path?: readonly number[] | undefined;
}

/** Kinds whose value is a one-run trigger and cannot be set through session_state. */
export const TRIGGER_KINDS: ReadonlySet<string> = new Set(['button', 'form_submit_button', 'chat_input', 'download_button']);

export class ScriptState {
  /** Keys the script set that are not (yet) widget keys. */
  readonly user = new Map<string, unknown>();
  readonly widgets = new Map<string, WidgetRecord>();
  readonly keyToId = new Map<string, string>();
  /** Values from the page for widgets this process has not seen yet (a resumed page). */
  readonly incoming = new Map<string, WidgetValue>();
  /** Widgets rendered so far in the current run. */
  rendered = new Set<string>();
  /** `st.query_params`: the page's query string, as the session last reported or the script set. */
  readonly queryParams = new QueryParamsState();
  /** `st.fragment` / `st.dialog` calls still on the page, by fragment id (what a fragment run reruns). */
  readonly fragments = new Map<string, FragmentRecord>();
  /** `st.navigation`: the page the address asks for, and the pages of the last navigation. */
  readonly navigation = new NavigationState();

  /** Take the page's values; returns the ids whose value changed (their `on_change` runs). */
  applyClientValues(values: Readonly<Record<string, WidgetValue>>): string[] {
    const changed: string[] = [];
    for (const [id, raw] of Object.entries(values)) {
      const record = this.widgets.get(id);
      if (!record) {
        this.incoming.set(id, raw);
        continue;
      }
      const value = record.deserialize(raw);
      if (value === undefined || sameValue(value, record.value)) continue;
      record.value = value;
      // A chat input's text comes with its trigger, which is what runs its callback.
      if (!TRIGGER_KINDS.has(record.kind)) changed.push(id);
    }
    return changed;
  }

  beginRun(): void {
    this.rendered = new Set();
  }

  /**
   * After a successful run: forget the widgets that did not render. A fragment run (`within`: the
   * paths of its fragment blocks) reached only the widgets under them, so only those can be gone.
   */
  dropUnrendered(within?: readonly (readonly number[])[]): void {
    for (const [id, record] of this.widgets) {
      if (this.rendered.has(id)) continue;
      if (within && !(record.path && within.some((scope) => isWithin(record.path!, scope)))) continue;
      this.widgets.delete(id);
      if (record.key !== undefined && this.keyToId.get(record.key) === id) this.keyToId.delete(record.key);
    }
    if (!within) this.incoming.clear();
  }

  // --- st.session_state ------------------------------------------------------------------------

  has(key: string): boolean {
    return this.user.has(key) || this.widgetFor(key) !== undefined;
  }

  get(key: string): unknown {
    // A value set for a widget's key waits here until the widget adopts it.
    if (this.user.has(key)) return this.user.get(key);
    const record = this.widgetFor(key);
    // A button's record holds false; a chat input's holds its text in the run it was sent, else null.
    if (record) return record.value;
    return this.user.get(key);
  }

  set(key: string, value: unknown): void {
    const record = this.widgetFor(key);
    if (!record) {
      this.user.set(key, value);
      return;
    }
    if (TRIGGER_KINDS.has(record.kind)) throw new MiniStError('MST_ERR_BUTTON_VALUE_SET', { key, kind: record.kind });
    if (this.rendered.has(record.id)) throw new MiniStError('MST_ERR_WIDGET_VALUE_SET_AFTER_RENDER', { key });
    // Adopted by the widget when it renders (and validated there).
    this.user.set(key, value);
  }

  delete(key: string): boolean {
    const record = this.widgetFor(key);
    if (record) {
      this.widgets.delete(record.id);
      this.keyToId.delete(key);
    }
    return this.user.delete(key) || record !== undefined;
  }

  keys(): string[] {
    const keys = new Set(this.user.keys());
    for (const key of this.keyToId.keys()) keys.add(key);
    return [...keys];
  }

  private widgetFor(key: string): WidgetRecord | undefined {
    const id = this.keyToId.get(key);
    return id === undefined ? undefined : this.widgets.get(id);
  }
}

/** Structural equality for widget values (primitives, Dates, and arrays of them). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  // Plain records (st.data_editor's edit state): key by key.
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key]));
  }
  return false;
}

