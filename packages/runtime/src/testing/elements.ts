/**
 * What AppTest hands a test: wrappers around the elements of the last run, Streamlit-AppTest style.
 * Display elements expose `value`; widgets expose `value`, their `key`, and the interactions
 * (`click`, `input`, `set_value`, `check`, `select`…) that queue a value for the next run, which
 * `widget.run()` (or `at.run()`) performs.
 */
import type { Element, WidgetValue } from '@mini-st/protocol';
import { sameValue, type WidgetRecord } from '../st/script-state.js';
import { descendants, type BlockNode, type TreeNode } from './element-tree.js';
import type { UploadRecord } from '../media/session-media.js';
import type { DownloadButtonWidget, FileUploaderWidget } from './media-elements.js';
import type { DataEditorWidget } from './data-elements.js';

/** What the wrappers need from their AppTest. */
export interface Driver<A> {
  record(id: string): WidgetRecord | undefined;
  queue(id: string, raw: WidgetValue): void;
  queued(id: string): { raw: WidgetValue } | undefined;
  click(id: string): void;
  clicked(id: string): boolean;
  run(): Promise<A>;
  /** Put a file as if the page had uploaded it (`at.file_uploader[i].upload`). */
  upload?(record: UploadRecord): void;
  /** The bytes behind a media URL the script made. */
  media?(url: string): Uint8Array | undefined;
}

/** Wrappers other files add for their widget types (media-elements.ts), so this file need not import them. */
export const widgetWrappers = new Map<string, (element: Element & { id: string; label: string }, driver: Driver<unknown>) => AppElement>();

/** Any element of the last run. */
export class AppElement {
  readonly type: string;
  /** The element exactly as sent to the page. */
  readonly proto: Element;

  constructor(proto: Element) {
    this.type = proto.type;
    this.proto = proto;
  }

  /** The text of text elements, parsed JSON of `st.json`, the message of an exception. */
  get value(): unknown {
    const proto = this.proto;
    switch (proto.type) {
      case 'heading':
      case 'markdown':
      case 'text':
      case 'code':
      case 'alert':
        return proto.body;
      case 'json':
        return JSON.parse(proto.body) as unknown;
      case 'exception':
        return proto.message;
      case 'table':
        return proto.rows;
      case 'progress':
        return proto.value;
      case 'spinner':
        return proto.text;
      case 'metric':
        return proto.value;
      case 'dataframe':
        // The shown columns as records, in wire form (times as UTC milliseconds).
        return Array.from({ length: proto.data.rowCount }, (_, r) => Object.fromEntries(proto.data.columns.map((c) => [c.name, c.values[r] ?? null])));
      case 'chart':
        // A built-in chart: its series by name, as drawn (after the x/y/color rules).
        return Object.fromEntries(proto.data.series.map((series) => [series.name, series.values]));
      case 'vega_lite_chart':
        return JSON.parse(proto.spec) as unknown;
      case 'page_link':
        return proto.label;
      default:
        return undefined;
    }
  }

  /** The message of `st.exception` elements (and errors drawn from the script). */
  get message(): string | undefined {
    return this.proto.type === 'exception' ? this.proto.message : undefined;
  }
}

/** A widget of the last run. Interactions queue a value; `run()` performs the next run. */
export class Widget<V = unknown, A = unknown> extends AppElement {
  readonly id: string;
  readonly label: string;
  protected readonly driver: Driver<A>;

  constructor(proto: Element & { id: string; label: string }, driver: Driver<A>) {
    super(proto);
    this.id = proto.id;
    this.label = proto.label;
    this.driver = driver;
  }

  get key(): string | undefined {
    return this.driver.record(this.id)?.key;
  }

  get disabled(): boolean {
    return 'disabled' in this.proto && this.proto.disabled;
  }

  /** The value the script will see next run: a queued one, else the current one. */
  override get value(): V {
    const record = this.driver.record(this.id);
    const queued = this.driver.queued(this.id);
    if (queued && record) return record.deserialize(queued.raw) as V;
    return record?.value as V;
  }

  /** Queue a value (the script's own type: an option, a number, `[low, high]`…). */
  set_value(value: V): this {
    this.driver.queue(this.id, this.toWire(value));
    return this;
  }

  /** Run the app with what was queued. */
  run(): Promise<A> {
    return this.driver.run();
  }

  /** Script value → what the page would send, found with the widget's own conversion. */
  protected toWire(value: V): WidgetValue {
    const record = this.driver.record(this.id);
    const proto = this.proto;
    if (record && (proto.type === 'radio' || proto.type === 'selectbox')) {
      if (value === null) return null;
      const index = proto.options.findIndex((_label, i) => sameValue(record.deserialize(i), value));
      if (index < 0) throw new Error(`${proto.type} "${this.label}": ${JSON.stringify(value)} is not one of its options`);
      return index;
    }
    if (record && proto.type === 'select_slider') {
      const range = Array.isArray(proto.value);
      const indexOf = (item: unknown) => {
        const index = proto.options.findIndex((_label, i) => {
          // A range slider reads only pairs: ask for the pair [i, i].
          const option = range ? (record.deserialize([i, i]) as unknown[] | undefined)?.[0] : record.deserialize(i);
          return sameValue(option, item);
        });
        if (index < 0) throw new Error(`select_slider "${this.label}": ${JSON.stringify(item)} is not one of its options`);
        return index;
      };
      if (!range) return indexOf(value);
      const [low, high] = value as unknown as [unknown, unknown];
      return [indexOf(low), indexOf(high)];
    }
    if (record && proto.type === 'pills') {
      const chosen = value === null ? [] : proto.multi ? (value as unknown[]) : [value];
      return chosen.map((item) => {
        const index = proto.options.findIndex((_label, i) => {
          const one = record.deserialize([i]);
          return sameValue(Array.isArray(one) ? one[0] : one, item);
        });
        if (index < 0) throw new Error(`${proto.style} "${this.label}": ${JSON.stringify(item)} is not one of its options`);
        return index;
      });
    }
    if (proto.type === 'date_input') {
      const day = (d: unknown) => (d instanceof Date ? `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : String(d));
      if (!proto.range) return value === null ? null : day(value);
      const days = (value as unknown as unknown[]).map(day);
      return days.length === 0 ? '' : `${days[0]}/${days[1] ?? ''}`;
    }
    if (record && proto.type === 'multiselect') {
      return (value as unknown[]).map((item) => {
        const index = proto.options.findIndex((_label, i) => sameValue((record.deserialize([i]) as unknown[])[0], item));
        if (index < 0) throw new Error(`multiselect "${this.label}": ${JSON.stringify(item)} is not one of its options`);
        return index;
      });
    }
    return value as WidgetValue;
  }
}

export class Button<A = unknown> extends Widget<boolean, A> {
  /** True when the last run was caused by a click on this button. */
  override get value(): boolean {
    return this.driver.clicked(this.id);
  }
  click(): this {
    this.driver.click(this.id);
    return this;
  }
}

export class TextWidget<A = unknown> extends Widget<string | null, A> {
  input(text: string): this {
    return this.set_value(text);
  }
}

export class NumberWidget<V extends number | [number, number] | null, A = unknown> extends Widget<V, A> {
  increment(): this {
    return this.step(1);
  }
  decrement(): this {
    return this.step(-1);
  }
  private step(sign: 1 | -1): this {
    const proto = this.proto;
    const step = 'step' in proto ? proto.step : 1;
    const current = this.value;
    if (typeof current !== 'number') return this.set_value(0 as V);
    return this.set_value((current + sign * step) as V);
  }
}

/** `st.chat_input`: `set_value(text)` sends a message, which the next run sees once. */
export class ChatInputWidget<A = unknown> extends Widget<string | null, A> {
  override set_value(text: string | null): this {
    if (text === null) return this;
    this.driver.queue(this.id, text);
    this.driver.click(this.id);
    return this;
  }
  /** The same as `set_value`. */
  input(text: string): this {
    return this.set_value(text);
  }
}

export class CheckboxWidget<A = unknown> extends Widget<boolean, A> {
  check(): this {
    return this.set_value(true);
  }
  uncheck(): this {
    return this.set_value(false);
  }
}

export class SelectWidget<T = unknown, A = unknown> extends Widget<T, A> {
  get options(): string[] {
    return 'options' in this.proto ? this.proto.options : [];
  }
  select(option: T): this {
    return this.set_value(option);
  }
  select_index(index: number): this {
    this.driver.queue(this.id, index);
    return this;
  }
}

export class MultiselectWidget<T = unknown, A = unknown> extends Widget<T[], A> {
  get options(): string[] {
    return 'options' in this.proto ? this.proto.options : [];
  }
  select(option: T): this {
    return this.set_value([...this.value, option]);
  }
  unselect(option: T): this {
    return this.set_value(this.value.filter((item) => !sameValue(item, option)));
  }
}

/**
 * A list of elements that is also callable with a widget key, like Streamlit's
 * `at.text_input(key="name")`: `at.text_input("name")`, `at.text_input[0]`, `at.text_input.length`.
 */
export type ElementList<T> = {
  (key: string): T;
  readonly [index: number]: T;
  readonly length: number;
  /** The `value` of each element. */
  readonly values: unknown[];
} & Pick<readonly T[], 'at' | 'map' | 'filter' | 'find' | 'forEach' | 'some' | 'every' | typeof Symbol.iterator>;

export function elementList<T extends AppElement>(items: T[], what: string): ElementList<T> {
  const byKey = (key: string): T => {
    const found = items.find((item) => item instanceof Widget && item.key === key);
    if (!found) throw new Error(`no ${what} with key "${key}" in the last run`);
    return found;
  };
  return new Proxy(function list() {} as unknown as ElementList<T>, {
    apply: (_target, _this, args: unknown[]) => byKey(String(args[0])),
    get(_target, property) {
      if (property === 'length') return items.length;
      if (property === 'values') return items.map((item) => item.value);
      if (typeof property === 'string' && /^\d+$/.test(property)) return items[Number(property)];
      const member = (items as unknown as Record<PropertyKey, unknown>)[property];
      return typeof member === 'function' ? member.bind(items) : member;
    },
  });
}

/** A container's view: every element accessor, scoped to the nodes under it. */
export abstract class ElementContainer<A> {
  protected abstract nodes(): TreeNode[];
  protected abstract readonly driver: Driver<A>;

  /** All elements of a type, in page order (`"markdown"`, `"slider"`…). */
  get(type: string): ElementList<AppElement> {
    return elementList(this.wrapAll().filter((element) => element.type === type || matches(element, type)), type);
  }

  get title() { return this.headings('title'); }
  get header() { return this.headings('header'); }
  get subheader() { return this.headings('subheader'); }
  get markdown() { return this.byType('markdown', (e) => e.type === 'markdown' && e.variant === 'normal'); }
  get caption() { return this.byType('caption', (e) => e.type === 'markdown' && e.variant === 'caption'); }
  get text() { return this.byType('text'); }
  get code() { return this.byType('code'); }
  get json() { return this.byType('json'); }
  get divider() { return this.byType('divider'); }
  get table() { return this.byType('table'); }
  get exception() { return this.byType('exception'); }
  get error() { return this.alerts('error'); }
  get warning() { return this.alerts('warning'); }
  get info() { return this.alerts('info'); }
  get success() { return this.alerts('success'); }

  get button() { return this.widgets<Button<A>>('button', (e) => e.type === 'button'); }
  get text_input() { return this.widgets<TextWidget<A>>('text_input'); }
  get text_area() { return this.widgets<TextWidget<A>>('text_area'); }
  get number_input() { return this.widgets<NumberWidget<number | null, A>>('number_input'); }
  get slider() { return this.widgets<NumberWidget<number | [number, number], A>>('slider'); }
  get checkbox() { return this.widgets<CheckboxWidget<A>>('checkbox', (e) => e.type === 'checkbox' && e.style === 'checkbox'); }
  get toggle() { return this.widgets<CheckboxWidget<A>>('toggle', (e) => e.type === 'checkbox' && e.style === 'toggle'); }
  get radio() { return this.widgets<SelectWidget<any, A>>('radio'); }
  get selectbox() { return this.widgets<SelectWidget<any, A>>('selectbox'); }
  get multiselect() { return this.widgets<MultiselectWidget<any, A>>('multiselect'); }
  get chat_input() { return this.widgets<ChatInputWidget<A>>('chat_input'); }
  get date_input() { return this.widgets<Widget<any, A>>('date_input'); }
  get time_input() { return this.widgets<Widget<string | null, A>>('time_input'); }
  get color_picker() { return this.widgets<Widget<string, A>>('color_picker'); }
  get select_slider() { return this.widgets<Widget<any, A>>('select_slider'); }
  get pills() { return this.widgets<Widget<any, A>>('pills', (e) => e.type === 'pills' && e.style === 'pills'); }
  get segmented_control() { return this.widgets<Widget<any, A>>('segmented_control', (e) => e.type === 'pills' && e.style === 'segmented_control'); }

  /** `st.image`: `proto.images` holds each picture's URL and caption. */
  get image() { return this.byType('image'); }
  get audio() { return this.byType('audio'); }
  get video() { return this.byType('video'); }
  /** `st.link_button`: `proto.url` is where it leads. */
  get link_button() { return this.byType('link_button'); }
  get file_uploader() { return this.widgets<FileUploaderWidget<A>>('file_uploader'); }
  get download_button() { return this.widgets<DownloadButtonWidget<A>>('download_button'); }

  get progress() { return this.byType('progress'); }
  get spinner() { return this.byType('spinner'); }
  get metric() { return this.byType('metric'); }
  /** `st.dataframe`: `value` is the shown data as records (`proto.data` column by column, `proto.columns` their config). */
  get dataframe() { return this.byType('dataframe'); }
  /** `st.data_editor`: `value` is the edit state; `edit_cell`, `add_row`, `delete_row` queue edits (data-elements.ts). */
  get data_editor() { return this.widgets<DataEditorWidget<A>>('data_editor'); }
  /** Built-in charts by kind (`value`: series name → y values; `proto.data.x`: the shared x values). */
  get line_chart() { return this.byType('line_chart', (e) => e.type === 'chart' && e.kind === 'line'); }
  get area_chart() { return this.byType('area_chart', (e) => e.type === 'chart' && e.kind === 'area'); }
  get bar_chart() { return this.byType('bar_chart', (e) => e.type === 'chart' && e.kind === 'bar'); }
  get scatter_chart() { return this.byType('scatter_chart', (e) => e.type === 'chart' && e.kind === 'scatter'); }
  /** `value`: the parsed spec; `proto.data`: the data, column by column. */
  get vega_lite_chart() { return this.byType('vega_lite_chart'); }
  /** `st.page_link`: `value` is the label; `proto.urlPath` / `proto.url` say where it leads. */
  get page_link() { return this.byType('page_link'); }

  get columns() { return this.blocks('column'); }
  get tabs() { return this.blocks('tab'); }
  get expander() { return this.blocks('expander'); }
  /** `st.status` containers (expanders with a state; `state` on each). */
  get status() { return this.blocks('expander', (block) => block.type === 'expander' && block.state !== undefined); }
  get chat_message() { return this.blocks('chat_message'); }
  get form() { return this.blocks('form'); }
  /** `st.dialog` bodies drawn in the last run (`label` is the title). */
  get dialog() { return this.blocks('dialog'); }
  get container() { return this.blocks('vertical'); }

  private elements(): Element[] {
    return this.nodes().flatMap((node) => (node.kind === 'element' ? [node.element] : []));
  }

  private wrapAll(): AppElement[] {
    return this.elements().map((element) => this.wrap(element));
  }

  private wrap(element: Element): AppElement {
    if (!('id' in element)) return new AppElement(element);
    switch (element.type) {
      case 'button':
        return new Button<A>(element, this.driver);
      case 'text_input':
      case 'text_area':
        return new TextWidget<A>(element, this.driver);
      case 'number_input':
      case 'slider':
        return new NumberWidget<number, A>(element, this.driver);
      case 'checkbox':
        return new CheckboxWidget<A>(element, this.driver);
      case 'radio':
      case 'selectbox':
        return new SelectWidget<unknown, A>(element, this.driver);
      case 'multiselect':
        return new MultiselectWidget<unknown, A>(element, this.driver);
      case 'chat_input':
        return new ChatInputWidget<A>(element, this.driver);
      case 'date_input':
      case 'time_input':
      case 'color_picker':
      case 'select_slider':
      case 'pills':
        return new Widget<unknown, A>(element, this.driver);
      case 'file_uploader':
      case 'download_button':
      case 'data_editor':
        return widgetWrappers.get(element.type)?.(element, this.driver as Driver<unknown>) ?? new Widget<unknown, A>(element, this.driver);
    }
  }

  private byType(what: string, test: (element: Element) => boolean = (e) => e.type === what): ElementList<AppElement> {
    return elementList(this.elements().filter(test).map((element) => this.wrap(element)), what);
  }

  private headings(level: 'title' | 'header' | 'subheader') {
    return this.byType(level, (e) => e.type === 'heading' && e.level === level);
  }

  private alerts(kind: 'error' | 'warning' | 'info' | 'success') {
    return this.byType(kind, (e) => e.type === 'alert' && e.kind === kind);
  }

  private widgets<W extends AppElement>(what: string, test: (element: Element) => boolean = (e) => e.type === what): ElementList<W> {
    return elementList(this.elements().filter(test).map((element) => this.wrap(element) as W), what);
  }

  private blocks(type: string, test: (block: BlockNode['block']) => boolean = (block) => block.type === type): ElementList<BlockView<A>> {
    const views = this.nodes().flatMap((node) => (node.kind === 'block' && test(node.block) ? [new BlockView<A>(node, this.driver)] : []));
    return elementList(views as unknown as AppElement[], type) as unknown as ElementList<BlockView<A>>;
  }
}

/** A block of the last run (`at.sidebar`, `at.columns[0]`, `at.tabs[1]`…) with the same accessors. */
export class BlockView<A> extends ElementContainer<A> {
  readonly type: string;
  /** The tab's or expander's label. */
  readonly label: string | undefined;
  /** An `st.status`'s state; a chat message's author is `name`. */
  readonly state: 'running' | 'complete' | 'error' | undefined;
  readonly name: string | undefined;
  protected readonly driver: Driver<A>;
  private readonly node: BlockNode;

  constructor(node: BlockNode, driver: Driver<A>) {
    super();
    this.node = node;
    this.driver = driver;
    this.type = node.block.type;
    this.label = 'label' in node.block ? node.block.label : 'title' in node.block ? node.block.title : undefined;
    this.state = node.block.type === 'expander' ? node.block.state : undefined;
    this.name = node.block.type === 'chat_message' ? node.block.name : undefined;
  }

  protected nodes(): TreeNode[] {
    return descendants(this.node);
  }
}

function matches(element: AppElement, type: string): boolean {
  const proto = element.proto;
  if (proto.type === 'heading') return proto.level === type;
  if (proto.type === 'alert') return proto.kind === type;
  if (proto.type === 'checkbox') return proto.style === type;
  if (proto.type === 'pills') return proto.style === type;
  if (proto.type === 'chart') return `${proto.kind}_chart` === type;
  return false;
}
