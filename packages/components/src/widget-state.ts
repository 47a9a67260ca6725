/**
 * The page's widget values, as pure functions over an immutable state (no React, no socket).
 * Three layers per widget: the committed value (what the server has or is being told), a draft
 * (typed or dragged but not yet committed: the user is mid-edit) and, for widgets inside
 * `st.form`, a pending value held until the form's submit button is clicked. The page store turns
 * the `send` results of these functions into `rerun` messages.
 *
 * Runs are counted by a sequence number the caller keeps (one per run start seen), so that when a
 * run ends the page can tell which of its sent values that run had already seen.
 */
import type { Delta, Element, WidgetElement, WidgetValue } from '@mini-st/protocol';

type Values = Readonly<Record<string, WidgetValue>>;

export interface WidgetState {
  /** Committed values by widget id: what `hello` sends. */
  readonly values: Values;
  /** Uncommitted edits (a text being typed, a thumb being dragged). */
  readonly drafts: Values;
  /** formId → widget id → value changed since the form was last submitted. */
  readonly pending: Readonly<Record<string, Values>>;
  /** widget id → the form it sits in, for widgets that sit in one. */
  readonly formOf: Readonly<Record<string, string>>;
  /** widget id → the run sequence number current when its value was last sent. */
  readonly sentAt: Readonly<Record<string, number>>;
}

export const initialWidgets: WidgetState = { values: {}, drafts: {}, pending: {}, formOf: {}, sentAt: {} };

/** The value an element carries, in wire form; undefined for buttons, which have none. */
export function elementValue(element: WidgetElement): WidgetValue | undefined {
  switch (element.type) {
    case 'button':
    case 'chat_input':
    case 'download_button':
      return undefined;
    case 'radio':
    case 'selectbox':
      return element.index;
    case 'multiselect':
    case 'pills':
      return element.indices;
    case 'date_input':
    case 'time_input':
    case 'color_picker':
    case 'select_slider':
    case 'text_input':
    case 'text_area':
    case 'number_input':
    case 'slider':
    case 'checkbox':
    case 'data_editor':
    case 'file_uploader':
      return element.value;
    default:
      return element satisfies never;
  }
}

/** Whether an element is a widget (has an id the server knows it by). */
export function isWidget(element: Element): element is WidgetElement {
  return 'id' in element;
}

/**
 * Takes in the widget values of newly arrived elements. The server's value becomes the committed
 * one; a draft or a pending form value stays on screen, because the user is still editing it.
 *
 * @example
 * widgets = seedFromDeltas(widgets, msg.deltas);
 */
export function seedFromDeltas(state: WidgetState, deltas: readonly Delta[]): WidgetState {
  let next = state;
  for (const delta of deltas) {
    if (delta.element && isWidget(delta.element)) next = seedElement(next, delta.element);
  }
  return next;
}

/** Takes in one element's value; see `seedFromDeltas`. */
export function seedElement(state: WidgetState, element: WidgetElement): WidgetState {
  const value = elementValue(element);
  if (value === undefined) return state;
  const { id, formId } = element;
  const values = sameValue(state.values[id], value) && id in state.values ? state.values : { ...state.values, [id]: value };
  let formOf = state.formOf;
  if (formId !== undefined && formOf[id] !== formId) formOf = { ...formOf, [id]: formId };
  if (formId === undefined && id in formOf) formOf = without(formOf, id);
  return values === state.values && formOf === state.formOf ? state : { ...state, values, formOf };
}

/**
 * What a widget shows: its draft, else its pending form value, else its committed value.
 * Returns the stored object itself, so a selector over it is stable between calls.
 */
export function displayValue(state: WidgetState, id: string): WidgetValue | undefined {
  if (Object.hasOwn(state.drafts, id)) return state.drafts[id];
  const form = state.formOf[id];
  const pending = form === undefined ? undefined : state.pending[form];
  if (pending && Object.hasOwn(pending, id)) return pending[id];
  return state.values[id];
}

/** Records an edit in progress; nothing is sent. */
export function setDraft(state: WidgetState, id: string, value: WidgetValue): WidgetState {
  if (Object.hasOwn(state.drafts, id) && sameValue(state.drafts[id], value)) return state;
  return { ...state, drafts: { ...state.drafts, [id]: value } };
}

/** Drops an edit in progress, going back to what was shown before it. */
export function discardDraft(state: WidgetState, id: string): WidgetState {
  return Object.hasOwn(state.drafts, id) ? { ...state, drafts: without(state.drafts, id) } : state;
}

/** The result of an action: the new state, and the widget values to send in a rerun, if any. */
export interface Outcome {
  state: WidgetState;
  send: Values | null;
}

/**
 * Commits a value (Enter, blur, a click on a checkbox…). Outside a form a changed value is to be
 * sent; inside one it is held until the form is submitted. An unchanged value sends nothing.
 * `runSeq` is the caller's current run sequence number (see `settle`).
 *
 * @example
 * const { state, send } = commit(widgets, element, 'Ada', runSeq);
 * if (send) socket.rerun(send);
 */
export function commit(state: WidgetState, element: WidgetElement, value: WidgetValue, runSeq = 0): Outcome {
  const { id } = element;
  const base = discardDraft(state, id);
  const formId = element.formId;
  if (formId !== undefined) {
    const formOf = base.formOf[id] === formId ? base.formOf : { ...base.formOf, [id]: formId };
    const held = base.pending[formId] ?? {};
    // Going back to the submitted value is not a change, so it is not held either.
    const nextHeld = sameValue(base.values[id], value) && id in base.values ? without(held, id) : { ...held, [id]: value };
    return { state: { ...base, formOf, pending: { ...base.pending, [formId]: nextHeld } }, send: null };
  }
  if (id in base.values && sameValue(base.values[id], value)) return { state: base, send: null };
  const values = { ...base.values, [id]: value };
  return { state: { ...base, values, sentAt: { ...base.sentAt, [id]: runSeq } }, send: { [id]: value } };
}

/**
 * Submits a form: every widget of the form is sent with its pending or committed value, and
 * the pending values become committed.
 *
 * @example
 * const { state, send } = submitForm(widgets, 'my_form');
 * socket.rerun(send!, submitButtonId);
 */
export function submitForm(state: WidgetState, formId: string, runSeq = 0): Outcome & { send: Values } {
  const held = state.pending[formId] ?? {};
  const send: Record<string, WidgetValue> = {};
  for (const [id, form] of Object.entries(state.formOf)) {
    if (form !== formId) continue;
    const value = Object.hasOwn(held, id) ? held[id] : state.values[id];
    if (value !== undefined) send[id] = value;
  }
  const pending = without(state.pending, formId);
  const sentAt = { ...state.sentAt };
  for (const id of Object.keys(send)) sentAt[id] = runSeq;
  return { state: { ...state, values: { ...state.values, ...send }, pending, sentAt }, send };
}

/**
 * At the end of a run that pruned (ok or error), what the tree holds is what the server holds:
 * rule 5 says an element it did not resend is still current. So each widget's committed value
 * becomes its element's, which is how a value the server reset to what it last sent (e.g.
 * `clear_on_submit`, a session_state write) reaches the page. Values the page sent after the run
 * started are kept (`sentAt >= runSeq`): that run could not have seen them. Drafts and pending
 * form values stay on screen, as always.
 *
 * @example
 * widgets = settle(widgets, widgetElementsOf(tree), runSeqOfTheFinishedRun);
 */
export function settle(state: WidgetState, elements: Iterable<WidgetElement>, runSeq: number): WidgetState {
  let values = state.values;
  for (const element of elements) {
    const value = elementValue(element);
    const sent = state.sentAt[element.id];
    if (value === undefined || (sent !== undefined && sent >= runSeq)) continue;
    if (element.id in values && sameValue(values[element.id], value)) continue;
    if (values === state.values) values = { ...values };
    (values as Record<string, WidgetValue>)[element.id] = value;
  }
  return values === state.values ? state : { ...state, values };
}

/** Forgets widgets no longer on the page, so `hello` does not resurrect them. */
export function retainOnly(state: WidgetState, ids: ReadonlySet<string>): WidgetState {
  const keep = <T>(record: Readonly<Record<string, T>>): Readonly<Record<string, T>> => {
    const gone = Object.keys(record).filter((id) => !ids.has(id));
    if (gone.length === 0) return record;
    const copy = { ...record };
    for (const id of gone) delete copy[id];
    return copy;
  };
  const values = keep(state.values);
  const drafts = keep(state.drafts);
  const formOf = keep(state.formOf);
  const sentAt = keep(state.sentAt);
  let pending = state.pending;
  for (const [form, held] of Object.entries(state.pending)) {
    const kept = keep(held);
    if (kept !== held) pending = { ...pending, [form]: kept };
  }
  const same =
    values === state.values && drafts === state.drafts && formOf === state.formOf && pending === state.pending && sentAt === state.sentAt;
  return same ? state : { values, drafts, pending, formOf, sentAt };
}

/** Whether two wire values are equal (arrays by content). */
export function sameValue(a: WidgetValue | undefined, b: WidgetValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  // st.data_editor's edit state: small JSON objects, compared by content.
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function without<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!Object.hasOwn(record, key)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}
