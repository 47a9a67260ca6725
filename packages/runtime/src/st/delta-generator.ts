/**
 * `DeltaGenerator`: every element, widget and container method, bound to a place in the element
 * tree. `st` is one (writing to the active container, else the main area); `st.sidebar`, the
 * columns, tabs, expanders, forms, containers and placeholders are others with the same methods.
 * Python's `with col:` is `col.with(() => { … })`: plain `st.*` calls inside go into `col`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AlertKind, Block, Element, WidgetElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { currentRun, type RunContext } from '../runner/run-context.js';
import { exceptionElement, toJsonText, writeElement } from './elements.js';
import { registerWidget, type WidgetSpec } from './widget.js';
import {
  buttonSpec,
  checkboxSpec,
  multiselectSpec,
  numberInputSpec,
  radioSpec,
  selectboxSpec,
  sliderSpec,
  textAreaSpec,
  textInputSpec,
  type ButtonOptions,
  type CheckboxOptions,
  type FormSubmitButtonOptions,
  type MultiselectOptions,
  type NumberInputOptions,
  type RadioOptions,
  type SelectboxOptions,
  type SliderOptions,
  type TextAreaOptions,
  type TextInputOptions,
} from './widgets.js';
import { MAIN_TARGET, type Target } from './target.js';
import { currentFragment, isWithin } from './fragment-scope.js';

/** The container that plain `st.*` calls write to, set by `container.with(fn)`. */
const activeContainer = new AsyncLocalStorage<DeltaGenerator>();

export interface HeadingOptions {
  /** Anchor for links to this heading; `false` hides it. */
  anchor?: string | false;
  help?: string;
  /** Draw a colored divider below (`true` or a color name). */
  divider?: boolean | string;
}

export interface MarkdownOptions {
  /** Render raw HTML in the text. Off by default: HTML is shown escaped. */
  unsafe_allow_html?: boolean;
  help?: string;
}

export interface ContainerOptions {
  border?: boolean;
  /** Fixed height in pixels; the content scrolls. */
  height?: number;
  key?: string;
}

export interface ColumnsOptions {
  gap?: 'small' | 'medium' | 'large';
  vertical_alignment?: 'top' | 'center' | 'bottom';
  border?: boolean;
}

export interface ExpanderOptions {
  expanded?: boolean;
  icon?: string;
}

export interface FormOptions {
  /** Reset every widget in the form to its default after a submit. */
  clear_on_submit?: boolean;
  /** Pressing Enter in a text input submits the form (default true). */
  enter_to_submit?: boolean;
  border?: boolean;
}

/** `[T, T, …]` of length N, so `const [a, b] = st.columns(2)` needs no non-null assertions. */
export type TupleOf<T, N extends number, R extends T[] = []> = number extends N
  ? T[]
  : R['length'] extends N
    ? R
    : TupleOf<T, N, [T, ...R]>;

/** One container per entry of `W`, as a tuple of the same length. */
export type ContainersFor<W extends readonly unknown[]> = { -readonly [K in keyof W]: DeltaGenerator };

export class DeltaGenerator {
  /** @internal */
  readonly _target: Target;

  /** @internal Containers are made by `st.container()`, `st.columns()`, …, not constructed. */
  constructor(target: Target) {
    this._target = target;
  }

  // --- placing -------------------------------------------------------------------------------

  /** @internal The run and the place this call writes to; the checkpoint of every `st.*` call. */
  _resolve(fn: string): { context: RunContext; target: Target } {
    const context = currentRun(fn);
    context.checkpoint();
    const target = this._target;
    if (target.runId !== -1 && target.runId !== context.runId) throw new MiniStError('MST_ERR_STALE_CONTAINER');
    // Cheap checks first: full runs without fragments never look up the fragment frame.
    if (context.fragmentBodies !== 0) {
      const frame = currentFragment();
      if (frame && !isWithin(target.path, frame.path)) throw new MiniStError('MST_ERR_FRAGMENT_OUTSIDE_WRITE', { fn });
    }
    // A fragment run draws nothing outside its fragments (a callback writing to the main area…).
    if (context.scope !== null && !context.scope.some((path) => isWithin(target.path, path))) {
      throw new MiniStError('MST_ERR_FRAGMENT_OUTSIDE_WRITE', { fn });
    }
    return { context, target };
  }

  /** @internal */
  protected place(fn: string, element: Element): void {
    const { context, target } = this._resolve(fn);
    placeIn(context, target, element);
  }

  /** @internal */
  protected block(fn: string, block: Block, formId?: string): DeltaGenerator {
    const { context, target } = this._resolve(fn);
    const path = placeIn(context, target, block);
    const inherited = formId ?? target.formId;
    // A fragment's own block (it carries the id) starts that fragment's scope.
    const fragmentId = (block as { fragmentId?: string }).fragmentId ?? target.fragmentId;
    return new DeltaGenerator({
      path,
      placeholder: false,
      runId: context.runId,
      ...(inherited !== undefined ? { formId: inherited } : {}),
      ...(fragmentId !== undefined ? { fragmentId } : {}),
    });
  }

  /** @internal */
  protected widget<T>(spec: WidgetSpec<T>): T {
    const { context, target } = this._resolve(spec.kind);
    return registerWidget(context, target, (element: WidgetElement) => placeIn(context, target, element), spec);
  }

  /**
   * @internal Doors to `place`, `block` and `widget` for the API families in `st/*.ts` (status,
   * chat, metric…), which attach their methods to this class by declaration merging.
   */
  _place(fn: string, element: Element): void {
    this.place(fn, element);
  }

  /** @internal See `_place`. */
  _block(fn: string, block: Block): DeltaGenerator {
    return this.block(fn, block);
  }

  /** @internal See `_place`. */
  _widget<T>(spec: WidgetSpec<T>): T {
    return this.widget(spec);
  }

  /**
   * Run `fn` with this container active: plain `st.*` calls inside it write here (Python's
   * `with container:`). Returns what `fn` returns; an async `fn` is awaited by the caller.
   *
   * @example
   * const [left, right] = st.columns(2);
   * left.with(() => st.write("in the left column"));
   * await right.with(async () => { st.write(await load()); });
   */
  with<R>(fn: () => R): R {
    return activeContainer.run(this, fn);
  }

  // --- text elements -------------------------------------------------------------------------

  /**
   * Text in title formatting (h1). Markdown inline syntax works.
   * @example st.title("My app");
   */
  title(body: string, options: HeadingOptions = {}): void {
    this.place('title', heading('title', body, options));
  }

  /**
   * Text in header formatting (h2).
   * @example st.header("Results", { divider: "rainbow" });
   */
  header(body: string, options: HeadingOptions = {}): void {
    this.place('header', heading('header', body, options));
  }

  /**
   * Text in subheader formatting (h3).
   * @example st.subheader("Details");
   */
  subheader(body: string, options: HeadingOptions = {}): void {
    this.place('subheader', heading('subheader', body, options));
  }

  /**
   * Markdown (CommonMark and GitHub tables). Raw HTML is escaped unless `unsafe_allow_html`.
   * @example st.markdown("**bold** and a [link](https://example.com)");
   */
  markdown(body: string, options: MarkdownOptions = {}): void {
    this.place('markdown', markdown(String(body), 'normal', options));
  }

  /**
   * Small, muted text for captions and footnotes (markdown).
   * @example st.caption("Data from 2024.");
   */
  caption(body: string, options: MarkdownOptions = {}): void {
    this.place('caption', markdown(String(body), 'caption', options));
  }

  /**
   * Fixed-width text, shown exactly as given (no markdown).
   * @example st.text("exactly   as   typed");
   */
  text(body: string, options: { help?: string } = {}): void {
    this.place('text', { type: 'text', body: String(body), ...(options.help !== undefined ? { help: options.help } : {}) });
  }

  /**
   * A code block.
   * @example st.code("const x = 1;", { language: "typescript" });
   */
  code(body: string, options: { language?: string | null; line_numbers?: boolean } = {}): void {
    this.place('code', {
      type: 'code',
      body: String(body),
      language: options.language === undefined ? 'python' : options.language,
      lineNumbers: options.line_numbers ?? false,
    });
  }

  /**
   * Any value as pretty-printed, collapsible JSON.
   * @example st.json({ a: 1, b: [1, 2] });
   */
  json(body: unknown, options: { expanded?: boolean } = {}): void {
    const text = typeof body === 'string' ? body : toJsonText(body);
    this.place('json', { type: 'json', body: text, expanded: options.expanded ?? true });
  }

  /**
   * A horizontal rule.
   * @example st.divider();
   */
  divider(): void {
    this.place('divider', { type: 'divider' });
  }

  /** @example st.error("Something went wrong"); */
  error(body: string, options: { icon?: string } = {}): void {
    this.place('error', alert('error', body, options));
  }

  /** @example st.warning("Careful"); */
  warning(body: string, options: { icon?: string } = {}): void {
    this.place('warning', alert('warning', body, options));
  }

  /** @example st.info("Did you know?"); */
  info(body: string, options: { icon?: string } = {}): void {
    this.place('info', alert('info', body, options));
  }

  /** @example st.success("Saved!"); */
  success(body: string, options: { icon?: string } = {}): void {
    this.place('success', alert('success', body, options));
  }

  /**
   * An error with its stack trace, mapped to your source lines.
   * @example try { work(); } catch (e) { st.exception(e); }
   */
  exception(error: unknown): void {
    this.place('exception', exceptionElement(error));
  }

  /**
   * Writes each argument the way that suits it: strings as markdown, numbers as text, arrays of
   * records as a table, errors as exceptions, other values as JSON.
   * @example st.write("Total:", 42, [{ a: 1 }, { a: 2 }]);
   */
  write(...args: unknown[]): void {
    for (const element of writeElements(args)) this.place('write', element);
  }

  // --- containers ----------------------------------------------------------------------------

  /**
   * A placeholder that holds one element; each write to it replaces what it shows.
   * @example
   * const status = st.empty();
   * status.text("working…");
   * status.text("done");
   */
  empty(): DeltaGenerator {
    const { context, target } = this._resolve('empty');
    const path = placeIn(context, target, { type: 'empty' });
    return new DeltaGenerator({
      path,
      placeholder: true,
      runId: context.runId,
      ...(target.formId !== undefined ? { formId: target.formId } : {}),
      ...(target.fragmentId !== undefined ? { fragmentId: target.fragmentId } : {}),
    });
  }

  /**
   * A container to write into out of order, optionally bordered or of fixed height.
   * @example
   * const box = st.container({ border: true });
   * box.write("inside");
   */
  container(options: ContainerOptions = {}): DeltaGenerator {
    return this.block('container', {
      type: 'vertical',
      border: options.border ?? false,
      ...(options.height !== undefined ? { height: options.height } : {}),
    });
  }

  /**
   * Side-by-side columns: a count, or relative widths.
   * @example
   * const [a, b] = st.columns([2, 1]);
   * a.write("wide"); b.write("narrow");
   */
  columns<N extends number>(spec: N, options?: ColumnsOptions): TupleOf<DeltaGenerator, N>;
  columns<const W extends readonly number[]>(spec: W, options?: ColumnsOptions): ContainersFor<W>;
  columns(spec: number | readonly number[], options: ColumnsOptions = {}): DeltaGenerator[] {
    const weights = typeof spec === 'number' ? Array.from({ length: spec }, () => 1) : [...spec];
    if (weights.length === 0 || weights.some((w) => !(w > 0))) {
      throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'columns', detail: 'spec must be a positive count or a list of positive widths' });
    }
    const row = this.block('columns', { type: 'horizontal', gap: options.gap ?? 'small' });
    return weights.map((weight) =>
      row.block('columns', {
        type: 'column',
        weight,
        verticalAlignment: options.vertical_alignment ?? 'top',
        border: options.border ?? false,
      }),
    );
  }

  /**
   * Tabs; returns one container per label.
   * @example
   * const [chart, data] = st.tabs(["Chart", "Data"]);
   */
  tabs<const L extends readonly string[]>(labels: L): ContainersFor<L>;
  tabs(labels: readonly string[]): DeltaGenerator[] {
    if (labels.length === 0) throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'tabs', detail: 'give at least one tab label' });
    const tabs = this.block('tabs', { type: 'tabs' });
    return labels.map((label) => tabs.block('tabs', { type: 'tab', label: String(label) }));
  }

  /**
   * A section that can be expanded and collapsed.
   * @example st.expander("See explanation").write("…");
   */
  expander(label: string, options: ExpanderOptions = {}): DeltaGenerator {
    return this.block('expander', {
      type: 'expander',
      label,
      expanded: options.expanded ?? false,
      ...(options.icon !== undefined ? { icon: options.icon } : {}),
    });
  }

  /**
   * A form: its widgets send their values together, in one rerun, when its submit button is
   * clicked.
   * @example
   * const form = st.form("signup");
   * const name = form.text_input("Name");
   * if (form.form_submit_button("Sign up")) st.write(`Hello ${name}`);
   */
  form(key: string, options: FormOptions = {}): DeltaGenerator {
    const { context, target } = this._resolve('form');
    if (target.formId !== undefined) throw new MiniStError('MST_ERR_FORM_NESTED', { key });
    const formId = `form-${key}`;
    if (context.forms.has(formId)) throw new MiniStError('MST_ERR_FORM_DUPLICATE_KEY', { key });
    const form = this.block(
      'form',
      {
        type: 'form',
        formId,
        clearOnSubmit: options.clear_on_submit ?? false,
        border: options.border ?? true,
        enterToSubmit: options.enter_to_submit ?? true,
      },
      formId,
    );
    context.forms.set(formId, {
      key,
      hasSubmit: false,
      path: form._target.path,
      clearOnSubmit: options.clear_on_submit ?? false,
    });
    return form;
  }

  // --- widgets -------------------------------------------------------------------------------

  /**
   * A button; true for exactly the one run that its click caused.
   * @example if (st.button("Say hello")) st.write("Hello!");
   */
  button(label: string, options: ButtonOptions = {}): boolean {
    if (this._target.formId !== undefined) throw new MiniStError('MST_ERR_FORM_BUTTON');
    return this.widget(buttonSpec('button', label, options));
  }

  /**
   * The submit button of the form it is in.
   * @example if (form.form_submit_button("Save")) st.success("Saved");
   */
  form_submit_button(label = 'Submit', options: FormSubmitButtonOptions = {}): boolean {
    const { context, target } = this._resolve('form_submit_button');
    const form = target.formId === undefined ? undefined : context.forms.get(target.formId);
    if (!form || target.formId === undefined) throw new MiniStError('MST_ERR_FORM_SUBMIT_OUTSIDE');
    form.hasSubmit = true;
    return this.widget(
      buttonSpec('form_submit_button', label, options, { formId: target.formId, clearOnSubmit: form.clearOnSubmit }),
    );
  }

  /**
   * A single-line text input; its value is sent on Enter or when it loses focus.
   * @example const name = st.text_input("Your name");
   */
  text_input(label: string, options?: TextInputOptions & { value?: string }): string;
  text_input(label: string, options: TextInputOptions): string | null;
  text_input(label: string, options: TextInputOptions = {}): string | null {
    return this.widget(textInputSpec(label, options));
  }

  /**
   * A multi-line text input.
   * @example const bio = st.text_area("About you", { height: 120 });
   */
  text_area(label: string, options?: TextAreaOptions & { value?: string }): string;
  text_area(label: string, options: TextAreaOptions): string | null;
  text_area(label: string, options: TextAreaOptions = {}): string | null {
    return this.widget(textAreaSpec(label, options));
  }

  /**
   * A numeric input with step buttons. Whole numbers unless a fractional value, bound or step is
   * given (or a float format).
   * @example const n = st.number_input("Count", { min_value: 0, max_value: 10, value: 3 });
   */
  number_input(label: string, options?: NumberInputOptions & { value?: number | 'min' }): number;
  number_input(label: string, options: NumberInputOptions): number | null;
  number_input(label: string, options: NumberInputOptions = {}): number | null {
    return this.widget(numberInputSpec(label, options));
  }

  /**
   * A slider: one value, or a range when `value` is `[low, high]`.
   * @example
   * const age = st.slider("Age", { min_value: 0, max_value: 130, value: 25 });
   * const [lo, hi] = st.slider("Range", { value: [25, 75] });
   */
  slider(label: string, options: SliderOptions<[number, number]> & { value: [number, number] }): [number, number];
  slider(label: string, options?: SliderOptions<number>): number;
  slider(label: string, options: SliderOptions<number | [number, number]> = {}): number | [number, number] {
    return this.widget(sliderSpec(label, options));
  }

  /**
   * A checkbox.
   * @example if (st.checkbox("Show details")) st.write("…");
   */
  checkbox(label: string, options: CheckboxOptions = {}): boolean {
    return this.widget(checkboxSpec('checkbox', label, options));
  }

  /**
   * An on/off switch.
   * @example const dark = st.toggle("Dark mode");
   */
  toggle(label: string, options: CheckboxOptions = {}): boolean {
    return this.widget(checkboxSpec('toggle', label, options));
  }

  /**
   * One choice from a list, as radio buttons. Returns the option itself.
   * @example const genre = st.radio("Genre", ["Comedy", "Drama"]);
   */
  radio<T>(label: string, options: Iterable<T>, opts?: RadioOptions<T> & { index?: number }): T;
  radio<T>(label: string, options: Iterable<T>, opts: RadioOptions<T>): T | null;
  radio<T>(label: string, options: Iterable<T>, opts: RadioOptions<T> = {}): T | null {
    return this.widget(radioSpec(label, options, opts));
  }

  /**
   * One choice from a drop-down list. Returns the option itself.
   * @example const fruit = st.selectbox("Fruit", ["apple", "pear"]);
   */
  selectbox<T>(label: string, options: Iterable<T>, opts?: SelectboxOptions<T> & { index?: number }): T;
  selectbox<T>(label: string, options: Iterable<T>, opts: SelectboxOptions<T>): T | null;
  selectbox<T>(label: string, options: Iterable<T>, opts: SelectboxOptions<T> = {}): T | null {
    return this.widget(selectboxSpec(label, options, opts));
  }

  /**
   * Several choices from a list. Returns the chosen options.
   * @example const toppings = st.multiselect("Toppings", ["cheese", "olives"], { default: ["cheese"] });
   */
  multiselect<T>(label: string, options: Iterable<T>, opts: MultiselectOptions<T> = {}): T[] {
    return this.widget(multiselectSpec(label, options, opts));
  }
}

/** Append to a block, or replace a placeholder; returns where the node went. */
function placeIn(context: RunContext, target: Target, node: Element | Block): readonly number[] {
  if (target.placeholder) {
    context.put(target.path, node);
    return target.path;
  }
  return context.append(target.path, node);
}

/** The generator that plain `st.*` calls use: the active container, else the main area. */
export class RootDeltaGenerator extends DeltaGenerator {
  constructor() {
    super(MAIN_TARGET);
  }

  /** @internal */
  override _resolve(fn: string): { context: RunContext; target: Target } {
    const active = activeContainer.getStore();
    if (active && active !== this) return active._resolve(fn);
    return super._resolve(fn);
  }
}

function heading(level: 'title' | 'header' | 'subheader', body: string, options: HeadingOptions): Element {
  const divider = options.divider === true ? 'auto' : options.divider === false ? undefined : options.divider;
  return {
    type: 'heading',
    level,
    body: String(body),
    ...(options.anchor !== undefined ? { anchor: options.anchor } : {}),
    ...(options.help !== undefined ? { help: options.help } : {}),
    ...(divider !== undefined ? { divider } : {}),
  };
}

function markdown(body: string, variant: 'normal' | 'caption', options: MarkdownOptions): Element {
  return {
    type: 'markdown',
    body,
    allowHtml: options.unsafe_allow_html ?? false,
    variant,
    ...(options.help !== undefined ? { help: options.help } : {}),
  };
}

function alert(kind: AlertKind, body: string, options: { icon?: string }): Element {
  return { type: 'alert', kind, body: String(body), ...(options.icon !== undefined ? { icon: options.icon } : {}) };
}

/** Streamlit joins consecutive strings into one markdown block. */
function writeElements(args: unknown[]): Element[] {
  const elements: Element[] = [];
  let text: string[] = [];
  const flush = () => {
    if (text.length > 0) elements.push(writeElement(text.join(' ')));
    text = [];
  };
  for (const arg of args) {
    if (typeof arg === 'string') {
      text.push(arg);
      continue;
    }
    flush();
    elements.push(writeElement(arg));
  }
  flush();
  return elements;
}
