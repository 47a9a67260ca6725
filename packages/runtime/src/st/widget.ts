/**
 * The one path every widget takes in a run: compute its id, refuse duplicates, find its value
 * (session_state write, earlier run, the page's value for a resumed session, or the default),
 * remember its callback for the next run, and place its element. Widget modules only describe
 * their own shape and value conversions.
 */
import { createHash } from 'node:crypto';
import type { LabelVisibility, WidgetElement, WidgetValue } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import type { RunContext } from '../runner/run-context.js';
import { TRIGGER_KINDS, type Callback, type WidgetRecord } from './script-state.js';
import type { Target } from './target.js';

/** Options every widget takes, with Streamlit's names. */
export interface WidgetOptions {
  /** Identifies the widget; its value is readable as `st.session_state[key]`. */
  key?: string;
  /** Tooltip shown next to the label. */
  help?: string;
  disabled?: boolean;
  label_visibility?: LabelVisibility;
}

type Common = Pick<WidgetElement, 'id' | 'label' | 'help' | 'disabled' | 'labelVisibility' | 'formId' | 'fragmentId'>;

export interface WidgetSpec<T> {
  /** The st function, e.g. "text_input" (also the widget kind). */
  kind: string;
  label: string;
  options: WidgetOptions;
  /** Parameters that shape the widget: they are part of its id. */
  shape: readonly unknown[];
  defaultValue: T;
  /** Wire value → script value; `undefined` refuses it. */
  deserialize: (raw: WidgetValue) => T | undefined;
  /** A value set through session_state → script value; throws a clear error when invalid. */
  coerce: (value: unknown) => T;
  element: (common: Common, value: T) => WidgetElement;
  callback?: Callback | undefined;
  args?: readonly unknown[] | undefined;
  /** Form submit buttons only. */
  clearOnSubmit?: boolean;
  /**
   * Trigger widgets with a value (chat input): the value in the run their action caused, from
   * what the page sent with the trigger. Without it a trigger widget is a button: true or false.
   */
  triggered?: (sent: unknown) => T;
}

/** Ids of recent widget shapes: a rerun asks for the same ids again, so hash each shape once. */
const idCache = new Map<string, string>();
const ID_CACHE_LIMIT = 10_000;

/** A stable id from what shapes the widget, so values survive reruns and follow their widget. */
export function widgetId(kind: string, label: string, key: string | undefined, shape: readonly unknown[]): string {
  const identity = JSON.stringify([kind, label, key ?? null, shape]);
  const cached = idCache.get(identity);
  if (cached !== undefined) return cached;
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 16);
  const id = key === undefined ? `${kind}-${hash}` : `${kind}-${hash}-${key}`;
  if (idCache.size >= ID_CACHE_LIMIT) idCache.clear();
  idCache.set(identity, id);
  return id;
}

/** Register a widget in this run and return the value the script sees. */
export function registerWidget<T>(
  context: RunContext,
  target: Target,
  place: (element: WidgetElement) => readonly number[] | void,
  spec: WidgetSpec<T>,
): T {
  const { key } = spec.options;
  // Widgets in a page's body are that page's (Streamlit's active script hash): same call, other page, other widget.
  const id = widgetId(spec.kind, spec.label, key, context.activePage === undefined ? spec.shape : [...spec.shape, { page: context.activePage }]);
  if (context.widgetIds.has(id)) {
    throw new MiniStError('MST_ERR_DUPLICATE_WIDGET_ID', { kind: spec.kind, label: spec.label });
  }
  if (key !== undefined) {
    if (context.keys.has(key)) throw new MiniStError('MST_ERR_DUPLICATE_KEY', { key });
    context.keys.add(key);
  }
  context.widgetIds.add(id);

  const isTrigger = TRIGGER_KINDS.has(spec.kind);
  const formId = target.formId;
  if (formId !== undefined && spec.callback && spec.kind !== 'form_submit_button') {
    throw new MiniStError('MST_ERR_FORM_CALLBACK', { kind: spec.kind, label: spec.label });
  }

  const state = context.state;
  const previous = state.widgets.get(id);
  let value: T;
  if (isTrigger) {
    const pressed = context.triggers.has(id);
    value = pressed ? (spec.triggered ? spec.triggered(previous?.value) : (true as T)) : spec.defaultValue;
    context.consumedTriggers.add(id);
    // The value lasts this one run; session_state reads it until the run ends.
    if (pressed && spec.triggered) context.resetAfterRun.push(id);
  } else if (key !== undefined && state.user.has(key)) {
    value = spec.coerce(state.user.get(key));
    state.user.delete(key);
  } else if (previous) {
    value = previous.value as T;
  } else if (state.incoming.has(id)) {
    value = spec.deserialize(state.incoming.get(id) as WidgetValue) ?? spec.defaultValue;
    state.incoming.delete(id);
  } else {
    value = spec.defaultValue;
  }

  const record: WidgetRecord = {
    id,
    kind: spec.kind,
    label: spec.label,
    key,
    value: isTrigger && !spec.triggered ? false : value,
    defaultValue: spec.defaultValue,
    deserialize: spec.deserialize,
    callback: spec.callback,
    args: spec.args ?? [],
    formId,
    clearOnSubmit: spec.clearOnSubmit,
    fragmentId: target.fragmentId,
    path: undefined,
  };
  state.widgets.set(id, record);
  if (key !== undefined) state.keyToId.set(key, id);
  state.rendered.add(id);

  // A form submitted with clear_on_submit: the script sees the submitted values in this run,
  // the page shows the defaults, and the next run starts from them.
  let shown = value;
  if (formId !== undefined && !isTrigger && context.clearForms.has(formId)) {
    shown = spec.defaultValue;
    context.resetAfterRun.push(id);
  }

  const common: Common = {
    id,
    label: spec.label,
    disabled: spec.options.disabled ?? false,
    labelVisibility: spec.options.label_visibility ?? 'visible',
  };
  if (spec.options.help !== undefined) common.help = spec.options.help;
  if (formId !== undefined) common.formId = formId;
  if (target.fragmentId !== undefined) common.fragmentId = target.fragmentId;
  const path = place(spec.element(common, shown));
  if (path) record.path = path;
  return value;
}
