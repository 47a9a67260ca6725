/**
 * The page's state hub (no React): the element tree and the widget values, updated together by
 * server messages and by the user's actions, observable by `useSyncExternalStore`. It decides what
 * each action sends; the connection only carries it.
 */
import type { Delta, ServerMessage, WidgetElement, WidgetValue } from '@mini-st/protocol';
import { applyPageValues, forEachElement, initialTree, reduceTree, type TreeState } from './app-tree.js';
import * as widgets from './widget-state.js';

export interface PageState {
  readonly tree: TreeState;
  readonly widgets: widgets.WidgetState;
}

/** Where reruns and stops go: the connection, or a fake in tests. */
export interface RerunSink {
  /** `fragmentId`: the widgets sit in this fragment, so only it reruns. */
  rerun(widgets: Readonly<Record<string, WidgetValue>>, trigger?: string, fragmentId?: string): void;
  stop(): void;
}

/**
 * The one store of the page: React reads it through `page-context`, widgets act on it, the
 * connection feeds it.
 *
 * @example
 * const store = new PageStore(connection);
 * store.receive(msg);                 // from the server
 * store.commit(element, 'new value'); // from a widget
 */
export class PageStore {
  #state: PageState = { tree: initialTree, widgets: widgets.initialWidgets };
  readonly #listeners = new Set<() => void>();
  #sink: RerunSink | null;
  /** Counts run starts, so widget-state can tell whether a run saw a value the page sent. */
  #runSeq = 0;
  /** Widget id → the fragment it sits in (from its element), for widgets in fragments. */
  readonly #fragmentOf = new Map<string, string>();

  constructor(sink: RerunSink | null = null) {
    this.#sink = sink;
  }

  /** Late wiring, since the connection needs the store (for hello) and the store the connection. */
  attach(sink: RerunSink): void {
    this.#sink = sink;
  }

  getState = (): PageState => this.#state;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /**
   * Applies a server message to the tree, seeds widget values from arriving elements, and when a
   * run prunes, settles every widget on what the server holds (see `widgets.settle`).
   */
  receive(msg: ServerMessage): void {
    const before = this.#state.tree;
    const tree = reduceTree(before, msg);
    // A run starts with run_started, or with deltas/run_finished of a run never seen to start.
    if (msg.type === 'run_started' || ((msg.type === 'deltas' || msg.type === 'run_finished') && msg.runId !== before.runId)) this.#runSeq += 1;
    let w = this.#state.widgets;
    if (msg.type === 'deltas') {
      w = widgets.seedFromDeltas(w, msg.deltas);
      this.#noteFragments(msg.deltas);
    }
    if (msg.type === 'run_finished' && (msg.status === 'ok' || msg.status === 'error')) {
      const elements = widgetElements(tree);
      if (this.#fragmentOf.size > 0) {
        const shown = new Set(elements.map((e) => e.id));
        for (const id of this.#fragmentOf.keys()) if (!shown.has(id)) this.#fragmentOf.delete(id);
      }
      w = widgets.settle(widgets.retainOnly(w, new Set(elements.map((e) => e.id))), elements, this.#runSeq);
    }
    this.#set(tree, w);
  }

  /** The value a widget shows now (draft, pending form value, or committed). */
  valueOf(id: string): WidgetValue | undefined {
    return widgets.displayValue(this.#state.widgets, id);
  }

  setDraft(id: string, value: WidgetValue): void {
    this.#set(this.#state.tree, widgets.setDraft(this.#state.widgets, id, value));
  }

  discardDraft(id: string): void {
    this.#set(this.#state.tree, widgets.discardDraft(this.#state.widgets, id));
  }

  /** Commits a value: sends a rerun, or holds it for the widget's form. */
  commit(element: WidgetElement, value: WidgetValue): void {
    const { state, send } = widgets.commit(this.#state.widgets, element, value, this.#runSeq);
    this.#set(send ? applyPageValues(this.#state.tree, send) : this.#state.tree, state);
    if (send) this.#sink?.rerun(send, undefined, this.#fragmentOf.get(element.id));
  }

  /** Commits the widget's draft, if it has one (on blur, on pointer release). */
  commitDraft(element: WidgetElement): void {
    const { drafts } = this.#state.widgets;
    if (Object.hasOwn(drafts, element.id)) this.commit(element, drafts[element.id]!);
  }

  /** A button click: a rerun whose trigger is the button. */
  click(buttonId: string): void {
    this.#sink?.rerun({}, buttonId, this.#fragmentOf.get(buttonId));
  }

  /** A chat message sent: a rerun carrying the text as the input's value, triggered by it. */
  submitChat(inputId: string, text: string): void {
    this.#sink?.rerun({ [inputId]: text }, inputId, this.#fragmentOf.get(inputId));
  }

  /** Sends one rerun with every value of the form, triggered by its submit button. */
  submitForm(formId: string, trigger?: string): void {
    const { state, send } = widgets.submitForm(this.#state.widgets, formId, this.#runSeq);
    this.#set(applyPageValues(this.#state.tree, send), state);
    const anyWidget = trigger ?? Object.keys(send)[0];
    this.#sink?.rerun(send, trigger, anyWidget === undefined ? undefined : this.#fragmentOf.get(anyWidget));
  }

  /** The fragment a widget sits in, if any (its interactions rerun only that fragment). */
  fragmentOf(id: string): string | undefined {
    return this.#fragmentOf.get(id);
  }

  /** A rerun that changes nothing (after the source changed). */
  rerun(): void {
    this.#sink?.rerun({});
  }

  stop(): void {
    this.#sink?.stop();
  }

  #noteFragments(deltas: readonly Delta[]): void {
    for (const delta of deltas) {
      const element = delta.element;
      if (!element || !('id' in element)) continue;
      if (element.fragmentId !== undefined) this.#fragmentOf.set(element.id, element.fragmentId);
      else if (this.#fragmentOf.size > 0) this.#fragmentOf.delete(element.id);
    }
  }

  #set(tree: TreeState, w: widgets.WidgetState): void {
    if (tree === this.#state.tree && w === this.#state.widgets) return;
    this.#state = { tree, widgets: w };
    for (const listener of this.#listeners) listener();
  }
}

function widgetElements(tree: TreeState): WidgetElement[] {
  const found: WidgetElement[] = [];
  forEachElement(tree, (element) => {
    if (widgets.isWidget(element)) found.push(element);
  });
  return found;
}
